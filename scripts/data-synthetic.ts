/**
 * npm run data:synthetic -- --count N [--seed S]
 *
 * Fills the configured store (PGlite at PGLITE_DIR, or DATABASE_URL) with N deterministic
 * synthetic incidents (lib/synthetic/fill.ts) through COPY, replacing those of the same seed.
 * Every source they cite says it is synthetic, and the dashboard shows a banner while any exists.
 */
import { parseArgs } from 'node:util';
import { settleAfterBulk } from '../lib/db/bulk';
import { migrate } from '../lib/db/migrate';
import { ensureSummaries } from '../lib/db/summaries';
import { applySeed } from '../lib/db/seed';
import { openStoreFor } from './cli-store';
import { fillSynthetic } from '../lib/synthetic/fill';

const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string', default: '1' } } });
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || count > 10_000_000 || !Number.isInteger(seed) || seed < 0) {
  console.error('usage: npm run data:synthetic -- --count N [--seed S]   (N from 1 to 10,000,000; S a whole number)');
  process.exit(1);
}
const tty = process.stderr.isTTY;
const started = performance.now();
const db = await openStoreFor('npm run data:synthetic', null);
try {
  await migrate(db);
  await ensureSummaries(db);
  await applySeed(db);
  const report = await fillSynthetic(db, {
    count,
    seed,
    onProgress: (done) => {
      const s = (performance.now() - started) / 1000;
      const line = `${done.toLocaleString('en')} of ${count.toLocaleString('en')} synthetic incidents · ${Math.round(done / s).toLocaleString('en')}/s · ${Math.round((s / done) * (count - done))} s left`;
      if (tty) process.stderr.write(`\r[${'#'.repeat(Math.round((done / count) * 24)).padEnd(24, '.')}] ${line}   `);
      else process.stderr.write(`${line}\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  // fresh statistics, and the summary tables rewritten whole (lib/db/bulk.ts)
  await settleAfterBulk(db);
  console.log(
    `${report.incidents} synthetic incidents (seed ${seed}), ${report.claims} claims, ${report.places} synthetic places, in ${report.seconds} s`,
  );
} finally {
  await db.close();
}
