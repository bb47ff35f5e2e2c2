/** Shared by the benchmark scripts: a headless Chromium and a cold page load measured through CDP. */
import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { INTERACTIVE_LAYERS } from '../components/map-layers';
import { TILE_LAYERS } from '../components/map-tile-layers';
import { startCircleLayers } from '../components/map-start-layers';
import { PALETTES } from '../geo/palette';

/** What a trace of one load records: the page's and the GPU process's tasks, scripts, frames, requests and marks. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'gpu',
  'viz',
  'cc',
  'toplevel',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
}

export interface LoadMeasure {
  /** from the load's start until a probe from outside the page (every 20 ms) saw the first incidents drawn, ms */
  ms: number;
  /** when the map's frame that first drew incidents was rendered, ms after navigation start (page clock; needs `map`) */
  drawn?: number;
  /** bytes on the wire (compressed as served), by resource kind */
  bytes: Record<string, number>;
  total: number;
  /** when the map object existed and when its style had loaded, ms after navigation start (page clock) */
  phases?: { document: number; scripts: number; created: number; styleLoaded: number };
  /** with BENCH_TRACE=1: each request's start and end, and the page's own marks, ms after navigation start */
  timeline?: { name: string; start: number; end: number }[];
}

/**
 * Loads `url` in a fresh context with the cache off, and times it until `ready` (a function
 * body evaluated in the page) returns true; then waits for the network to settle and sums the
 * bytes transferred, by kind.
 */
