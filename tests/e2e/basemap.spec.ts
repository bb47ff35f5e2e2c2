/**
 * The basemap as a reader sees it, in Chromium: the open layers of north-western Syria drawn at
 * the default view, their credit in the attribution control, and no zoom or pan that shows the
 * end of the land.
 */
import { expect, test } from '@playwright/test';
import { WIDE_BBOX } from '@/geo/region';
import { mapEval, mapReady, pixelOf, SHOTS } from './helpers';

const QMINAS: [number, number] = [36.67763, 35.88539];

type Rendered = { layer: string; ref?: string; en?: string }[];
const rendered = (layers: string[]) =>
  `map.queryRenderedFeatures({ layers: ${JSON.stringify(layers)} }).map((f) => ({ layer: f.layer.id, ref: f.properties.ref, en: f.properties.en }))`;

test.describe('the basemap', () => {
  for (const [where, theme, url] of [
    ['the dashboard', 'light', '/?lang=en'],
    ['a dark embed', 'dark', '/embed?theme=dark&lang=en&bounds=36.15,35.55,37.25,36.15'],
  ] as const) {
    test(`draws governorate lines, the M4 and M5 with their numbers, the Orontes and Idlib's built-up area in ${where}`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);
      await mapReady(page);
      const drawn = () => mapEval<Rendered>(page, rendered(['admin1', 'roads-major', 'road-refs', 'rivers', 'urban']));
      const layers = new Set((await drawn()).map((f) => f.layer));
      for (const layer of ['admin1', 'roads-major', 'rivers', 'urban']) expect(layers, layer).toContain(layer);
      // the road numbers are placed last, where the towns leave room: both appear once the map settles
      await expect
        .poll(() => drawn().then((d) => [...new Set(d.filter((f) => f.layer === 'road-refs').map((f) => f.ref))].sort()))
        .toEqual(['M4', 'M5']);
      expect((await drawn()).some((f) => f.layer === 'rivers' && f.en === 'Orontes')).toBe(true);
      await page.screenshot({ path: `${SHOTS}/basemap-default-${theme}.png` });
      // the river's name along it, where the towns' names leave it room (south of Jisr al-Shughur)
      await mapEval(page, `map.jumpTo({ center: [36.42, 35.55], zoom: 10 })`);
      await expect.poll(() => mapEval<Rendered>(page, rendered(['river-labels'])).then((r) => r.map((f) => f.en))).toContain('Orontes');
    });
  }

  test('credits the open data in the attribution control, folded until asked for', async ({ page }) => {
    await page.goto('/?lang=fr');
    await mapReady(page);
    const attribution = page.locator('.maplibregl-ctrl-attrib');
    await expect(attribution).not.toHaveClass(/maplibregl-compact-show/);
    await attribution.locator('.maplibregl-ctrl-attrib-button').click();
    await expect(attribution).toHaveClass(/maplibregl-compact-show/);
    const inner = attribution.locator('.maplibregl-ctrl-attrib-inner');
    await expect(inner).toContainText('UN OCHA / UNCS, COD-AB Syria 2020-12-17 (CC BY 3.0 IGO)');
    await expect(inner).toContainText('GSHHG 2.3.7');
    await expect(inner).toContainText('do not imply official endorsement or acceptance by the United Nations');
    await expect(inner).toContainText('Natural Earth');
    await page.screenshot({ path: `${SHOTS}/basemap-credits-fr.png` });
  });

  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`zoomed out as far as it goes (${size.width}px), the frame stays within the basemap's data, Syria whole in view`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.goto('/?lang=en&view=2/35/38');
      await mapReady(page);
      for (const corner of ['north-west', 'south-east']) {
        // panned as far as it goes towards each corner too
        const [lon, lat] = corner === 'north-west' ? [WIDE_BBOX[0], WIDE_BBOX[3]] : [WIDE_BBOX[2], WIDE_BBOX[1]];
        await mapEval(page, `map.jumpTo({ center: [${lon}, ${lat}], zoom: 0 })`);
        const [[w, s], [e, n]] = await mapEval<[[number, number], [number, number]]>(page, 'map.getBounds().toArray()');
        const [W, S, E, N] = WIDE_BBOX;
        const slack = 1e-6;
        expect(w, corner).toBeGreaterThanOrEqual(W - slack);
        expect(s, corner).toBeGreaterThanOrEqual(S - slack);
        expect(e, corner).toBeLessThanOrEqual(E + slack);
        expect(n, corner).toBeLessThanOrEqual(N + slack);
      }
      await mapEval(page, `map.jumpTo({ center: [38.5, 35], zoom: 0 })`);
      const [[w, s], [e, n]] = await mapEval<[[number, number], [number, number]]>(page, 'map.getBounds().toArray()');
      // Syria spans 35.7–42.4°E, 32.3–37.3°N: on a desktop it is all in the frame
      if (size.width > 1000) expect(w <= 35.7 && e >= 42.4 && s <= 32.3 && n >= 37.3).toBe(true);
      await page.waitForFunction(() =>
        (document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { loaded(): boolean } }).maplibreMap.loaded(),
      );
      await page.screenshot({ path: `${SHOTS}/basemap-min-zoom-${size.width}.png` });
    });
  }
});

