/**
 * npm run bench — the figures of the closing note, measured on this machine:
 * - build time (`next build`, assets included);
 * - API latency on the seed data over real HTTP (sequential requests, bounded count);
 * - page weight and time to the first incidents drawn, cold, in headless Chromium.
 * Results print as a table and are saved to bench-results/ (git-ignored).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { byKind, kib, launchChromium, measureLoad, type LoadMeasure } from './bench-lib';
import { startServer } from '../tests/server';

const DIST = '.next-bench';
const PORT = 3390;
const N = Number(process.env.BENCH_REQUESTS ?? 200);

function ms(n: number) {
  return n.toFixed(1);
}
function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
};

// 1. build
fs.rmSync(DIST, { recursive: true, force: true });
const t0 = performance.now();
execSync('npm run build', { stdio: 'ignore', env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' } });
const buildSeconds = (performance.now() - t0) / 1000;
results.buildSeconds = Number(buildSeconds.toFixed(1));
console.log(`build: ${buildSeconds.toFixed(1)} s (npm run build: assets + next build, Turbopack)`);

// 2. API latency
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pglite-'));
const server = await startServer(PORT, { PGLITE_DIR: dir, NEXT_DIST_DIR: DIST });
try {
  const routes = [
    '/api/incidents',
    '/api/incidents?bbox=36.6,35.8,36.8,35.95&type=battles',
    '/api/incidents/idlib-2020-02-20-day-toll',
    '/api/places',
    '/api/places/qminas',
  ];
  console.log(`\nAPI on PGlite, seed data, ${N} sequential requests each (ms):`);
  console.log(`${'route'.padEnd(58) + 'p50'.padStart(7) + 'p95'.padStart(7) + 'max'.padStart(7)}  bytes (gzip)`);
  const api: Record<string, unknown> = {};
  for (const route of routes) {
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < N + 5; i++) {
      const s = performance.now();
      const res = await fetch(`${server.url}${route}`);
      body = await res.text();
      if (!res.ok) throw new Error(`${route}: ${res.status}`);
      if (i >= 5) times.push(performance.now() - s);
    }
    const row = {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      bytes: body.length,
      gzip: gzipSync(body).length,
    };
    api[route] = row;
    console.log(
      `${route.padEnd(58) + ms(row.p50).padStart(7) + ms(row.p95).padStart(7) + ms(row.max).padStart(7)}  ${row.bytes} (${row.gzip})`,
    );
  }
  results.api = api;

  // 3. the page, cold, in Chromium
  const browser = await launchChromium();
  const ready = `(() => { const m = document.querySelector('[data-testid=map]')?.maplibreMap;
    return !!m && m.loaded() && m.queryRenderedFeatures({ layers: ['incidents', 'incident-clusters', 'province-groups'] }).length > 0; })()`;
  const runs: LoadMeasure[] = [];
  for (let run = 0; run < 3; run++) runs.push(await measureLoad(browser, `${server.url}/?lang=en`, ready));
  await browser.close();
  const last = runs.at(-1)!;
  results.page = { timeToIncidentsMs: runs.map((r) => Math.round(r.ms)), transferredBytes: last.bytes, totalBytes: last.total };
  console.log(`\npage, cold load in headless Chromium (SwiftShader WebGL), 3 runs:`);
  console.log(`time to first incidents drawn: ${runs.map((r) => `${Math.round(r.ms)} ms`).join(', ')}`);
  console.log(`transferred (compressed, by kind): ${byKind(last.bytes)}`);
  console.log(`transferred in all: ${kib(last.total)}`);
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
fs.mkdirSync('bench-results', { recursive: true });
const file = `bench-results/bench-${Date.now()}.json`;
fs.writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nsaved ${file}`);
