/**
 * npm run bench:embed — is the embed as light and quick as a bare MapLibre page?
 *
 * Builds and serves the app, saves a view, and measures cold loads in headless Chromium of
 * (a) the embed /embed/{id} and (b) a reference page: plain HTML that loads only maplibre-gl,
 * the same basemap geography, fonts and incidents as static files, served gzip-compressed like
 * the app's own responses. For each: bytes transferred by kind and the time until the first
 * incidents are drawn (the map's frame that first rendered the incident layer, on the page's clock; also, as
 * earlier versions gave it, when a probe from outside the page saw them; not waiting for the rest of the page's sources:
 * the app adds the basemap's detail after its first frame, geo/basemap-style splitBasemap, while
 * the reference loads everything with the style; the embed's incidents count as drawn in the circles
 * its first frames draw them as, before its symbols: bench-lib EMBED_MAP). Prints medians and the ratios
 * against the targets (time ≤ 1.25×, bytes ≤ 1.3× the reference).
 *
 * Diagnostics: BENCH_TRACE=1 (requests, marks and long tasks of the median loads), BENCH_GL=1 (each
 * load's WebGL contexts and shader programs), BENCH_CHROME_TRACE=dir, BENCH_CPU_PROFILE=dir.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { basemapStyle } from '../geo/basemap-style';
import { startServer } from '../tests/server';
import { byKind, drawnProbe, EMBED_MAP, kib, launchChromium, measureLoad, median, publishBenchView, type LoadMeasure } from './bench-lib';

const DIST = '.next-bench';
const APP_PORT = 3391;
const REF_PORT = 3392;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TOKEN = 'bench-editor-token';

if (process.env.BENCH_SKIP_BUILD !== '1') {
  console.log('building…');
  execSync('npm run build', { stdio: 'ignore', env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' } });
}
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embed-pglite-'));
const refDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embed-ref-'));
const app = await startServer(APP_PORT, { PGLITE_DIR: dbDir, NEXT_DIST_DIR: DIST, EDITOR_TOKEN: TOKEN });
let ref: http.Server | null = null;
try {
  const view = await publishBenchView(app.url, TOKEN);

  // the reference page's files: the same library, geography, fonts and incidents
  const copy = (from: string, to: string) => fs.copyFileSync(from, path.join(refDir, to));
  copy('node_modules/maplibre-gl/dist/maplibre-gl.mjs', 'maplibre-gl.mjs');
  copy('node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs', 'maplibre-gl-worker.mjs');
  copy('node_modules/maplibre-gl/dist/maplibre-gl.css', 'maplibre-gl.css');
  fs.mkdirSync(path.join(refDir, 'generated/basemap'), { recursive: true });
  fs.mkdirSync(path.join(refDir, 'generated/fonts'), { recursive: true });
  for (const f of ['land', 'borders', 'country-labels']) copy(`public/generated/basemap/${f}.geojson`, `generated/basemap/${f}.geojson`);
  for (const f of ['noto-sans-latin-400', 'noto-sans-latin-ext-400', 'noto-sans-arabic-400'])
    copy(`public/generated/fonts/${f}.woff2`, `generated/fonts/${f}.woff2`);
  fs.writeFileSync(path.join(refDir, 'incidents.geojson'), await (await fetch(`${app.url}/api/incidents?limit=500`)).text());
  // places with flat names, labelled like ours (the page's language, then Arabic), so both pages draw the same text
  const places = await (await fetch(`${app.url}/api/places`)).json();
  for (const f of places.features) f.properties = { name_en: f.properties.name.en, name_ar: f.properties.name.ar };
  fs.writeFileSync(path.join(refDir, 'places.geojson'), JSON.stringify(places));
  const refOrigin = `http://127.0.0.1:${REF_PORT}`;
  const style = basemapStyle({ palette: 'light', lang: 'en', origin: refOrigin });
  fs.writeFileSync(
    path.join(refDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>reference</title>
<link rel="stylesheet" href="/maplibre-gl.css"><style>body{margin:0}#map{height:560px}</style></head>
<body><div id="map"></div><script type="module">
import * as maplibregl from '/maplibre-gl.mjs';
performance.mark('reference:start');
maplibregl.setWorkerUrl('${refOrigin}/maplibre-gl-worker.mjs');
const style = ${JSON.stringify(style)};
style.sources.incidents = { type: 'geojson', data: '${refOrigin}/incidents.geojson' };
style.sources.places = { type: 'geojson', data: '${refOrigin}/places.geojson' };
style.layers.push({ id: 'places', type: 'circle', source: 'places', paint: { 'circle-radius': 3.5, 'circle-color': '#1f2937' } });
style.layers.push({ id: 'place-labels', type: 'symbol', source: 'places', layout: { 'text-field': ['format', ['get', 'name_en'], {}, '\\n', {}, ['get', 'name_ar'], { 'font-scale': 0.85 }], 'text-font': ['Noto Sans Regular'], 'text-size': 13, 'text-anchor': 'top', 'text-offset': [0, 0.6] } });
style.layers.push({ id: 'incidents', type: 'circle', source: 'incidents', paint: { 'circle-radius': 8, 'circle-color': '#c2410c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
window.__map = new maplibregl.Map({ container: 'map', style, center: [36.7, 35.86], zoom: 9.3 });
performance.mark('reference:map-created');
</script></body></html>`,
  );
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.mjs': 'text/javascript',
    '.css': 'text/css',
    '.geojson': 'application/geo+json',
    '.woff2': 'font/woff2',
  };
  ref = http
    .createServer((req, res) => {
      const rel = decodeURIComponent(new URL(req.url ?? '/', refOrigin).pathname).replace(/^\/+/, '') || 'index.html';
      const file = path.join(refDir, rel);
      if (!file.startsWith(refDir) || !fs.existsSync(file)) return res.writeHead(404).end();
      const ext = path.extname(file);
      const body = fs.readFileSync(file);
      const compress = ext !== '.woff2' && /gzip/.test(String(req.headers['accept-encoding']));
      res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream', ...(compress ? { 'content-encoding': 'gzip' } : {}) });
      res.end(compress ? gzipSync(body) : body);
    })
    .listen(REF_PORT, '127.0.0.1');

  const browser = await launchChromium();
  const embedMap = EMBED_MAP;
  const refMap = { expr: 'window.__map', layers: ['incidents'] };
  const embedReady = drawnProbe(embedMap);
  const refReady = drawnProbe(refMap);
  const embed: LoadMeasure[] = [];
  const reference: LoadMeasure[] = [];
  // one warm-up each (server code paths, disk cache), then alternate
  await measureLoad(browser, `${app.url}/embed/${view.id}`, embedReady);
  await measureLoad(browser, `${refOrigin}/`, refReady);
  for (let i = 0; i < RUNS; i++) {
    embed.push(await measureLoad(browser, `${app.url}/embed/${view.id}`, embedReady, embedMap));
    reference.push(await measureLoad(browser, `${refOrigin}/`, refReady, refMap));
  }
  // BENCH_CHROME_TRACE=dir: one more load of each page, traced by Chromium (where the two cores' time goes)
  const traceDir = process.env.BENCH_CHROME_TRACE;
  if (traceDir) {
    fs.mkdirSync(traceDir, { recursive: true });
    await measureLoad(browser, `${app.url}/embed/${view.id}`, embedReady, embedMap, path.join(traceDir, 'embed.json'));
    await measureLoad(browser, `${refOrigin}/`, refReady, refMap, path.join(traceDir, 'reference.json'));
    console.log(`Chromium traces: ${traceDir}/embed.json, ${traceDir}/reference.json`);
  }
  // BENCH_CPU_PROFILE=dir: three more loads of each page with the page's main thread sampled (.cpuprofile files)
  const profileDir = process.env.BENCH_CPU_PROFILE;
  if (profileDir) {
    fs.mkdirSync(profileDir, { recursive: true });
    for (let i = 0; i < 3; i++) {
      await measureLoad(
        browser,
        `${app.url}/embed/${view.id}`,
        embedReady,
        embedMap,
        undefined,
        path.join(profileDir, `embed-${i}.cpuprofile`),
      );
      await measureLoad(browser, `${refOrigin}/`, refReady, refMap, undefined, path.join(profileDir, `reference-${i}.cpuprofile`));
    }
    console.log(`CPU profiles: ${profileDir}/{embed,reference}-{0,1,2}.cpuprofile`);
  }
  await browser.close();

  // the time to the first incidents: the page's clock at the frame that drew them (the map's render); and, as
  // earlier versions of this benchmark gave it, the time until a probe from outside the page saw them, which
  // adds whatever long task the page runs right after that frame (a page's thread answers no probe while busy)
  const drawnOf = (x: LoadMeasure) => x.drawn ?? Number.POSITIVE_INFINITY;
  const e = { drawn: median(embed.map(drawnOf)), ms: median(embed.map((r) => r.ms)), bytes: median(embed.map((r) => r.total)) };
  const r = { drawn: median(reference.map(drawnOf)), ms: median(reference.map((x) => x.ms)), bytes: median(reference.map((x) => x.total)) };
  const timeRatio = e.drawn / r.drawn;
  const probeRatio = e.ms / r.ms;
  const byteRatio = e.bytes / r.bytes;
  const runs = (xs: LoadMeasure[], f: (x: LoadMeasure) => number) => xs.map((x) => Math.round(f(x))).join(', ');
  console.log(
    `\nembed ${app.url}/embed/${view.id} vs bare reference page, cold loads, median of ${RUNS} (headless Chromium, SwiftShader WebGL)`,
  );
  console.log(
    `embed:     first incidents drawn at ${Math.round(e.drawn)} ms (runs ${runs(embed, drawnOf)}); seen by the probe at ${Math.round(e.ms)} ms (runs ${runs(embed, (x) => x.ms)}); transferred ${kib(e.bytes)}: ${byKind(embed.at(-1)!.bytes)}`,
  );
  console.log(
    `reference: first incidents drawn at ${Math.round(r.drawn)} ms (runs ${runs(reference, drawnOf)}); seen by the probe at ${Math.round(r.ms)} ms (runs ${runs(reference, (x) => x.ms)}); transferred ${kib(r.bytes)}: ${byKind(reference.at(-1)!.bytes)}`,
  );
  const phases = (xs: LoadMeasure[]) =>
    `${(['document', 'scripts', 'created', 'styleLoaded'] as const)
      .map((k) => {
        // the style counts as loaded once every source is in: after the first incidents, when the basemap's detail comes later
        const v = median(xs.map((x) => x.phases?.[k] ?? Number.POSITIVE_INFINITY));
        return `${k} ${Number.isFinite(v) ? Math.round(v) : 'after the first incidents'}`;
      })
      .join(', ')} ms`;
  console.log(
    `phases (page clock; document and scripts received, map created, style loaded), median — embed: ${phases(embed)}; reference: ${phases(reference)}`,
  );
  // each embed load against the reference load next to it: steadier than the ratio of medians when the machine's speed drifts
  const pairedOf = (f: (x: LoadMeasure) => number) => {
    const paired = embed.map((x, i) => f(x) / f(reference[i]!)).sort((a, b) => a - b);
    const q = (at: number) => paired[Math.floor(at * (paired.length - 1))]!.toFixed(2);
    return `${median(paired).toFixed(2)}× (quartiles ${q(0.25)}–${q(0.75)}×)`;
  };
  console.log(`paired loads, median ratio: first incidents drawn ${pairedOf(drawnOf)}; seen by the probe ${pairedOf((x) => x.ms)}`);
  console.log(
    `ratios: time ${timeRatio.toFixed(2)}× (target ≤ 1.25×: ${timeRatio <= 1.25 ? 'met' : 'NOT met'}; seen by the probe ${probeRatio.toFixed(2)}×), bytes ${byteRatio.toFixed(2)}× (target ≤ 1.3×: ${byteRatio <= 1.3 ? 'met' : 'NOT met'})`,
  );
  if (process.env.BENCH_TRACE === '1') {
    for (const [name, runs] of [
      ['embed', embed],
      ['reference', reference],
    ] as const) {
      const run = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
      console.log(`\n${name}, median run (${Math.round(run.ms)} ms): requests and marks, ms after navigation start`);
      for (const e of [...(run.timeline ?? [])].sort((a, b) => a.start - b.start))
        console.log(`  ${String(Math.round(e.start)).padStart(5)} → ${String(Math.round(e.end)).padStart(5)}  ${e.name}`);
      console.log(`  ${JSON.stringify(Object.fromEntries(Object.entries(run.phases ?? {}).map(([k, v]) => [k, Math.round(v)])))}`);
    }
  }
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(
    `bench-results/bench-embed-${Date.now()}.json`,
    JSON.stringify({ date: new Date().toISOString(), embed, reference, timeRatio, probeRatio, byteRatio }, null, 2),
  );
} finally {
  ref?.close();
  await app.stop();
  fs.rmSync(dbDir, { recursive: true, force: true });
  fs.rmSync(refDir, { recursive: true, force: true });
}
