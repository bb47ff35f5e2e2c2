/**
 * npm run bench:load — readers beside the server's other work, on PGlite and PostgreSQL.
 *
 * Readers during an import: readers ask for incidents in viewport boxes (a year, brief), each a
 * box not asked before (as readers pan: what is measured is the store, not answers kept), at a
 * steady rate, BENCH_READ_RATE a second (default 8; open loop: a request is sent on time whether
 * or not the one before has answered, as readers arrive), first with nothing else to do (idle),
 * then while an editor uploads an ACLED-shaped file of BENCH_IMPORT_ROWS rows (synthetic,
 * generated; default 20,000) to POST /api/imports. Prints each phase's reader p50/p95, the
 * ratio during/idle, and the import's rows/s. Target: readers' p95 during an import ≤ 2× idle
 * on both engines.
 *
 * A crowd on the API: BENCH_CROWD clients at once (default 200, each on its own kept-alive
 * connection, asking again as soon as answered) for BENCH_CROWD_MS, over the same 20 boxes.
 * Prints requests/s, p50/p95 and errors by kind (a reset connection counts). Target: no error,
 * ≥ 200 requests/s, p95 ≤ 1 s.
 *
 * A crowd on an embed: the same number of clients, each loading a published view's embed page
 * and everything a browser fetched for it (listed once by loading it in Chromium), over and over.
 * Target: no error, p95 ≤ 1 s a request.
 *
 * Still images beside a reader: the reader (as above) idle, then while 8 clients ask for the
 * still images of BENCH_STILL_VIEWS views (PNG and SVG, 3 widths, 3 languages: none drawn before),
 * asking again after Retry-After when told the worker is busy. Target: the reader's p95 ≤ 2× idle.
 *
 * Each store holds BENCH_STORE synthetic incidents (default 100,000; npm run data:synthetic)
 * before its server starts.
 *
 * The server is the build in BENCH_DIST (.next-bench, built first unless BENCH_SKIP_BUILD=1).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, requirePostgres } from '../tests/pg';
import { type RunningServer, startServer } from '../tests/server';
import { launchChromium, publishBenchView } from './bench-lib';
import { syntheticAcled } from './synthetic-exports';
import { LANGS } from '../lib/i18n/messages';

const DIST = process.env.BENCH_DIST ?? '.next-bench';
const TOKEN = 'bench-load-token';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const RATE = Number(process.env.BENCH_READ_RATE ?? 8);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 8_000);
const CROWD = Number(process.env.BENCH_CROWD ?? 200);
const CROWD_MS = Number(process.env.BENCH_CROWD_MS ?? 10_000);
const STILL_VIEWS = Number(process.env.BENCH_STILL_VIEWS ?? 14);
/** Synthetic incidents the store holds before the server starts (npm run data:synthetic), as a newsroom's store does. */
const STORE = Number(process.env.BENCH_STORE ?? 100_000);

/** Fills a store with STORE synthetic incidents before a server opens it. */
function fill(env: Record<string, string>) {
  if (STORE > 0)
    execSync(`npm run data:synthetic -- --count ${STORE}`, { stdio: 'ignore', env: { ...process.env, DATABASE_URL: '', ...env } });
}

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

/**
 * A reader's viewport, a new one each time (as readers pan): no two asked in a run are the same,
 * so that none is answered from what the server kept, and what is measured is the store.
 */
let panned = 0;
const freshBox = () => {
  const i = panned++;
  const lon = 36.2 + (i % 50) * 0.004;
  const lat = 35.5 + (Math.floor(i / 50) % 50) * 0.004;
  const year = 2019 + (Math.floor(i / 2500) % 2);
  return `/api/incidents?bbox=${lon.toFixed(3)},${lat.toFixed(3)},${(lon + 0.4).toFixed(3)},${(lat + 0.3).toFixed(3)}&from=${year}-01-01&to=${year}-12-31&fields=brief&limit=500`;
};

