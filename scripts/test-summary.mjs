// Prints one closing line for the whole run, "tests: N passed, N failed, N skipped",
// from vitest's and Playwright's JSON reports. Exits 1 if a report is missing or counts failures.
import fs from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = false;

try {
  const v = JSON.parse(fs.readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numRuntimeErrors ?? 0);
  skipped += v.numPendingTests + v.numTodoTests;
} catch {
  missing = true;
  console.error(`no vitest report at ${vitestFile}`);
}
try {
  const p = JSON.parse(fs.readFileSync(playwrightFile, 'utf8'));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected + (p.errors?.length ?? 0);
  skipped += p.stats.skipped;
} catch {
  missing = true;
  console.error(`no Playwright report at ${playwrightFile}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(missing || failed > 0 || passed === 0 ? 1 : 0);
