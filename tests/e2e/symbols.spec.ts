/**
 * The map as a news graphic, checked on what MapLibre really placed (queryRenderedFeatures): every
 * kind of incident in view has a symbol of its colour, incidents sharing a place are spread so each
 * is seen, every place an incident names is labelled, and no name sits under an incident.
 */
import { expect, type Page, test } from '@playwright/test';
import { spreadOffsetPx } from '@/geo/symbols';
import { PALETTES } from '@/geo/palette';
import { mapEval, mapReady, SHOTS } from './helpers';

interface Drawn {
  id: string;
  eventType: string;
  x: number;
  y: number;
  r: number;
}

/** The incident symbols drawn, each with its centre on the page (its point plus its spread) and radius. */
async function drawnIncidents(page: Page): Promise<Drawn[]> {
  const raw = await mapEval<{ id: string; eventType: string; c: [number, number]; r: number; dir?: number; d?: number }[]>(
    page,
    `map.queryRenderedFeatures({ layers: ['incidents', 'province-incidents'] }).map((f) => ({ id: f.properties.id, eventType: f.properties.eventType, c: f.geometry.coordinates, r: f.properties.r, dir: f.properties.dir, d: f.properties.d }))`,
  );
  const byId = new Map(raw.map((f) => [f.id, f]));
  const out: Drawn[] = [];
  for (const f of byId.values()) {
    const p = await mapEval<{ x: number; y: number }>(page, `map.project(${JSON.stringify(f.c)})`);
    const [dx, dy] = spreadOffsetPx(f.dir, f.d);
    out.push({ id: f.id, eventType: f.eventType, x: p.x + dx, y: p.y + dy, r: f.r });
  }
  return out;
}