/** Readers arriving at RATE a second until `until` resolves (each sent on time, answered or not), each on a new viewport; each request's time in ms. */
async function readers(url: string, until: Promise<unknown>): Promise<{ times: number[]; errors: number }> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  while (!done) {
    const t = performance.now();
    pending.push(
      fetch(`${url}${freshBox()}`)
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

/** BENCH_PHASES: which to measure (import,api,embed,stills; all by default; the import fills the store the others read). */
const PHASES = (process.env.BENCH_PHASES ?? 'import,api,embed,stills').split(',');

async function measure(name: string, server: RunningServer) {
  // warm: the first answers of a fresh server compile routes and fill caches
  await readers(server.url, new Promise((r) => setTimeout(r, 2_000)));
  if (PHASES.includes('import')) await importing(name, server);
  else {
    const res = await fetch(`${server.url}/api/imports`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
      body: fs.readFileSync(exportFile),
    });
    console.log(`${name}: imported the file first (${res.status})`);
  }
  if (PHASES.includes('api')) {
    const api = await crowd(
      server.url,
      BOXES.map((b) => [`/api/incidents?${b}`]),
    );
    console.log(
      `${name}: ${CROWD} clients on /api/incidents (20 boxes): ${crowdLine(api)} (targets: no error, ≥ 200 requests/s, p95 ≤ 1 s)`,
    );
  }
  if (PHASES.includes('embed')) {
    const view = await publishBenchView(server.url, TOKEN);
    const assets = await embedRequests(server.url, view.id);
    const embed = await crowd(server.url, [assets]);
    console.log(
      `${name}: ${CROWD} clients loading an embed (${assets.length} requests a load): ${crowdLine(embed)} (targets: no error, p95 ≤ 1 s)`,
    );
  }
  if (PHASES.includes('stills')) await stills(name, server);
}

/** Readers on new viewports, idle and then while an editor uploads the file. */
async function importing(name: string, server: RunningServer) {
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

interface CrowdResult {
  times: number[];
  errors: Map<string, number>;
  seconds: number;
  bytes: number;
}
const crowdLine = (r: CrowdResult) =>
  `${Math.round(r.times.length / r.seconds)} requests/s, p50 ${fmt(quantile(r.times, 0.5))}, p95 ${fmt(quantile(r.times, 0.95))}, ` +
  `${(r.bytes / r.seconds / 1024 / 1024).toFixed(1)} MiB/s, errors ${r.errors.size ? [...r.errors].map(([k, n]) => `${k} ${n}`).join(', ') : 'none'} (${r.times.length} requests)`;

/**
 * CROWD clients at once for CROWD_MS, each on its own kept-alive connection, each going through
 * one of `loads` (a list of paths fetched one after another, as a page and its assets), again and
 * again, asking gzip as browsers do. Each request's time; errors by status or error code.
 */
async function crowd(url: string, loads: string[][]): Promise<CrowdResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CROWD });
  const times: number[] = [];
  const errors = new Map<string, number>();
  let bytes = 0;
  const fail = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
  const get = (p: string) =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const req = http.get(`${url}${p}`, { agent, headers: { 'accept-encoding': 'gzip' }, timeout: 30_000 }, (res) => {
        res.on('data', (d: Buffer) => {
          bytes += d.byteLength;
        });
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) fail(`HTTP ${res.statusCode}`);
          times.push(performance.now() - t);
          resolve();
        });
        res.on('error', (e: NodeJS.ErrnoException) => {
          fail(e.code ?? e.message);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => {
        fail(e.code ?? e.message);
        times.push(performance.now() - t);
        resolve();
      });
    });
  const start = performance.now();
  const end = start + CROWD_MS;
  await Promise.all(
    Array.from({ length: CROWD }, async (_, c) => {
      for (let i = c; performance.now() < end; i++) for (const p of loads[i % loads.length] ?? []) await get(p);
    }),
  );
  agent.destroy();
  return { times, errors, bytes, seconds: (performance.now() - start) / 1000 };
}