test.describe('where an incident may lie', () => {
  const areas = `({ province: map.queryRenderedFeatures({ layers: ['province-area'] }).map((f) => f.properties.pcode), town: map.queryRenderedFeatures({ layers: ['precision-area'] }).length })`;

  test('is drawn only for the selected or hovered incident: its governorate when only the province is known, a disc near a town', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/?lang=en');
    await mapReady(page);
    // nothing is washed grey at the default view
    expect(await mapEval(page, areas)).toEqual({ province: [], town: 0 });
    await page.screenshot({ path: `${SHOTS}/precision-none.png` });

    // the day's toll is known only to Idlib governorate (OCHA pcode SY07): the governorate itself is tinted
    await page.goto('/?lang=en&incident=idlib-2020-02-20-day-toll');
    await mapReady(page);
    await expect.poll(() => mapEval<{ province: string[] }>(page, areas).then((a) => [...new Set(a.province)])).toEqual(['SY07']);
    expect((await mapEval<{ town: number }>(page, areas)).town).toBe(0);
    await page.screenshot({ path: `${SHOTS}/precision-province-selected.png` });

    // the Qminas attack is located near the town: a disc, and no governorate
    await page.goto('/?lang=en&incident=idlib-2020-02-20-qminas-attack');
    await mapReady(page);
    await expect.poll(() => mapEval<{ town: number }>(page, areas).then((a) => a.town)).toBeGreaterThan(0);
    expect((await mapEval<{ province: string[] }>(page, areas)).province).toEqual([]);
    await page.goto('/?lang=en');
    await mapReady(page);
    expect(await mapEval(page, areas)).toEqual({ province: [], town: 0 });

    // hovering the Qminas incident shows its disc while the pointer is on it (once it is drawn)
    await expect.poll(() => mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['incidents'] }).length`)).toBeGreaterThan(0);
    const { x, y } = await pixelOf(page, QMINAS);
    await page.mouse.move(x, y);
    await expect.poll(() => mapEval<{ town: number }>(page, areas).then((a) => a.town)).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/precision-town-hovered.png` });
    await page.mouse.move(x + 300, y + 200);
    await expect.poll(() => mapEval(page, areas)).toEqual({ province: [], town: 0 });
  });
});

test.describe('the locator inset', () => {
  test('shows Syria with the map’s frame outlined on the dashboard and in an embed (unless the view turns it off)', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/?lang=en');
    await mapReady(page);
    const inset = page.getByTestId('locator-inset');
    await expect(inset).toBeVisible();
    await expect(inset).toHaveAttribute('aria-label', 'Locator map: where this map lies in Syria');
    // the frame sits inside the inset, in its north-west (Idlib), and small: the map shows a corner of the country
    const box = (await inset.boundingBox())!;
    const frame = (await inset.getByTestId('locator-frame').boundingBox())!;
    expect(frame.x).toBeGreaterThanOrEqual(box.x);
    expect(frame.x + frame.width).toBeLessThan(box.x + box.width / 2);
    expect(frame.y + frame.height).toBeLessThan(box.y + box.height / 2);
    expect(frame.width).toBeLessThan(box.width / 4);
    // zoomed out to the whole country, the map is its own locator: no inset
    await mapEval(page, `map.jumpTo({ center: [38.5, 35], zoom: 5 })`);
    await expect(inset).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/inset-none-zoomed-out.png` });

    await page.goto('/embed?lang=en&bounds=36.15,35.55,37.25,36.15');
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await expect(page.getByTestId('locator-inset')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/inset-embed.png` });
    await page.goto('/embed?lang=en&bounds=36.15,35.55,37.25,36.15&inset=0');
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    await expect(page.getByTestId('locator-inset')).toHaveCount(0);
  });
});
