import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../server';
import { spreadOffsetPx } from '@/geo/symbols';
import { mapEval, mapReady, SHOTS } from './helpers';

/**
 * The dashboard and an embed past what they hold themselves: a server of their own told to hold
 * at most two incidents (DASHBOARD_SMALL_SET, EMBED_INLINE_MAX), so the seed's six are drawn
 * from vector tiles, as a million would be.
 */
let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer(3305, {
    PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-scale-')),
    DASHBOARD_SMALL_SET: '2',
    EMBED_INLINE_MAX: '2',
  });
});
test.afterAll(async () => {
  await server?.stop();
});

const tileFeatures = (page: Page, layer: string) =>
  mapEval<number>(page, `map.getLayer('${layer}') ? map.queryRenderedFeatures({ layers: ['${layer}'] }).length : 0`);
/** What the tiles draw: groups, and incidents one by one where a tile holds few (grouped as a small set is). */
const tileMarks = async (page: Page) => (await tileFeatures(page, 'tile-clusters')) + (await tileFeatures(page, 'tile-incidents'));

test.describe('at scale', () => {
  test('the dashboard draws tiles, says how many match and how many the list shows, and opens an incident from a tile', async ({
    page,
  }) => {
    await page.goto(`${server.url}/?lang=en`);
    await mapReady(page);
    await expect(page.getByTestId('scale-note')).toContainText('6 incidents match these filters');
    await expect.poll(() => tileMarks(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('list-count')).toHaveText(/^The newest \d of \d in view$/);
    // the whole toll of the filters, not only what the list shows
    await expect(page.getByTestId('view-toll')).toContainText('Deaths reported, all matching incidents');
    await page.screenshot({ path: `${SHOTS}/scale-dashboard-clusters.png` });

    // zoomed in on Al-Nayrab, single incidents; one click opens its claims
    // and waits until its tiles are in and their symbols placed (until then those of the zoom before stand in)
    await mapEval(page, `new Promise((done) => { map.once('idle', () => done(true)); map.jumpTo({ center: [36.71, 35.86], zoom: 13 }); })`);
    await expect.poll(() => tileFeatures(page, 'tile-incidents'), { timeout: 15_000 }).toBeGreaterThan(0);
    // drawn as icons holding their room, as the incidents sent whole are: no name is placed under one
    const under = await mapEval<string[]>(
      page,
      `map.queryRenderedFeatures({ layers: ['tile-incidents'] }).flatMap((f) => { const p = map.project(f.geometry.coordinates);
        return map.queryRenderedFeatures([[p.x - 7, p.y - 7], [p.x + 7, p.y + 7]], { layers: ['place-labels'] }).map((l) => l.properties.id); })`,
    );
    expect(under).toEqual([]);
    const point = await mapEval<{ x: number; y: number; dir?: number; d?: number }>(
      page,
      // one drawn inside the frame (the tiles hold incidents just beyond its edges too)
      `(() => { const w = map.getContainer().clientWidth; const h = map.getContainer().clientHeight;
        const f = map.queryRenderedFeatures({ layers: ['tile-incidents'] }).find((g) => { const q = map.project(g.geometry.coordinates); return q.x > 20 && q.y > 20 && q.x < w - 20 && q.y < h - 20; });
        const p = map.project(f.geometry.coordinates);
        const r = map.getContainer().getBoundingClientRect(); return { x: r.left + p.x, y: r.top + p.y, dir: f.properties.dir, d: f.properties.d }; })()`,
    );
    // where it is drawn: spread from the point it shares, as the browser spreads a small set (symbols whole at this zoom)
    const [dx, dy] = spreadOffsetPx(point.dir, point.d);
    await page.mouse.click(point.x + dx, point.y + dy);
    // incidents sharing a point may still be listed by a chooser first
    const chooser = page.getByTestId('incident-chooser');
    const popup = page.locator('.incident-popup');
    await expect(popup.first()).toBeVisible();
    if (await chooser.isVisible()) {
      await expect(chooser.getByRole('button')).toHaveCount(2);
      await chooser.getByRole('button').first().click();
    }
    await expect(popup).toContainText('Killed');
    expect(new URL(page.url()).searchParams.get('incident')).toMatch(/^idlib-2020-02-20-/);
    await page.screenshot({ path: `${SHOTS}/scale-dashboard-incident.png` });
  });

  test('an embed draws tiles, says how many incidents it groups, and still names its sources', async ({ page }) => {
    await page.goto(`${server.url}/embed?lang=fr`);
    await expect(page.getByTestId('large-note')).toContainText('6 incidents : regroupés sur la carte');
    await expect.poll(() => tileMarks(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('embed')).toContainText('Agence France-Presse (AFP)');
    await page.screenshot({ path: `${SHOTS}/scale-embed.png` });
  });

  test('a large embed with its time bar counts from the API, and a period it sets goes into the tiles it asks for', async ({ page }) => {
    await page.goto(`${server.url}/embed?lang=en&timebar=1`);
    const bar = page.getByTestId('time-bar');
    await expect(bar.getByTestId('time-bar-svg')).toBeVisible();
    await expect(bar.getByTestId('time-bar-svg')).toHaveAttribute('aria-label', /^6 incidents from/);
    await expect.poll(() => tileMarks(page), { timeout: 15_000 }).toBeGreaterThan(0);
    const tileUrl = () => mapEval<string>(page, "map.getSource('incident-tiles')?.tiles?.[0] ?? ''");
    await bar.getByTestId('time-bar-end').focus();
    await page.keyboard.press('Home');
    await expect.poll(tileUrl).toMatch(/[?&]to=\d{4}-\d{2}-\d{2}/);
    expect(await tileUrl()).toContain('{z}/{x}/{y}');
    // a day with no incident: the tiles of that period hold none
    await expect.poll(() => tileMarks(page), { timeout: 15_000 }).toBe(0);
    await bar.getByTestId('time-bar-clear').click();
    await expect.poll(() => tileMarks(page), { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
