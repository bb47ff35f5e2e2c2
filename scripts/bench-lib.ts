/** Shared by the benchmark scripts: a headless Chromium and a cold page load measured through CDP. */
import { chromium, type Browser } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}

export interface LoadMeasure {
  /** from navigation start to the first incidents drawn, ms */
  ms: number;
  /** bytes on the wire (compressed as served), by resource kind */
  bytes: Record<string, number>;
  total: number;
}

/**
 * Loads `url` in a fresh context with the cache off, and times it until `ready` (a function
 * body evaluated in the page) returns true; then waits for the network to settle and sums the
 * bytes transferred, by kind.
 */
export async function measureLoad(browser: Browser, url: string, ready: string): Promise<LoadMeasure> {
  const ctx = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await ctx.newPage();
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
  const start = performance.now();
  await page.goto(url);
  await page.waitForFunction(ready, undefined, { timeout: 60_000, polling: 20 });
  const ms = performance.now() - start;
  await page.waitForLoadState('networkidle');
  await ctx.close();
  return { ms, bytes, total: Object.values(bytes).reduce((a, b) => a + b, 0) };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
export const byKind = (b: Record<string, number>) =>
  Object.entries(b)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${kib(v)}`)
    .join(', ');
