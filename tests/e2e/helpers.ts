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
export async function mapReady(page: Page, { minHeight = 300 }: { minHeight?: number } = {}) {
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  const box = await map.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeGreaterThan(minHeight);
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

/**
 * A point on the page where a place's name was placed (names move around their dot to make room for
 * incidents): the first of a ring of candidates around the place where the map finds its label and
 * no incident.
 */
export async function labelPointOf(page: Page, placeId: string, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const found = await page.evaluate(
    ({ placeId, lngLat }) => {
      const el = document.querySelector('[data-testid=map]') as HTMLElement & {
        maplibreMap: {
          project(ll: [number, number]): { x: number; y: number };
          queryRenderedFeatures(p: [number, number], o: object): { layer: { id: string }; properties: { id: string } }[];
        };
      };
      const m = el.maplibreMap;
      const at = m.project(lngLat);
      for (const d of [14, 20, 26, 32, 40, 50, 60])
        for (let k = 0; k < 16; k++) {
          const p: [number, number] = [at.x + d * Math.sin((k * Math.PI) / 8), at.y - d * Math.cos((k * Math.PI) / 8)];
          const hits = m.queryRenderedFeatures(p, {});
          const label = hits.some((f) => f.layer.id === 'place-labels' && f.properties.id === placeId);
          const incident = hits.some((f) => /incident|clusters|province-groups/.test(f.layer.id));
          if (label && !incident) {
            const r = el.getBoundingClientRect();
            return { x: r.left + p[0], y: r.top + p[1] };
          }
        }
      return null;
    },
    { placeId, lngLat },
  );
  expect(found, `the name of ${placeId} is drawn near it`).not.toBeNull();
  return found!;
}

/**
 * Signs the page's browser context in as a new editor of the shared test server: an account made
 * by the service token (with its one-time password), signed in, and its password changed, as a
 * colleague's first sign-in does. The session cookie then goes with the page's own requests.
 */
export async function signInEditor(page: Page, role: 'editor' | 'admin' = 'editor'): Promise<{ name: string; password: string }> {
  const name = `e2e-${role}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const made = await page.request.post('/api/editors', { headers: { authorization: `Bearer ${TOKEN}` }, data: { name, role } });
  expect(made.status()).toBe(201);
  const oneTime = ((await made.json()) as { password: string }).password;
  const signedIn = await page.request.post('/api/session', { data: { name, password: oneTime } });
  expect(signedIn.status()).toBe(200);
  const first = (await signedIn.json()) as { csrf: string; mustChangePassword?: boolean };
  expect(first.mustChangePassword).toBe(true);
  const password = `${name} chose this passphrase`;
  const changed = await page.request.post('/api/session/password', {
    headers: { 'x-csrf-token': first.csrf },
    data: { current: oneTime, next: password },
  });
  expect(changed.status()).toBe(200);
  return { name, password };
}