/** What a browser fetches from the server to show an embed: the page, its scripts, styles, fonts and data (listed by loading it once). */
async function embedRequests(url: string, viewId: string): Promise<string[]> {
  const browser = await launchChromium();
  try {
    // the probe below is evaluated: the page's policy, which allows no eval, is set aside for it
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    const seen: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(url)) seen.push(r.url().slice(url.length));
    });
    await page.goto(`${url}/embed/${viewId}`);
    await page.waitForFunction(`document.querySelector('[data-testid=map]')?.maplibreMap?.loaded()`, null, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    return [...new Set(seen)];
  } finally {
    await browser.close();
  }
}

/** Views over the store's incidents, each asking every still image of its own (nothing drawn before): the reader's p95 beside them. */
async function stills(name: string, server: RunningServer) {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const paths: string[] = [];
  for (let v = 0; v < STILL_VIEWS; v++) {
    const lon = 36 + (v % 7) * 0.2;
    const lat = 35.3 + Math.floor(v / 7) * 0.4;
    const created = (await (
      await fetch(`${server.url}/api/views`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          title: { en: `Bench view ${v + 1} (synthetic data)` },
          lang: 'en',
          bounds: [lon, lat, lon + 1, lat + 0.7],
          filters: { from: '2019-01-01', to: '2019-12-31' },
        }),
      })
    ).json()) as { id: string };
    await fetch(`${server.url}/api/views/${created.id}/publish`, { method: 'POST', headers: auth, body: JSON.stringify({ pin: false }) });
    for (const lang of LANGS)
      for (const w of [480, 800, 1200])
        for (const f of ['png', 'svg']) paths.push(`/api/views/${created.id}/static.${f}?w=${w}&h=520&lang=${lang}`);
  }
  await readers(server.url, new Promise((r) => setTimeout(r, 2_000)));
  const idle = await readers(server.url, new Promise((r) => setTimeout(r, IDLE_MS)));
  let asked = 0;
  let busy = 0;
  let drawn = 0;
  const flood = (async () => {
    // eight clients at a time, as link previews and print pages arrive
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < paths.length) {
          const p = paths[next++];
          // as a polite client: told the worker is busy, it asks again when Retry-After says
          for (;;) {
            asked++;
            const res = await fetch(`${server.url}${p}`);
            await res.arrayBuffer();
            if (res.status !== 503) {
              if (res.ok) drawn++;
              break;
            }
            busy++;
            await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 2) * 1000));
          }
        }
      }),
    );
  })();
  const t = performance.now();
  const during = await readers(server.url, flood);
  const seconds = (performance.now() - t) / 1000;
  const p95 = [quantile(idle.times, 0.95), quantile(during.times, 0.95)] as const;
  console.log(
    `${name}: reader idle p95 ${fmt(p95[0])}; beside ${paths.length} still images of ${STILL_VIEWS} views asked by 8 clients (${drawn} drawn, ${busy} of ${asked} requests answered 503 busy, in ${seconds.toFixed(1)} s) p95 ${fmt(p95[1])} (${during.errors} errors); ` +
      `p95 during/idle ${(p95[1] / p95[0]).toFixed(2)}× (target ≤ 2×)`,
  );
}

// BENCH_ENGINES=pglite or postgres measures one of them (both by default)
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
if (ENGINES.includes('pglite')) {
  const liteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-pglite-'));
  fill({ PGLITE_DIR: liteDir });
  const lite = await startServer(3395, { PGLITE_DIR: liteDir, NEXT_DIST_DIR: DIST, EDITOR_TOKEN: TOKEN });
  try {
    await measure('PGlite', lite);
  } finally {
    await lite.stop();
    fs.rmSync(liteDir, { recursive: true, force: true });
  }
}
if (ENGINES.includes('postgres') && (await requirePostgres())) {
  const databaseUrl = await freshDatabase('conflict_map_bench_load');
  fill({ DATABASE_URL: databaseUrl });
  const pg = await startServer(3396, {
    DATABASE_URL: databaseUrl,
    NEXT_DIST_DIR: DIST,
    EDITOR_TOKEN: TOKEN,
  });
  try {
    await measure('PostgreSQL', pg);
  } finally {
    await pg.stop();
  }
}
