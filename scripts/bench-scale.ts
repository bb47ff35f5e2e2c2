/**
 * npm run bench:scale — the product at 10k, 100k and 1M synthetic incidents on PostgreSQL and
 * 100k on PGlite, in one run, printed as one table:
 *
 * - p50/p95 over HTTP of: the viewport query (a dense and a sparse box, one month), text search
 *   `q` (no match), `actor`, /api/places, the busiest place, the histogram, tiles at z6/z9/z12
 *   (each request a tile not asked before: no cache hit);
 * - the same statements run in-process on the database (lib/ functions, no HTTP) in the same
 *   run, and the app/DB ratio of their p50;
 * - the dashboard's time to first incidents drawn in Chromium, against the seed's in the same run;
 * - the longest main-thread task (PerformanceObserver 'longtask') while the dashboard loads, and
 *   while it is used: panning and zooming, a type filter on and off, the list scrolled;
 * - the embed page's bytes (gzip), the server's peak RSS (VmHWM);
 * - on PGlite, how long a simple request waits while a slow one runs.
 *
 * Stores are filled once with `npm run data:synthetic` (seed 1) and kept between runs:
 * PostgreSQL databases conflict_map_bench_N (on TEST_PG_URL's server), PGlite in
 * bench-results/scale/pglite-N. BENCH_PG_SIZES (default 10000,100000,1000000),
 * BENCH_PGLITE_SIZE (default 100000), BENCH_REQUESTS (default 40) change the run.
 * Needs a build: `npm run build` into .next-bench unless BENCH_SKIP_BUILD=1.
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { parsePlaceList } from '../lib/api/params';
import { histogram } from '../lib/db/histogram';
import { countIncidents, listIncidentBriefs, listIncidents } from '../lib/db/incident-lists';
import { getPlace, listPlaces } from '../lib/db/places';
import type { IncidentFilter } from '../lib/db/incident-filter';
import { type Db, openPglite, openPostgres } from '../lib/db/store';
import { tileContent } from '../lib/tiles/clusters';
import { encodeTile } from '../lib/tiles/mvt';
import { placesQuery } from '../lib/state';
import { ADMIN_URL } from '../tests/pg';
import { startServer, type RunningServer } from '../tests/server';
import { launchChromium, measureLoad, median } from './bench-lib';

const DIST = '.next-bench';
const N = Number(process.env.BENCH_REQUESTS ?? 40);
const PG_SIZES = (process.env.BENCH_PG_SIZES ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
const PGLITE_SIZE = Number(process.env.BENCH_PGLITE_SIZE ?? 100_000);
const OUT = path.resolve('bench-results/scale');
fs.mkdirSync(OUT, { recursive: true });

type Store = { engine: 'postgres' | 'pglite'; size: number; env: Record<string, string>; label: string };
const stores: Store[] = [
  ...PG_SIZES.map((size): Store => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/conflict_map_bench_${size}`;
    return { engine: 'postgres', size, env: { DATABASE_URL: url.toString() }, label: `PG ${size / 1000}k` };
  }),
  ...(PGLITE_SIZE
    ? [
        {
          engine: 'pglite' as const,
          size: PGLITE_SIZE,
          env: { PGLITE_DIR: path.join(OUT, `pglite-${PGLITE_SIZE}`) },
          label: `PGlite ${PGLITE_SIZE / 1000}k`,
        },
      ]
    : []),
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

/** How many synthetic incidents (seed 1) a store holds, or -1 when it cannot be opened. */
async function filled(s: Store): Promise<number> {
  if (s.engine === 'postgres') {
    const client = new pg.Client({ connectionString: s.env.DATABASE_URL });
    try {
      await client.connect();
      const r = await client.query("SELECT count(*)::int AS n FROM incidents WHERE id LIKE 'syn-1-%'");
      return r.rows[0].n;
    } catch {
      return -1;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const marker = path.join(s.env.PGLITE_DIR ?? '', '.bench-filled');
  return fs.existsSync(marker) ? Number(fs.readFileSync(marker, 'utf8')) : -1;
}

async function prepare(s: Store) {
  if ((await filled(s)) === s.size) return;
  console.log(`filling ${s.label} (npm run data:synthetic -- --count ${s.size})…`);
  if (s.engine === 'postgres') {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const name = new URL(s.env.DATABASE_URL ?? '').pathname.slice(1);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  } else {
    fs.rmSync(s.env.PGLITE_DIR ?? '', { recursive: true, force: true });
    fs.mkdirSync(s.env.PGLITE_DIR ?? '', { recursive: true });
  }
  execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/data-synthetic.ts', '--count', String(s.size)], {
    env: { ...process.env, ...s.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (s.engine === 'pglite') fs.writeFileSync(path.join(s.env.PGLITE_DIR ?? '', '.bench-filled'), String(s.size));
}

/** What the requests ask for, chosen from the store's own data through the API. */
interface Targets {
  dense: [number, number, number, number];
  sparse: [number, number, number, number];
  month: { from: string; to: string };
  busiest: string;
  center: { lon: number; lat: number };
}

async function targets(url: string): Promise<Targets> {
  const places = (await (await fetch(`${url}/api/places?limit=5000`)).json()) as {
    features: { id: string; geometry: { coordinates: [number, number] }; properties: { incidentCount: number; kind: string } }[];
  };
  const withIncidents = places.features.filter((f) => f.properties.incidentCount > 0 && f.properties.kind !== 'governorate');
  withIncidents.sort((a, b) => b.properties.incidentCount - a.properties.incidentCount);
  const busiest = withIncidents[0];
  const quiet = withIncidents.at(-1);
  if (!busiest || !quiet) throw new Error('no places with incidents');
  const [lon, lat] = busiest.geometry.coordinates;
  const [qlon, qlat] = quiet.geometry.coordinates;
  return {
    // the busiest town and its surroundings (about 45 km across), and a box around the quietest
    dense: [lon - 0.25, lat - 0.2, lon + 0.25, lat + 0.2],
    sparse: [qlon - 0.01, qlat - 0.01, qlon + 0.01, qlat + 0.01],
    month: { from: '2019-06-01', to: '2019-06-30' },
    busiest: busiest.id,
    center: { lon, lat },
  };
}

const tileOf = (z: number, lon: number, lat: number) => {
  const n = 2 ** z;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * n),
  ] as const;
};
const TYPE_SETS = (() => {
  const types = ['battles', 'explosions-remote-violence', 'violence-against-civilians', 'protests', 'riots', 'strategic-developments'];
  const out: string[] = [];
  for (let m = 1; m < 64; m++) out.push(types.filter((_, i) => m & (1 << i)).join(','));
  return out;
})();

/** The i-th distinct tile request at zoom z around the centre: neighbouring tiles, then other type filters. */
function tileRequest(z: number, c: { lon: number; lat: number }, i: number) {
  const [x0, y0] = tileOf(z, c.lon, c.lat);
  const ring = z <= 6 ? 1 : 3;
  const side = 2 * ring + 1;
  const k = i % (side * side);
  const x = x0 + (k % side) - ring;
  const y = y0 + Math.floor(k / side) - ring;
  const types = i < side * side ? null : (TYPE_SETS[Math.floor(i / (side * side)) % TYPE_SETS.length] ?? null);
  return { z, x, y, types, path: `/api/tiles/${z}/${x}/${y}.mvt${types ? `?type=${types}` : ''}` };
}

interface Measure {
  name: string;
  http: number[];
  direct: number[];
  bytes?: number;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function httpTimes(
  url: string,
  paths: (i: number) => string,
  check?: (res: Response) => void,
): Promise<{ times: number[]; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < N + 3; i++) {
    const t = performance.now();
    const res = await fetch(`${url}${paths(i)}`, { headers: { 'accept-encoding': 'gzip' } });
    const body = new Uint8Array(await res.arrayBuffer());
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`${paths(i)}: HTTP ${res.status}`);
    check?.(res);
    bytes = body.byteLength;
    if (i >= 3) times.push(ms);
  }
  return { times, bytes };
}

