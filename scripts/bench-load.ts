/**
 * npm run bench:load — readers beside the server's other work, on PGlite and PostgreSQL.
 *
 * Readers during an import: readers ask for incidents in viewport boxes (a year, brief) at a
 * steady rate, BENCH_READ_RATE a second (default 8; open loop: a request is sent on time whether
 * or not the one before has answered, as readers arrive), first with nothing else to do (idle),
 * then while an editor uploads an ACLED-shaped file of BENCH_IMPORT_ROWS rows (synthetic,
 * generated; default 20,000) to POST /api/imports. Prints each phase's reader p50/p95, the
 * ratio during/idle, and the import's rows/s. Target: readers' p95 during an import ≤ 2× idle
 * on both engines.
 *
 * The server is the build in BENCH_DIST (.next-bench, built first unless BENCH_SKIP_BUILD=1).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, requirePostgres } from '../tests/pg';
import { type RunningServer, startServer } from '../tests/server';
import { syntheticAcled } from './synthetic-exports';

const DIST = process.env.BENCH_DIST ?? '.next-bench';
const TOKEN = 'bench-load-token';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const RATE = Number(process.env.BENCH_READ_RATE ?? 8);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 8_000);

if (process.env.BENCH_SKIP_BUILD !== '1') {
  console.log('building…');
  execSync('npm run build', { stdio: 'ignore', env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' } });
}
const dir = path.resolve('bench-results/load');
fs.mkdirSync(dir, { recursive: true });
const exportFile = path.join(dir, `synthetic-acled-${ROWS}.csv`);
if (!fs.existsSync(exportFile)) await syntheticAcled(exportFile, ROWS);

/** Viewport boxes around Idlib, as a reader's map asks for them (one year, brief). */
const BOXES = Array.from({ length: 20 }, (_, i) => {
  const lon = 36.2 + (i % 5) * 0.2;
  const lat = 35.5 + Math.floor(i / 5) * 0.2;
  return `bbox=${lon.toFixed(2)},${lat.toFixed(2)},${(lon + 0.4).toFixed(2)},${(lat + 0.3).toFixed(2)}&from=2019-01-01&to=2019-12-31&fields=brief&limit=500`;
});

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** Readers arriving at RATE a second until `until` resolves (each sent on time, answered or not); each request's time in ms. */
async function readers(url: string, until: Promise<unknown>): Promise<{ times: number[]; errors: number }> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; !done; i++) {
    const t = performance.now();
    pending.push(
      fetch(`${url}/api/incidents?${BOXES[i % BOXES.length]}`)
        .then(async (res) => {
          if (!res.ok) errors++;
          await res.arrayBuffer();
        })
        .catch(() => {
          errors++;
        })
        .finally(() => {
          times.push(performance.now() - t);
        }),
    );
    await new Promise((r) => setTimeout(r, 1000 / RATE));
  }
  await Promise.all(pending);
  return { times, errors };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function measure(name: string, server: RunningServer) {
  // warm: the first answers of a fresh server compile routes and fill caches
  await readers(server.url, new Promise((r) => setTimeout(r, 2_000)));
  const idle = await readers(server.url, new Promise((r) => setTimeout(r, IDLE_MS)));
  const t = performance.now();
  const upload = fetch(`${server.url}/api/imports`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
    body: fs.readFileSync(exportFile),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { inserted?: number } }));
  const during = await readers(server.url, upload);
  const imported = await upload;
  const seconds = (performance.now() - t) / 1000;
  const p95 = [quantile(idle.times, 0.95), quantile(during.times, 0.95)] as const;
  console.log(
    `${name}: readers idle p50 ${fmt(quantile(idle.times, 0.5))}, p95 ${fmt(p95[0])} (${idle.times.length} requests, ${idle.errors} errors); ` +
      `during the import p50 ${fmt(quantile(during.times, 0.5))}, p95 ${fmt(p95[1])} (${during.times.length} requests, ${during.errors} errors); ` +
      `p95 during/idle ${(p95[1] / p95[0]).toFixed(2)}× (target ≤ 2×). Import: ${imported.status}, ${imported.body.inserted ?? 0} rows in ${seconds.toFixed(1)} s (${Math.round((imported.body.inserted ?? 0) / seconds)} rows/s)`,
  );
}

const liteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-pglite-'));
const lite = await startServer(3395, { PGLITE_DIR: liteDir, NEXT_DIST_DIR: DIST, EDITOR_TOKEN: TOKEN });
try {
  await measure('PGlite', lite);
} finally {
  await lite.stop();
  fs.rmSync(liteDir, { recursive: true, force: true });
}
if (await requirePostgres()) {
  const pg = await startServer(3396, {
    DATABASE_URL: await freshDatabase('conflict_map_bench_load'),
    NEXT_DIST_DIR: DIST,
    EDITOR_TOKEN: TOKEN,
  });
  try {
    await measure('PostgreSQL', pg);
  } finally {
    await pg.stop();
  }
}
