/**
 * A reader whose browser has WebGL turned off (some managed machines, some privacy settings):
 * Chromium started with --disable-3d-apis, as such a browser is. The map cannot be drawn; the
 * page says so in the reader's language and everything else on it still works.
 */
import { expect, test } from '@playwright/test';
import config from '../../playwright.config';
import { publishedView, SHOTS } from './helpers';

const launch = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...launch, args: [...(launch.args ?? []), '--disable-3d-apis'] } });

test('the dashboard without WebGL says the map cannot be drawn, and the list still opens an incident', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?lang=en');
  const note = page.getByTestId('map-unavailable');
  await expect(note).toBeVisible();
  await expect(note).toContainText('cannot draw the map');
  expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'))).toBe(false);
  // the rest of the page is alive: the list opens an incident's details
  const first = page.getByTestId('incident-list-item').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByTestId('incident-details')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/no-webgl-dashboard.png` });
  expect(errors).toEqual([]);
});

test('a saved view’s embed without WebGL says so in Arabic, shows the map’s still image, keeps its key and sources', async ({
  page,
  request,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const view = await publishedView(request, { title: { en: 'Idlib, 20 February 2020' }, lang: 'ar' });
  await page.goto(`${view.links.embed}?lang=ar`);
  const note = page.getByTestId('map-unavailable');
  await expect(note).toBeVisible();
  await expect(note).toContainText('WebGL');
  await expect(note).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('embed')).toContainText('المصادر');
  // the map as the still image draws it, loaded
  const still = page.getByTestId('map-still');
  await expect(still).toBeVisible();
  expect(await still.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/no-webgl-embed-ar.png`, fullPage: true });
  expect(errors).toEqual([]);
  // the still image as Chromium draws it: every right-to-left line (title, key, sources) inside it, ending at its right edge
  await page.goto((await still.getAttribute('src'))!);
  const lines = await page.evaluate(() => {
    const svg = document.documentElement as unknown as SVGSVGElement;
    const width = svg.width.baseVal.value;
    return [...document.querySelectorAll('text[direction=rtl]')].map((t) => {
      const b = (t as SVGTextElement).getBBox();
      return { text: t.textContent, left: b.x, right: b.x + b.width, width };
    });
  });
  expect(lines.length).toBeGreaterThan(2);
  for (const l of lines) {
    expect(l.left, l.text ?? '').toBeGreaterThanOrEqual(0);
    expect(l.right, l.text ?? '').toBeLessThanOrEqual(l.width);
  }
  expect(lines[0]!.text).toBe('Idlib, 20 February 2020');
  expect(lines[0]!.right).toBeGreaterThan(lines[0]!.width - 20);
});
