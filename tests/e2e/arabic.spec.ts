/**
 * Arabic readers: the dashboard and the embed right to left, Arabic-first labels, dates and
 * numbers as Syria writes them, and the texts nobody wrote in Arabic shown in English, said so.
 */
import { expect, test } from '@playwright/test';
import { mapEval, mapReady, SHOTS } from './helpers';

const CONTESTED = 'idlib-2020-02-20-day-toll';

test.describe('the dashboard in Arabic at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('runs right to left: panels mirrored, zoom buttons and inset swapped, labels Arabic first', async ({ page }) => {
    await page.goto('/?lang=ar');
    await expect(page.locator('body')).toHaveAttribute('dir', 'rtl');
    await mapReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('خريطة الحوادث');
    // the filters and the list stand on the right of the map, as a reader of Arabic starts there
    const map = (await page.getByTestId('map').boundingBox())!;
    const list = (await page.getByTestId('incident-list').boundingBox())!;
    expect(list.x).toBeGreaterThan(map.x + map.width - 1);
    // the zoom buttons at the top left, the locator inset at the top right
    await expect(page.locator('.maplibregl-ctrl-top-left .maplibregl-ctrl-zoom-in')).toBeVisible();
    const inset = (await page.getByTestId('locator-inset').boundingBox())!;
    expect(inset.x).toBeGreaterThan(map.x + map.width / 2);
    // names in Arabic, English beneath, its brackets the right way round (the root stays left to right: app/layout.tsx)
    await expect(page.locator('html')).not.toHaveAttribute('dir', 'rtl');
    const field = JSON.stringify(await mapEval(page, `map.getLayoutProperty('place-labels', 'text-field')`));
    expect(field.indexOf('name_ar')).toBeLessThan(field.indexOf('name_en'));
    // dates and numbers as Syria writes them; the English titles said to be English
    await expect(page.getByTestId('incident-list-item').first()).toContainText('٢٠ شباط ٢٠٢٠');
    await expect(page.getByTestId('view-toll')).toContainText('٢٧');
    await expect(page.getByTestId('incident-list').getByText('Air strike kills two Turkish soldiers')).toHaveAttribute('lang', 'en');
    await expect(page.locator('#incident-list').getByTestId('arabic-fallback')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/arabic-dashboard-1280.png` });
  });

  test('shows the contested incident’s claims side by side, in Arabic around the English the sources gave', async ({ page }) => {
    await page.goto(`/?lang=ar&incident=${CONTESTED}`);
    await mapReady(page);
    const details = page.getByTestId('incident-details');
    await expect(details.getByTestId('claim')).toHaveCount(3);
    await expect(details.getByTestId('contested-mark')).toContainText('المصادر مختلفة حول الفاعل');
    await expect(details.getByTestId('casualties')).toContainText('قتلى: ٢٧');
    // the claims' own words are English, marked so for the reader's tools, and the popup says it once
    await expect(details.getByTestId('attribution').first().locator('[lang=en]')).toHaveAttribute('dir', 'ltr');
    await expect(details.getByTestId('arabic-fallback')).toHaveCount(1);
    // English kept to the page's alignment wherever it stands: in a line (the heading), as a block (the list, a statement)
    for (const english of [
      details.locator('h2 [lang=en], h3 [lang=en]').first(),
      page.getByTestId('incident-list').locator('[lang=en]').first(),
    ])
      expect(await english.evaluate((e) => getComputedStyle(e).textAlign)).toBe('right');
    // the first claim is in view without scrolling, as in the other languages
    const content = page.locator('.incident-popup .maplibregl-popup-content');
    const box = (await content.boundingBox())!;
    const first = (await details.getByTestId('claim').first().boundingBox())!;
    expect(first.y + Math.min(first.height, 80)).toBeLessThanOrEqual(box.y + box.height);
    await page.screenshot({ path: `${SHOTS}/arabic-contested-popup.png` });
  });

  test('switching to Arabic and back turns the page and moves the zoom buttons', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapReady(page);
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('body')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('خريطة الحوادث');
    await expect(page.locator('.maplibregl-ctrl-top-left .maplibregl-ctrl-zoom-in')).toBeVisible();
    await expect(page).toHaveURL(/lang=ar/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('body')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('.maplibregl-ctrl-top-right .maplibregl-ctrl-zoom-in')).toBeVisible();
    await expect(page.locator('.maplibregl-ctrl-top-left .maplibregl-ctrl-zoom-in')).toHaveCount(0);
  });
});

test('on a phone in Arabic the page runs right to left and the popup stays short', async ({ browser }) => {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'ar-SY',
    extraHTTPHeaders: { 'accept-language': 'ar-SY,ar;q=0.9' },
  });
  const page = await ctx.newPage();
  await page.goto(`/?incident=${CONTESTED}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await mapReady(page);
  await expect(page.getByTestId('incident-summary')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/arabic-phone-390.png` });
  await ctx.close();
});

test('an embed in Arabic, dark: right to left, the inset on the right, the note on English texts', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 720 });
  await page.goto('/embed?lang=ar&theme=dark&title=%D8%A5%D8%AF%D9%84%D8%A8');
  await expect(page.locator('body')).toHaveAttribute('dir', 'rtl');
  await mapReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('إدلب');
  const map = (await page.getByTestId('map').boundingBox())!;
  const inset = (await page.getByTestId('locator-inset').boundingBox())!;
  expect(inset.x).toBeGreaterThan(map.x + map.width / 2);
  await expect(page.getByTestId('arabic-fallback')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/arabic-embed-dark.png`, fullPage: true });
});
