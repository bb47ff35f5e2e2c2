import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { wcagContrast } from 'culori';
import { publishedView } from './helpers';
import { PALETTES } from '@/geo/palette';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's WCAG 2.2 A/AA rules, contrast included; the map canvas itself is pixels axe cannot read. */
async function violations(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG).exclude('.maplibregl-canvas').analyze();
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

test.describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`the embed in its ${theme} theme, with a popup open`, async ({ page, request }) => {
      const view = await publishedView(request, {
        title: { en: 'Fighting around Idlib' },
        caption: { en: 'What each source says.' },
        credit: { en: 'Test desk' },
        lang: 'en',
        theme,
      });
      await page.goto(`/embed/${view.id}`);
      await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
      expect(await violations(page)).toEqual([]);
      // axe does not check non-text contrast (1.4.11): each legend swatch holds 3:1 against the page
      const swatches = await page.locator('[data-swatch]').evaluateAll((els) =>
        els.map((el) => {
          const s = getComputedStyle(el);
          const by = ['type', 'size'].includes((el as HTMLElement).dataset.swatch!) ? s.backgroundColor : s.borderTopColor;
          return { swatch: (el as HTMLElement).dataset.swatch!, colour: by };
        }),
      );
      const page_ = await page.getByTestId('embed').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(swatches.map((s) => s.swatch)).toEqual(expect.arrayContaining(['type', 'size', 'province', 'area', 'contested']));
      for (const s of swatches) expect(wcagContrast(s.colour, page_), `${s.swatch} ${s.colour} on ${page_}`).toBeGreaterThanOrEqual(3);
      await page.locator('[data-testid=incident-table] button').filter({ hasText: 'toll and blame' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('incident-details')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  }

  test('a saved view on its own page, in French', async ({ page, request }) => {
    const view = await publishedView(request, {
      title: { fr: 'Combats autour d’Idleb', en: 'Fighting around Idlib' },
      lang: 'en',
      theme: 'auto',
    });
    await page.goto(`/views/${view.id}?lang=fr`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Combats autour d’Idleb');
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    expect(await violations(page)).toEqual([]);
  });

  test('the dashboard in the reader’s dark theme: the page, its legend and the map drawn dark', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/?lang=en&incident=idlib-2020-02-20-day-toll&place=qminas');
    await expect(page.getByTestId('incident-details')).toBeVisible();
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    expect(await violations(page)).toEqual([]);
    // the page is dark, and the map is drawn in the dark palette (its sea), not the light one
    const ground = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(wcagContrast(ground, '#000000')).toBeLessThan(1.5);
    const sea = await page.evaluate(() =>
      (
        document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { getPaintProperty(l: string, p: string): string } }
      ).maplibreMap.getPaintProperty('sea', 'background-color'),
    );
    expect(sea).toBe(PALETTES.dark.sea);
    // each legend swatch holds 3:1 against the dark page behind it (axe does not check non-text contrast)
    const legend = page.getByTestId('legend');
    const behind = await legend.evaluate((el) => {
      let e: Element | null = el;
      while (e && getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)') e = e.parentElement;
      return e ? getComputedStyle(e).backgroundColor : '';
    });
    const swatches = await legend
      .locator('[data-swatch]')
      .evaluateAll((els) =>
        els.map((el) =>
          ['type', 'size'].includes((el as HTMLElement).dataset.swatch!)
            ? getComputedStyle(el).backgroundColor
            : getComputedStyle(el).borderTopColor,
        ),
      );
    expect(swatches.length).toBeGreaterThan(0);
    for (const c of swatches) expect(wcagContrast(c, behind), `${c} on ${behind}`).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: 'test-results/screenshots/dashboard-dark-1280-en.png' });
  });

  test('the dashboard, with a popup and a place panel open', async ({ page }) => {
    await page.goto('/?lang=fr&incident=idlib-2020-02-20-day-toll&place=qminas');
    await expect(page.getByTestId('incident-details')).toBeVisible();
    await expect(page.getByTestId('place-panel').getByTestId('place-incident').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
