/**
 * npm run import -- FILE [--format acled|ucdp|geojson] [--dry-run] [--report rejected.csv]
 *
 * Imports an ACLED or UCDP GED CSV export, or GeoJSON of incidents as /api/incidents.geojson
 * writes them, into the configured store (PGlite at PGLITE_DIR, or
 * DATABASE_URL). The layout is read from the header. On a terminal, a progress bar with the rate
 * and the time left; otherwise a plain line per batch. Ends with the report; rejected rows, each
 * with its line and reason, go to a CSV file too (beside the input, or where --report says).
 * Exit code 0 when the file was read (rows may have been rejected), 1 when it could not be
 * imported at all or stopped part-way (then the report says what was written before).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { settleAfterBulk } from '../lib/db/bulk';
import { migrate } from '../lib/db/migrate';
import { ensureSummaries } from '../lib/db/summaries';
import { applySeed } from '../lib/db/seed';
import { openStoreFor } from './cli-store';
import { importFile } from '@/lib/imports/file';
import { ImportError, type ImportReport, ImportStopped } from '../lib/imports/report';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    report: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const file = positionals[0];
if (values.help || !file) {
  console.log('usage: npm run import -- FILE [--format acled|ucdp|geojson] [--dry-run] [--report rejected.csv]');
  process.exit(values.help ? 0 : 1);
}
if (values.format && !['acled', 'ucdp', 'geojson'].includes(values.format)) {
  console.error(`--format must be acled, ucdp or geojson, not "${values.format}"`);
  process.exit(1);
}
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(1);
}
/** the file, known to exist from here on */
const input: string = file;
const total = fs.statSync(input).size;
const tty = process.stderr.isTTY && !values.json;
const started = performance.now();

function progress({ rows, bytes }: { rows: number; bytes: number }) {
  const seconds = (performance.now() - started) / 1000;
  const rate = rows / Math.max(seconds, 0.001);
  const share = total ? bytes / total : 0;
  const eta = share > 0 ? seconds / share - seconds : 0;
  const line = `${rows.toLocaleString('en')} rows · ${Math.round(rate).toLocaleString('en')} rows/s · ${(share * 100).toFixed(1)}% · ${Math.round(eta)} s left`;
  if (tty) {
    const width = 24;
    const filled = Math.round(share * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}   `);
  } else {
    process.stderr.write(`${line}\n`);
  }
}

/** The most memory this process has held (resident set), in MB. */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const csvField = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The rejected rows as CSV, beside the input (or where --report says); the file's name, or null when none was rejected. */
function writeRejected(report: ImportReport): string | null {
  if (report.rejectedCount === 0) return null;
  const out = values.report ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}.rejected.csv`);
  fs.writeFileSync(
    out,
    `${['line,id,reason', ...report.rejected.map((r) => [r.line, r.id, r.reason].map(csvField).join(','))].join('\n')}\n`,
  );
  return out;
}

function print(report: ImportReport, reportFile: string | null) {
  if (tty) process.stderr.write('\n');
  console.log(
    [
      `${report.dryRun ? 'dry run (nothing written) — ' : ''}${file} (${report.format}) in ${report.seconds} s`,
      `rows read ${report.rowsRead}, inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejectedCount}`,
      `places made from the file ${report.placesCreated}; lines read as Windows-1252 (not UTF-8) ${report.reencodedLines}; peak memory ${peakMb()} MB`,
      `possible matches with incidents already stored (listed for an editor, not merged) ${report.candidates.length}`,
      ...report.notes.slice(0, 10).map((n) => `  note on line ${n.line}${n.id ? ` (${n.id})` : ''}: ${n.note}`),
      ...report.candidates.slice(0, 10).map((c) => `  line ${c.line}: ${c.claim} ~ ${c.incident} (${c.distanceKm} km)`),
      ...report.rejected.slice(0, 10).map((r) => `  rejected line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}`),
      ...(reportFile ? [`rejected rows: ${reportFile}`] : []),
    ].join('\n'),
  );
}

const db = await openStoreFor(
  'npm run import',
  `send the file to it instead (curl --data-binary @${file} -H "authorization: Bearer $EDITOR_TOKEN" {origin}/api/imports)`,
);
try {
  await migrate(db);
  await ensureSummaries(db);
  await applySeed(db);
  const report = await importFile(db, fs.createReadStream(file), {
    format: values.format as 'acled' | 'ucdp' | 'geojson' | undefined,
    dryRun: values['dry-run'],
    onProgress: progress,
  });
  // fresh statistics, and the summary tables rewritten whole (lib/db/bulk.ts)
  if (!values['dry-run']) await settleAfterBulk(db);
  const reportFile = writeRejected(report);
  if (values.json)
    console.log(JSON.stringify({ ...report, rejected: report.rejected.length, candidates: report.candidates.length, peakMb: peakMb() }));
  else print(report, reportFile);
} catch (err) {
  if (tty) process.stderr.write('\n');
  if (err instanceof ImportError) {
    console.error(`Cannot import ${file}: ${err.message}`);
    process.exitCode = 1;
  } else if (err instanceof ImportStopped) {
    // what was written before the fault stands: said first, then why the rest was not
    await settleAfterBulk(db).catch(() => undefined);
    print(err.report, writeRejected(err.report));
    const reason = err.reason instanceof Error ? err.reason.message : String(err.reason);
    console.error(`The import of ${file} stopped after ${err.report.rowsRead} rows: ${reason}. What is counted above was written.`);
    process.exitCode = 1;
  } else {
    throw err;
  }
} finally {
  await db.close();
}