async function directTimes(fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < N + 3; i++) {
    const ms = await time(() => fn(i));
    if (i >= 3) times.push(ms);
  }
  return times;
}

function peakRssMb(server: RunningServer): number {
  const status = fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const ready = `(() => { const m = document.querySelector('[data-testid=map]')?.maplibreMap;
  if (!m || !m.loaded()) return false;
  const layers = ['incidents', 'incident-clusters', 'province-groups', 'tile-clusters', 'tile-incidents'].filter((l) => m.getLayer(l));
  return m.queryRenderedFeatures({ layers }).length > 0; })()`;

async function dashboardMs(url: string): Promise<number> {
  const browser = await launchChromium();
  try {
    await measureLoad(browser, `${url}/?lang=en`, ready); // warm the server's code paths
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) runs.push((await measureLoad(browser, `${url}/?lang=en`, ready)).ms);
    return median(runs);
  } finally {
    await browser.close();
  }
}

/**
 * The longest tasks on the page's main thread, loading and then in use. A long task is not
 * told apart by whose code ran in it (ours, React's, MapLibre's): this is the upper bound.
 */
async function dashboardLongTasks(url: string): Promise<{ load: number; use: number; over200: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(
      `window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true })`,
    );
    await page.goto(`${url}/?lang=en`);
    for (const deadline = Date.now() + 60_000; !(await page.evaluate(ready)); ) {
      if (Date.now() > deadline) throw new Error('the dashboard was not ready within 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    const taken = () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    const idle = () =>
      page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const m = (document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { once(e: string, f: () => void): void } })
              .maplibreMap;
            m.once('idle', () => resolve());
            setTimeout(resolve, 5000);
          }),
      );
    await idle();
    await new Promise((r) => setTimeout(r, 500));
    const load = await taken();
    // returning nothing: jumpTo returns the map, and Playwright would serialise all of it on the page's thread (seconds)
    const jump = (lon: number, lat: number, zoom: number) =>
      page.evaluate(
        ([x, y, z]) => {
          (document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { jumpTo(o: object): void } }).maplibreMap.jumpTo({
            center: [x, y],
            zoom: z,
          });
        },
        [lon, lat, zoom],
      );
    for (const [lon, lat, zoom] of [
      [36.7, 35.9, 9],
      [36.3, 35.8, 12],
      [37.1, 36.2, 8],
      [38.5, 35.2, 6],
    ] as const) {
      await jump(lon, lat, zoom);
      await idle();
      await new Promise((r) => setTimeout(r, 300));
    }
    for (const on of [true, false]) {
      await page.getByLabel('Battles').setChecked(on);
      await idle();
      await new Promise((r) => setTimeout(r, 500));
    }
    await page.locator('#incident-list').evaluate((el) => el.closest('.overflow-y-auto')?.scrollTo({ top: 1e6 }));
    await new Promise((r) => setTimeout(r, 500));
    const use = await taken();
    const all = [...load, ...use];
    return { load: Math.max(0, ...load), use: Math.max(0, ...use), over200: all.filter((d) => d > 200).length };
  } finally {
    await browser.close();
  }
}

