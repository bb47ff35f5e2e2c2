/**
 * Opening a place: its panel never covers it. On a desktop the panel stands beside the map and the
 * map centres the place in what is left; on a phone the panel is a sheet over the bottom of the
 * page, under the map, with the place in sight above it. The place is ringed while its panel is open.
 */
import { expect, type Page, test } from '@playwright/test';
import { mapEval, mapReady, SHOTS } from './helpers';

/** The ring drawn round the open place, as a point on the page, once the map has come to rest. */
async function ringOnPage(page: Page): Promise<{ x: number; y: number }> {
  await expect
    .poll(() => mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['selected-place'] }).length`), { message: 'the ring is drawn' })
    .toBe(1);
  await page.waitForFunction(
    () => !(document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { isMoving(): boolean } }).maplibreMap.isMoving(),
  );
  const at = await mapEval<[number, number]>(page, `map.queryRenderedFeatures({ layers: ['selected-place'] })[0].geometry.coordinates`);
  const p = await mapEval<{ x: number; y: number }>(page, `map.project(${JSON.stringify(at)})`);
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

test('on a desktop the place panel stands beside the map, which centres and rings the place', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?lang=en&place=saraqib');
  await mapReady(page);
  const panel = page.getByTestId('place-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Saraqib');
  const ring = await ringOnPage(page);
  const map = (await page.getByTestId('map').boundingBox())!;
  const side = (await panel.boundingBox())!;
  expect(side.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
  // in the middle of the map that is left beside the panel
  expect(Math.abs(ring.x - (map.x + map.width / 2))).toBeLessThan(4);
  expect(Math.abs(ring.y - (map.y + map.height / 2))).toBeLessThan(4);
  await page.screenshot({ path: `${SHOTS}/place-panel-desktop.png` });
  // closed: the ring goes with it
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['selected-place'] }).length`)).toBe(0);
});

for (const lang of ['en', 'ar'] as const) {
  test(`on a phone in ${lang === 'ar' ? 'Arabic' : 'English'} the place panel is a bottom sheet and the place stays in sight above it`, async ({
    browser,
  }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`/?lang=${lang}&place=qminas`);
    await mapReady(page);
    const sheet = page.getByTestId('place-sheet');
    await expect(sheet.getByTestId('place-panel').getByRole('heading', { level: 2 })).toBeVisible();
    const box = (await sheet.boundingBox())!;
    // at the bottom of the screen, at most a little under half of it
    expect(Math.round(box.y + box.height)).toBe(844);
    expect(box.height).toBeLessThanOrEqual(844 * 0.45 + 1);
    // the place is on the map, above the sheet
    const ring = await ringOnPage(page);
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(ring.y).toBeGreaterThan(map.y);
    expect(ring.y).toBeLessThan(Math.min(map.y + map.height, box.y));
    expect(ring.x).toBeGreaterThan(map.x);
    expect(ring.x).toBeLessThan(map.x + map.width);
    await page.screenshot({ path: `${SHOTS}/place-sheet-phone-${lang}.png` });
    // and the sheet closes to give the page back
    await sheet.getByRole('button', { name: lang === 'ar' ? 'إغلاق' : 'Close' }).click();
    await expect(sheet).toHaveCount(0);
    await ctx.close();
  });
}
