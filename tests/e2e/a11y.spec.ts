import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { wcagContrast } from 'culori';
import { publishedView } from './helpers';

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

  test('the dashboard, with a popup and a place panel open', async ({ page }) => {
    await page.goto('/?lang=fr&incident=idlib-2020-02-20-day-toll&place=qminas');
    await expect(page.getByTestId('incident-details')).toBeVisible();
    await expect(page.getByTestId('place-panel').getByTestId('place-incident').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