async function measureStore(s: Store, port: number, seedDashboardMs: number) {
  const server = await startServer(port, { ...s.env, NEXT_DIST_DIR: DIST }, { timeoutMs: 600_000 });
  const url = server.url;
  const measures: Measure[] = [];
  let t: Targets;
  let dashboard = 0;
  let longTasks = { load: 0, use: 0, over200: 0 };
  let embedBytes = 0;
  let contention: { alone: number; during: number } | null = null;
  let rss = 0;
  try {
    t = await targets(url);
    const box = (b: number[]) => b.map((v) => v.toFixed(4)).join(',');
    const routes: { name: string; path: (i: number) => string }[] = [
      // what the dashboard's list asks for its view past the small set (lib/state.ts viewportQuery): in brief
      {
        name: 'viewport, dense box, one month',
        path: () => `/api/incidents?limit=200&fields=brief&bbox=${box(t.dense)}&from=${t.month.from}&to=${t.month.to}`,
      },
      {
        name: 'viewport, sparse box, one month',
        path: () => `/api/incidents?limit=200&fields=brief&bbox=${box(t.sparse)}&from=${t.month.from}&to=${t.month.to}`,
      },
      {
        name: 'the dense one, full records',
        path: () => `/api/incidents?limit=200&bbox=${box(t.dense)}&from=${t.month.from}&to=${t.month.to}`,
      },
      { name: 'q (no match)', path: (i) => `/api/incidents?limit=200&q=zzqx${i}` },
      { name: 'actor', path: () => '/api/incidents?limit=200&actor=synthetic-militia' },
      // the dashboard's form (its view's box on a grid, the busiest 500); a limit of its own each time, so never from the cache
      { name: '/api/places, a view (uncached)', path: (i) => placesQuery(t.dense, 500 + i) },
      { name: 'busiest place', path: () => `/api/places/${encodeURIComponent(t.busiest)}` },
      { name: 'histogram, weeks, all time', path: () => '/api/histogram?bin=week' },
      { name: 'histogram, months, one actor', path: () => '/api/histogram?bin=month&actor=synthetic-militia' },
      ...[6, 9, 12].map((z) => ({ name: `tile z${z} (uncached)`, path: (i: number) => tileRequest(z, t.center, i).path })),
    ];
    for (const r of routes) {
      const { times, bytes } = await httpTimes(url, r.path, (res) => {
        if (r.name.startsWith('tile') && res.headers.get('x-render-cache') === 'hit') throw new Error(`${r.name}: a cache hit`);
      });
      measures.push({ name: r.name, http: times, direct: [], bytes });
    }
    const embed = await fetch(`${url}/embed?from=2019-01-01&to=2019-12-31`, { headers: { 'accept-encoding': 'gzip' } });
    embedBytes = gzipSync(new Uint8Array(await embed.arrayBuffer())).byteLength;
    dashboard = await dashboardMs(url);
    longTasks = await dashboardLongTasks(url);
    if (s.engine === 'pglite') {
      // a simple request alone, then while a slow one runs (a source's histogram by day: no calendar holds sources,
      // so every matching row is read; a new period each time, so never from a cache)
      const simple = async () => time(() => fetch(`${url}/api/incidents/syn-1-5`).then((r) => r.arrayBuffer()));
      const alone: number[] = [];
      for (let i = 0; i < 10; i++) alone.push(await simple());
      const during: number[] = [];
      for (let i = 0; i < 10; i++) {
        const slow = fetch(`${url}/api/histogram?bin=day&source=synthetic-wire&from=2012-0${(i % 9) + 1}-02`).then((r) => r.arrayBuffer());
        await new Promise((r) => setTimeout(r, 5));
        during.push(await simple());
        await slow;
      }
      contention = { alone: median(alone), during: median(during) };
    }
    rss = peakRssMb(server);
  } finally {
    await server.stop();
  }

  // the same statements in-process (the server stopped first: a PGlite directory has one owner)
  const db: Db = s.engine === 'postgres' ? await openPostgres(s.env.DATABASE_URL ?? '') : await openPglite(s.env.PGLITE_DIR ?? '');
  try {
    const f = (extra: Omit<IncidentFilter, 'limit'>): IncidentFilter => ({ limit: 200, ...extra });
    const direct: Record<string, (i: number) => Promise<unknown>> = {
      'viewport, dense box, one month': () => {
        const q = f({ bbox: t.dense, from: t.month.from, to: t.month.to });
        return Promise.all([listIncidentBriefs(db, q), countIncidents(db, q)]);
      },
      'viewport, sparse box, one month': () => {
        const q = f({ bbox: t.sparse, from: t.month.from, to: t.month.to });
        return Promise.all([listIncidentBriefs(db, q), countIncidents(db, q)]);
      },
      'the dense one, full records': () => {
        const q = f({ bbox: t.dense, from: t.month.from, to: t.month.to });
        return Promise.all([listIncidents(db, q), countIncidents(db, q)]);
      },
      'q (no match)': (i) => Promise.all([listIncidents(db, f({ q: `zzqx${i}` })), countIncidents(db, { q: `zzqx${i}` })]),
      actor: () =>
        Promise.all([listIncidents(db, f({ actors: ['synthetic-militia'] })), countIncidents(db, { actors: ['synthetic-militia'] })]),
      '/api/places, a view (uncached)': (i) => {
        const q = parsePlaceList(new URL(placesQuery(t.dense, 500 + i), 'http://localhost').searchParams);
        if (!q.ok) throw new Error('the dashboard asks for places as the route reads them');
        return listPlaces(db, q.value);
      },
      'busiest place': () => getPlace(db, t.busiest),
      'histogram, weeks, all time': () => histogram(db, 'week', {}),
      'histogram, months, one actor': () => histogram(db, 'month', { actors: ['synthetic-militia'] }),
      ...Object.fromEntries(
        [6, 9, 12].map((z) => [
          `tile z${z} (uncached)`,
          async (i: number) => {
            const r = tileRequest(z, t.center, i);
            return encodeTile(await tileContent(db, r.z, r.x, r.y, r.types ? { types: r.types.split(',') as never } : {}));
          },
        ]),
      ),
    };
    for (const m of measures) {
      const fn = direct[m.name];
      if (fn) m.direct = await directTimes(fn);
    }
  } finally {
    await db.close();
  }
  return { store: s, measures, dashboard, longTasks, seedDashboardMs, embedBytes, rss, contention };
}