export async function measureLoad(
  browser: Browser,
  url: string,
  ready: string,
  /** the page's map (an expression) and the layers of its incidents: phases and the frame that drew them */
  map?: { expr: string; layers: readonly string[] },
  /** a file to write Chromium's trace of this load to (open it in chrome://tracing or Perfetto) */
  tracePath?: string,
  /** a file to write the page's main-thread CPU profile of this load to (.cpuprofile: DevTools' Performance panel) */
  profilePath?: string,
): Promise<LoadMeasure> {
  const ctx = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await ctx.newPage();
  if (map) {
    // record, frame by frame, when the map appears and when its style has loaded; and, from the map's own
    // render events, when the frame that first drew incidents was rendered. The probe from outside (page.evaluate,
    // below) runs only when the page's thread is free: work a page does right after that frame (the embed hydrates,
    // adds the basemap's detail and the names) delayed what the probe saw by up to a long task's length
    await page.addInitScript(`(() => {
      const phases = (window.__benchPhases = {});
      const layers = ${JSON.stringify(map.layers)};
      // the frame that drew them: the map's latest render before they were first found, looked for at every
      // animation frame (a render event's own query missed them now and then in the bare page); when the probe
      // below finds them first (between that render and the next animation frame), its latest render
      const watch = (m) => {
        m.on('render', () => { phases.lastRender = performance.now(); });
        const look = () => {
          const present = layers.filter((id) => m.getLayer(id));
          if (phases.lastRender !== undefined && present.length && m.queryRenderedFeatures({ layers: present }).length > 0)
            phases.drawn = phases.lastRender;
          else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      };
      const tick = () => {
        let m = null;
        try { m = ${map.expr}; } catch {}
        if (m && phases.created === undefined) { phases.created = performance.now(); watch(m); }
        if (m && phases.styleLoaded === undefined && m.isStyleLoaded()) { phases.styleLoaded = performance.now(); return; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
  }
  // with BENCH_GL=1: each load's WebGL contexts made (when, how long the call took) and shader programs linked
  // (count, and the time spent waiting for their status: a round trip to the GPU process), printed per load
  if (process.env.BENCH_GL === '1')
    await page.addInitScript(`(() => {
      const gl = (window.__benchGl = { contexts: [], programs: 0, programMs: 0 });
      const get = HTMLCanvasElement.prototype.getContext;
      const made = new WeakSet();
      HTMLCanvasElement.prototype.getContext = function (...a) {
        const t = performance.now();
        const ctx = get.apply(this, a);
        if (ctx && /webgl/.test(a[0]) && !made.has(this)) { made.add(this); gl.contexts.push({ at: Math.round(t), ms: Math.round(performance.now() - t) }); }
        return ctx;
      };
      for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
        const status = C.prototype.getProgramParameter;
        C.prototype.getProgramParameter = function (p, n) {
          const t = performance.now();
          const r = status.call(this, p, n);
          if (n === this.LINK_STATUS) { gl.programs++; gl.programMs += performance.now() - t; }
          return r;
        };
      }
    })()`);
  // with BENCH_TRACE=1: the main thread's long tasks (50 ms or more), as marks
  if (process.env.BENCH_TRACE === '1')
    await page.addInitScript(
      `new PerformanceObserver((l) => { for (const e of l.getEntries()) performance.mark('long task ' + Math.round(e.duration) + ' ms', { startTime: e.startTime }); }).observe({ type: 'longtask', buffered: true })`,
    );
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const kinds = new Map<string, string>();
  const bytes: Record<string, number> = {};
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    const k = kinds.get(e.requestId) ?? 'Other';
    bytes[k] = (bytes[k] ?? 0) + e.encodedDataLength;
  });
  if (tracePath) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  if (profilePath) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  }
  const start = performance.now();
  await page.goto(url);
  // polled from here: Playwright's waitForFunction evaluates a string with eval(), which the
  // pages' Content-Security-Policy (rightly) refuses; page.evaluate does not need it
  for (const deadline = Date.now() + 60_000; !(await page.evaluate(ready)); ) {
    if (Date.now() > deadline) throw new Error(`${url} was not ready within 60 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - start;
  if (tracePath) fs.writeFileSync(tracePath, await browser.stopTracing());
  if (profilePath) fs.writeFileSync(profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  const drawn = map
    ? ((await page.evaluate('window.__benchPhases.drawn ?? window.__benchPhases.lastRender')) as number | undefined)
    : undefined;
  const phases = map
    ? ((await page.evaluate(`({
        ...window.__benchPhases,
        document: performance.getEntriesByType('navigation')[0].responseEnd,
        scripts: Math.max(0, ...performance.getEntriesByType('resource').filter((e) => /\\.m?js$/.test(new URL(e.name).pathname)).map((e) => e.responseEnd)),
      })`)) as LoadMeasure['phases'])
    : undefined;
  const timeline =
    process.env.BENCH_TRACE === '1'
      ? ((await page.evaluate(`[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource'), ...performance.getEntriesByType('mark')]
        .map((e) => ({ name: e.entryType === 'mark' ? 'mark: ' + e.name : new URL(e.name).pathname, start: e.entryType === 'navigation' ? 0 : e.startTime, end: e.entryType === 'mark' ? e.startTime : e.responseEnd }))`)) as LoadMeasure['timeline'])
      : undefined;
  if (process.env.BENCH_GL === '1') {
    const gl = (await page.evaluate('window.__benchGl')) as { contexts: { at: number; ms: number }[]; programs: number; programMs: number };
    console.log(
      `${new URL(url).pathname}: ${Math.round(ms)} ms; WebGL contexts ${gl.contexts.map((c) => `at ${c.at} ms, made in ${c.ms} ms`).join('; ')}; ${gl.programs} programs, ${Math.round(gl.programMs)} ms waiting for their link`,
    );
  }
  await page.waitForLoadState('networkidle');
  await ctx.close();
  return { ms, drawn, bytes, total: Object.values(bytes).reduce((a, b) => a + b, 0), phases, timeline };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
export const byKind = (b: Record<string, number>) =>
  Object.entries(b)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${kib(v)}`)
    .join(', ');

/** The view bench:embed and bench:ab load, saved and published on a running app: all seed incidents, light theme, English. */
export async function publishBenchView(appUrl: string, token: string): Promise<{ id: string }> {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const view = (await (
    await fetch(`${appUrl}/api/views`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: { en: 'Fighting around Idlib, 20 February 2020' }, lang: 'en', theme: 'light' }),
    })
  ).json()) as { id: string };
  await fetch(`${appUrl}/api/views/${view.id}/publish`, { method: 'POST', headers: auth, body: JSON.stringify({ pin: false }) });
  return view;
}

/**
 * The embed's map, and the layers that draw its incidents: the symbols, and the circles that stand in for
 * them in its first frames (components/map-layers startCircleLayers); those present at the moment count.
 */
export const EMBED_MAP = {
  expr: `document.querySelector('[data-testid=map]')?.maplibreMap`,
  layers: [
    INTERACTIVE_LAYERS.incidents,
    INTERACTIVE_LAYERS.clusters,
    INTERACTIVE_LAYERS.provinceIncidents,
    INTERACTIVE_LAYERS.provinceGroups,
    ...startCircleLayers(PALETTES.light).map((l) => l.id),
    // a large view's (EMBED_INLINE_MAX=0 makes any view one): the same marks from the vector tiles
    TILE_LAYERS.incidents,
    TILE_LAYERS.clusters,
  ],
};

/** A probe of a page's map: true once a frame has drawn one of the `layers` (those the map has). */
export const drawnProbe = (map: { expr: string; layers: string[] }) => `(() => { const m = ${map.expr};
  const layers = m ? ${JSON.stringify(map.layers)}.filter((id) => m.getLayer(id)) : [];
  return layers.length > 0 && m.queryRenderedFeatures({ layers }).length > 0; })()`;