for (const [size, lang] of [
  [{ width: 1280, height: 800 }, 'en'],
  [{ width: 390, height: 844 }, 'en'],
  [{ width: 1280, height: 800 }, 'ar'],
  [{ width: 390, height: 844 }, 'ar'],
] as const) {
  test.describe(`the default view at ${size.width}×${size.height} in ${lang === 'ar' ? 'Arabic' : 'English'}`, () => {
    test.use({ viewport: size });

    test('shows every kind of incident in view in its colour, each incident apart, none under another', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await mapReady(page);
      // the six incidents of 20 February: none hidden in a group at the default view (drawn once their icons are made)
      await expect.poll(() => drawnIncidents(page).then((d) => d.length)).toBe(6);
      const drawn = await drawnIncidents(page);
      const types = new Set(drawn.map((d) => d.eventType));
      expect([...types].sort()).toEqual(['battles', 'explosions-remote-violence']);
      // the colour the map paints each with is its type's
      const colours = await mapEval<string[]>(
        page,
        `map.queryRenderedFeatures({ layers: ['incidents'] }).map((f) => f.layer.paint['icon-color'].toString())`,
      );
      for (const c of colours) expect(Object.values(PALETTES.light.types).map((h) => h.toLowerCase())).toContain(rgbToHex(c));
      for (const a of drawn)
        for (const b of drawn) {
          if (a.id >= b.id) continue;
          expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.id} and ${b.id} overlap`).toBeGreaterThanOrEqual(a.r + b.r);
        }
      await page.screenshot({ path: `${SHOTS}/symbols-default-${size.width}-${lang}.png` });
    });

    test('labels every place an incident in view names, and no name sits under an incident or a control', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await mapReady(page);
      const labelled = () =>
        mapEval<string[]>(
          page,
          `map.queryRenderedFeatures({ layers: ['place-labels', 'governorate-labels'] }).map((f) => f.properties.id)`,
        );
      // where the incidents are located; on a desktop also the places their texts name (Idlib, Sarmin, Saraqib)
      const named = ['nayrab-idlib', 'qminas', 'idlib-governorate', ...(size.width > 1000 ? ['idlib-city', 'sarmin', 'saraqib'] : [])];
      for (const place of named) await expect.poll(labelled, { message: place }).toContain(place);
      await page.screenshot({ path: `${SHOTS}/labels-default-${size.width}-${lang}.png` });
      await expect.poll(() => drawnIncidents(page).then((d) => d.length)).toBe(6);
      // a name's placed box never meets an incident's disc (the query returns the names whose placed boxes meet the square)
      for (const d of await drawnIncidents(page)) {
        const under = await mapEval<string[]>(
          page,
          `map.queryRenderedFeatures([[${d.x - d.r}, ${d.y - d.r}], [${d.x + d.r}, ${d.y + d.r}]], { layers: ['place-labels', 'governorate-labels'] }).map((f) => f.properties.id)`,
        );
        expect(under, `names under ${d.id}`).toEqual([]);
      }
      // nor under the zoom buttons (top right; top left in Arabic, where lines end)
      const map = (await page.getByTestId('map').boundingBox())!;
      const corner = page.locator(lang === 'ar' ? '.maplibregl-ctrl-top-left' : '.maplibregl-ctrl-top-right');
      await expect(corner.locator('.maplibregl-ctrl-zoom-in')).toBeVisible();
      const controls = (await corner.boundingBox())!;
      const underControls = await mapEval<string[]>(
        page,
        `map.queryRenderedFeatures([[${controls.x - map.x}, ${controls.y - map.y}], [${controls.x - map.x + controls.width}, ${controls.y - map.y + controls.height}]], { layers: ['place-labels', 'governorate-labels', 'incidents', 'province-incidents'] }).map((f) => f.properties.id)`,
      );
      expect(underControls).toEqual([]);
      // and none runs off the frame: no placed name meets a strip along any edge
      const w = Math.round(map.width);
      const h = Math.round(map.height);
      for (const strip of [
        [
          [0, 0],
          [w, 1],
        ],
        [
          [0, h - 1],
          [w, h],
        ],
        [
          [0, 0],
          [1, h],
        ],
        [
          [w - 1, 0],
          [w, h],
        ],
      ]) {
        const cut = await mapEval<string[]>(
          page,
          `map.queryRenderedFeatures(${JSON.stringify(strip)}, { layers: ['place-labels', 'governorate-labels'] }).map((f) => f.properties.id)`,
        );
        expect(cut, `names cut at ${JSON.stringify(strip)}`).toEqual([]);
      }
    });
  });
}

// the embed, in both themes (the dashboard has one): the same checks on the map a reader of an article sees
for (const [size, lang, theme] of [
  [{ width: 1280, height: 800 }, 'en', 'dark'],
  [{ width: 390, height: 844 }, 'ar', 'dark'],
  [{ width: 390, height: 844 }, 'en', 'light'],
  [{ width: 1280, height: 800 }, 'ar', 'light'],
] as const) {
  test(`an embed at ${size.width}×${size.height}, ${theme}, in ${lang === 'ar' ? 'Arabic' : 'English'}: every kind in its colour, every town named, no name under a symbol or cut`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto(`/embed?lang=${lang}&theme=${theme}&from=2020-02-20&to=2020-02-20`);
    // an embed on a phone is as tall as its width allows (about 300 px at 390)
    await mapReady(page, { minHeight: 250 });
    await expect.poll(() => drawnIncidents(page).then((d) => d.length)).toBe(6);
    const drawn = await drawnIncidents(page);
    expect([...new Set(drawn.map((d) => d.eventType))].sort()).toEqual(['battles', 'explosions-remote-violence']);
    const colours = await mapEval<string[]>(
      page,
      `map.queryRenderedFeatures({ layers: ['incidents'] }).map((f) => f.layer.paint['icon-color'].toString())`,
    );
    for (const c of colours) expect(Object.values(PALETTES[theme].types).map((h) => h.toLowerCase())).toContain(rgbToHex(c));
    const labelled = () =>
      mapEval<string[]>(page, `map.queryRenderedFeatures({ layers: ['place-labels', 'governorate-labels'] }).map((f) => f.properties.id)`);
    for (const place of ['nayrab-idlib', 'qminas', 'idlib-governorate']) await expect.poll(labelled, { message: place }).toContain(place);
    for (const d of drawn) {
      const under = await mapEval<string[]>(
        page,
        `map.queryRenderedFeatures([[${d.x - d.r}, ${d.y - d.r}], [${d.x + d.r}, ${d.y + d.r}]], { layers: ['place-labels', 'governorate-labels'] }).map((f) => f.properties.id)`,
      );
      expect(under, `names under ${d.id}`).toEqual([]);
    }
    const { w, h } = await mapEval<{ w: number; h: number }>(
      page,
      `({ w: map.getContainer().clientWidth, h: map.getContainer().clientHeight })`,
    );
    const edges = await mapEval<string[]>(
      page,
      `[[[0, 0], [${w}, 1]], [[0, ${h - 1}], [${w}, ${h}]], [[0, 0], [1, ${h}]], [[${w - 1}, 0], [${w}, ${h}]]].flatMap((b) => map.queryRenderedFeatures(b, { layers: ['place-labels', 'governorate-labels'] }).map((f) => f.properties.id))`,
    );
    expect(edges, 'names cut at the frame').toEqual([]);
    await page.screenshot({ path: `${SHOTS}/embed-${theme}-${size.width}-${lang}.png` });
  });
}

/** "rgba(194,65,12,1)" (MapLibre's colour as a string) as "#c2410c". */
function rgbToHex(s: string): string {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(s);
  if (!m) return s.toLowerCase();
  const ch = (v: string) => {
    const n = Number(v);
    return Math.round(n <= 1 && s.includes('.') ? n * 255 : n)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${ch(m[1]!)}${ch(m[2]!)}${ch(m[3]!)}`;
}

test('the legend lists only what the map shows', async ({ page }) => {
  await page.goto('/?lang=en');
  await mapReady(page);
  const legend = page.getByTestId('legend');
  await expect(legend.locator('[data-swatch=type]')).toHaveCount(2);
  for (const mark of ['province', 'area', 'contested']) await expect(legend.locator(`[data-swatch=${mark}]`), mark).toHaveCount(1);
  // the Aleppo namesake of Al-Nayrab: no incident in view, so no kind, ring or area to explain
  await mapEval(page, `map.jumpTo({ center: [37.22796, 36.17565], zoom: 11 })`);
  await expect(page.getByTestId('empty-view')).toBeVisible();
  await expect(legend.locator('[data-swatch=type]')).toHaveCount(0);
  for (const mark of ['province', 'area', 'contested']) await expect(legend.locator(`[data-swatch=${mark}]`), mark).toHaveCount(0);
});