// the build, then the seed's dashboard as the reference, then each store in turn
if (process.env.BENCH_SKIP_BUILD !== '1') {
  console.log('building…');
  execSync('npm run build', { stdio: 'ignore', env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' } });
}
for (const s of stores) await prepare(s);
const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-seed-'));
const seedServer = await startServer(3480, { PGLITE_DIR: seedDir, NEXT_DIST_DIR: DIST });
let seedMs = 0;
try {
  seedMs = await dashboardMs(seedServer.url);
} finally {
  await seedServer.stop();
}

const results = [];
for (const [i, s] of stores.entries()) {
  console.log(`measuring ${s.label}…`);
  results.push(await measureStore(s, 3481 + i, seedMs));
}

// one table: a row per measure, for each store p50/p95 over HTTP, and app/DB (ratio of p50s)
const names = results[0]?.measures.map((m) => m.name) ?? [];
const cols = results.map((r) => r.store.label);
const cell = (w: number) => (s: string) => s.padStart(w);
const c = cell(24);
const lines: string[] = [];
lines.push(`bench:scale — ${new Date().toISOString()} — ${os.cpus().length} cores, node ${process.version}, ${N} requests each`);
lines.push(`${'ms: p50 / p95 (app/DB)'.padEnd(34)}${cols.map(c).join('')}`);
for (const name of names) {
  const row = results.map((r) => {
    const m = r.measures.find((x) => x.name === name);
    if (!m) return c('—');
    const p50 = pct(m.http, 50);
    const ratio = m.direct.length ? ` (${(p50 / pct(m.direct, 50)).toFixed(1)}×)` : '';
    return c(`${p50.toFixed(0)} / ${pct(m.http, 95).toFixed(0)}${ratio}`);
  });
  lines.push(`${name.padEnd(34)}${row.join('')}`);
}
lines.push(
  `${'DB direct p50 / p95, viewport dense'.padEnd(34)}${results
    .map((r) => {
      const m = r.measures[0];
      return c(m ? `${pct(m.direct, 50).toFixed(1)} / ${pct(m.direct, 95).toFixed(1)}` : '—');
    })
    .join('')}`,
);
lines.push(
  `${'dashboard first incidents (× seed)'.padEnd(34)}${results.map((r) => c(`${r.dashboard.toFixed(0)} (${(r.dashboard / r.seedDashboardMs).toFixed(2)}×)`)).join('')}`,
);
lines.push(`${'seed dashboard, same run'.padEnd(34)}${c(`${seedMs.toFixed(0)}`)}`);
lines.push(
  `${'longest task: load / use (>200)'.padEnd(34)}${results.map((r) => c(`${r.longTasks.load.toFixed(0)} / ${r.longTasks.use.toFixed(0)} (${r.longTasks.over200})`)).join('')}`,
);
lines.push(`${'embed page, one year (KB gzip)'.padEnd(34)}${results.map((r) => c((r.embedBytes / 1024).toFixed(0))).join('')}`);
lines.push(`${'peak server RSS (MB)'.padEnd(34)}${results.map((r) => c(String(r.rss))).join('')}`);
for (const r of results) {
  if (r.contention)
    lines.push(
      `${`${r.store.label}: simple request alone / beside a slow one`.padEnd(34)}${c(`${r.contention.alone.toFixed(0)} / ${r.contention.during.toFixed(0)} ms`)}`,
    );
}
const text = lines.join('\n');
console.log(`\n${text}`);
fs.writeFileSync(path.join(OUT, 'scale.txt'), `${text}\n`);
fs.writeFileSync(
  path.join(OUT, 'scale.json'),
  JSON.stringify(
    results.map((r) => ({ ...r, store: r.store.label })),
    null,
    2,
  ),
);
