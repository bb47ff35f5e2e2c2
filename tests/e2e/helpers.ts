import { type APIRequestContext, expect, type Page } from '@playwright/test';

export const TOKEN = 'e2e-editor-token';

/** A saved view, published (unpinned) so that anyone may open its embed and page. */
export async function publishedView(
  request: APIRequestContext,
  data: object,
): Promise<{ id: string; links: { embed: string; page: string } }> {
  const res = await request.post('/api/views', { headers: { authorization: `Bearer ${TOKEN}` }, data });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const published = await request.post(`/api/views/${id}/publish`, { headers: { authorization: `Bearer ${TOKEN}` }, data: {} });
  expect(published.status()).toBe(200);
  return published.json();
}

export const SHOTS = 'test-results/screenshots';

/** Waits until the map has drawn its data, and checks it really has a size (a 0-height map still fires idle). */
export async function mapReady(page: Page) {
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  const box = await map.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeGreaterThan(300);
  await page.waitForFunction(() => {
    const m = (
      document.querySelector('[data-testid=map]') as unknown as {
        maplibreMap?: { loaded(): boolean; querySourceFeatures(s: string): unknown[] };
      }
    ).maplibreMap;
    return m?.loaded() && m.querySourceFeatures('places').length > 0;
  });
}

/** The pixel position of a coordinate inside the page, as the map projects it. */
export async function pixelOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => {
    const el = document.querySelector('[data-testid=map]') as HTMLElement & {
      maplibreMap: { project(ll: [number, number]): { x: number; y: number } };
    };
    const { x, y } = el.maplibreMap.project(ll);
    const r = el.getBoundingClientRect();
    return { x: r.left + x, y: r.top + y };
  }, lngLat);
  return p;
}

export async function mapEval<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const map = document.querySelector('[data-testid=map]').maplibreMap; return ${fn}; })()`) as Promise<T>;
}
