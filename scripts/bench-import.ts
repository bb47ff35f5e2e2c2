/**
 * npm run bench:import — imports of large exports, against the engine's own COPY of the same rows.
 *
 * Generates (deterministic, marked synthetic) an ACLED-shaped CSV of BENCH_ACLED_ROWS rows
 * (default 1,000,000) and a UCDP-GED-shaped one of BENCH_UCDP_ROWS (default 100,000); on
 * PostgreSQL (TEST_PG_URL's server) imports both into a fresh database with `npm run import`
 * (a process of its own, whose peak memory is read), imports them again (unchanged: skipped),
 * and in the same run COPYs the same files into a bare table of text columns. On PGlite the same
 * with BENCH_PGLITE_ROWS of each (default 100,000: PGlite is the embedded default up to about
 * 100k incidents). Prints rows/s, the ratio to COPY, the re-import's speed-up and peak memory.
 * Targets: ≥ 0.3× COPY on PostgreSQL, peak memory ≤ 500 MB, re-import ≥ 2× faster.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { freshDatabase } from '../tests/pg';
import { syntheticAcled, syntheticUcdp } from './synthetic-exports';

const ACLED_ROWS = Number(process.env.BENCH_ACLED_ROWS ?? 1_000_000);
const UCDP_ROWS = Number(process.env.BENCH_UCDP_ROWS ?? 100_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
const dir = path.resolve('bench-results/import');
fs.mkdirSync(dir, { recursive: true });

async function file(kind: 'acled' | 'ucdp', rows: number): Promise<string> {
  const f = path.join(dir, `synthetic-${kind}-${rows}.csv`);
  if (!fs.existsSync(f)) {
    const t = performance.now();
    await (kind === 'acled' ? syntheticAcled(f, rows) : syntheticUcdp(f, rows));
    console.log(
      `generated ${path.basename(f)} (${(fs.statSync(f).size / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  return f;
}

interface Run {
  seconds: number;
  inserted: number;
  unchanged: number;
  rejected: number;
  peakMb: number;
}

function runImport(f: string, env: Record<string, string>): Run {
  const t = performance.now();
  const out = execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', f, '--json'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  const seconds = (performance.now() - t) / 1000;
  const report = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
    inserted: number;
    unchanged: number;
    rejectedCount: number;
    peakMb: number;
  };
  return { seconds, inserted: report.inserted, unchanged: report.unchanged, rejected: report.rejectedCount, peakMb: report.peakMb };
}

const header = (f: string) => (fs.readFileSync(f, { encoding: 'utf8', flag: 'r' }).split('\n', 1)[0] ?? '').split(',');
const bareTable = (name: string, f: string) =>
  `CREATE TABLE ${name} (${header(f)
    .map((c) => `"${c}" text`)
    .join(', ')})`;

async function copyPostgres(url: string, f: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(bareTable(table, f));
    const t = performance.now();
    await pipeline(fs.createReadStream(f), client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    return (performance.now() - t) / 1000;
  } finally {
    await client.end();
  }
}

async function copyPglite(dataDir: string, f: string, table: string): Promise<number> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  try {
    await db.exec(`DROP TABLE IF EXISTS ${table}; ${bareTable(table, f)}`);
    const blob = new Blob([fs.readFileSync(f)]);
    const t = performance.now();
    await db.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob });
    return (performance.now() - t) / 1000;
  } finally {
    await db.close();
  }
}

const rows: string[] = [];
const row = (engine: string, kind: string, n: number, first: Run, again: Run, copySeconds: number) => {
  const rate = n / first.seconds;
  const copyRate = n / copySeconds;
  rows.push(
    [
      engine.padEnd(10),
      kind.padEnd(6),
      n.toLocaleString('en').padStart(10),
      `${Math.round(rate).toLocaleString('en')}/s`.padStart(11),
      `${Math.round(copyRate).toLocaleString('en')}/s`.padStart(12),
      `${(rate / copyRate).toFixed(2)}×`.padStart(8),
      `${first.seconds.toFixed(1)} s`.padStart(9),
      `${again.seconds.toFixed(1)} s`.padStart(9),
      `${(first.seconds / again.seconds).toFixed(1)}×`.padStart(8),
      `${Math.max(first.peakMb, again.peakMb)} MB`.padStart(9),
      `${first.inserted}/${again.unchanged}/${first.rejected}`.padStart(14),
    ].join(' '),
  );
};

const acled = await file('acled', ACLED_ROWS);
const ucdp = await file('ucdp', UCDP_ROWS);

// PostgreSQL
for (const [kind, f, n] of [
  ['acled', acled, ACLED_ROWS],
  ['ucdp', ucdp, UCDP_ROWS],
] as const) {
  const url = await freshDatabase(`conflict_map_bench_import_${kind}`);
  const first = runImport(f, { DATABASE_URL: url });
  const again = runImport(f, { DATABASE_URL: url });
  const copy = await copyPostgres(url, f, 'bare_copy');
  row('postgres', kind, n, first, again, copy);
  console.log(rows.at(-1));
}

// PGlite, at the size it is meant for
const acledSmall = await file('acled', PGLITE_ROWS);
const ucdpSmall = await file('ucdp', Math.min(PGLITE_ROWS, UCDP_ROWS));
for (const [kind, f, n] of [
  ['acled', acledSmall, PGLITE_ROWS],
  ['ucdp', ucdpSmall, Math.min(PGLITE_ROWS, UCDP_ROWS)],
] as const) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-import-${kind}-`));
  const first = runImport(f, { PGLITE_DIR: dataDir, DATABASE_URL: '' });
  const again = runImport(f, { PGLITE_DIR: dataDir, DATABASE_URL: '' });
  const copy = await copyPglite(dataDir, f, 'bare_copy');
  row('pglite', kind, n, first, again, copy);
  console.log(rows.at(-1));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\nimports of synthetic exports (generated, marked synthetic), each a process of its own; ${os.cpus().length} cores`);
console.log(
  `${'engine'.padEnd(10)} ${'file'.padEnd(6)} ${'rows'.padStart(10)} ${'import'.padStart(11)} ${'COPY'.padStart(12)} ${'ratio'.padStart(8)} ${'first'.padStart(9)} ${'again'.padStart(9)} ${'speed-up'.padStart(8)} ${'peak RSS'.padStart(9)} ${'ins/unch/rej'.padStart(14)}`,
);
for (const r of rows) console.log(r);
console.log('targets: ratio ≥ 0.30× on PostgreSQL; peak RSS ≤ 500 MB; re-import speed-up ≥ 2×');
