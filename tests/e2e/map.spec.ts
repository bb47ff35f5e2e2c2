import { expect, test } from '@playwright/test';
import { spreadOffsetPx } from '@/geo/symbols';
import { labelPointOf, mapEval, mapReady, pixelOf, SHOTS } from './helpers';

const QMINAS: [number, number] = [36.67763, 35.88539];

test.describe('the incident map', () => {
  test('shows the basemap and the incidents around Idleb, Al-Nayrab and Qaminas, with nothing fetched from elsewhere', async ({
    page,
    baseURL,
  }) => {
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
    });
    await page.goto('/?lang=en');
    await mapReady(page);
    await expect(page.getByTestId('incident-list-item')).toHaveCount(6);
    // the sum over the view counts the two Turkish soldiers once (27, not 29)
    await expect(page.getByTestId('view-toll')).toHaveText('Deaths reported in view: 27');
    // each of the three places has its incidents: two at Al-Nayrab, one at Qaminas, three province-wide (Idlib)
    const sources = await mapEval<{ town: number; province: number }>(
      page,
      `({ town: map.querySourceFeatures('incidents').length, province: map.querySourceFeatures('province-incidents').length })`,
    );
    expect(sources.town).toBeGreaterThan(0);
    expect(sources.province).toBeGreaterThan(0);
    for (const [place, count] of [
      ['nayrab-idlib', 2],
      ['qminas', 1],
      ['idlib-city', 0],
    ] as const) {
      await page.goto(`/?lang=en&place=${place}`);
      const panel = page.getByTestId('place-panel');
      await expect(panel.getByTestId('place-incident')).toHaveCount(place === 'idlib-city' ? 3 : count + 3);
    }
    await page.goto('/?lang=en');
    await mapReady(page);
    await page.screenshot({ path: `${SHOTS}/overview-en.png` });
    expect(foreign).toEqual([]);
  });

  test('clicking Qaminas on the map opens its panel with names in three languages', async ({ page }) => {
    await page.goto('/?lang=fr');
    await mapReady(page);
    await mapEval(page, `map.jumpTo({ center: [36.68, 35.88], zoom: 11 })`);
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { loaded(): boolean } }).maplibreMap.loaded(),
    );
    // its name, placed clear of the incident drawn on the town
    const { x, y } = await labelPointOf(page, 'qminas', QMINAS);
    await page.mouse.click(x, y);
    const panel = page.getByTestId('place-panel');
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Qaminas');
    await expect(panel.getByTestId('place-names')).toContainText('Qminas');
    await expect(panel.locator('dd[lang=ar]')).toHaveText('قميناس');
    await expect(panel.getByTestId('place-incident').first()).toContainText('Qaminas');
    await expect(page).toHaveURL(/place=qminas/);
    await page.screenshot({ path: `${SHOTS}/qaminas-panel-fr.png` });
  });

  test('clicking an incident shows casualties, each claim’s attribution and the contested mark', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapReady(page);
    // the three incidents located only to the province are spread around its anchor, each its own ring: click the day's toll
    const toll = await mapEval<{ c: [number, number]; dir: number; d: number }>(
      page,
      `(() => { const f = map.querySourceFeatures('province-incidents').find((f) => f.properties.id === 'idlib-2020-02-20-day-toll'); return { c: f.geometry.coordinates, dir: f.properties.dir, d: f.properties.d }; })()`,
    );
    const at = await pixelOf(page, toll.c);
    const [dx, dy] = spreadOffsetPx(toll.dir, toll.d);
    await page.mouse.click(at.x + dx, at.y + dy);
    const details = page.getByTestId('incident-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText("The day's fighting in Idlib province: toll and blame");
    await expect(details.getByTestId('contested-mark')).toContainText('sources disagree on who did it');
    await expect(details.getByTestId('casualties')).toContainText('Killed: 27');
    await expect(details.getByTestId('casualties')).toContainText('Wounded: 9');
    await expect(details.getByTestId('claim')).toHaveCount(3);
    const turkish = details.getByTestId('claim').filter({ hasText: 'Turkish army' });
    await expect(turkish.getByTestId('attribution')).toContainText('Blames: Syrian government forces');
    const russian = details.getByTestId('claim').filter({ hasText: 'Russian Ministry of Defence' });
    await expect(russian.getByTestId('attribution')).toContainText('Armed opposition groups, Turkish armed forces');
    await expect(details.getByTestId('claim').filter({ hasText: 'SOHR' })).toContainText(
      'also counted in “Air strike kills two Turkish soldiers”',
    );
    await expect(page).toHaveURL(/incident=idlib-2020-02-20-day-toll/);
    // at 1280×800 the first claim is in the popup's visible area without scrolling: the summary line comes first,
    // the table by group is folded, and "counted once" is said once
    const content = page.locator('.incident-popup .maplibregl-popup-content');
    expect(await content.evaluate((el) => el.scrollTop)).toBe(0);
    const box = (await content.boundingBox())!;
    const first = (await details.getByTestId('claim').first().boundingBox())!;
    expect(first.y + Math.min(first.height, 80)).toBeLessThanOrEqual(box.y + box.height);
    await expect(details.getByText('every total counts them once')).toHaveCount(1);
    await expect(details.getByText(/range across/)).toHaveCount(0);
    await expect(russian.getByTestId('attribution')).toContainText('“Terrorist groups” backed and armed by Turkey');
    await page.screenshot({ path: `${SHOTS}/contested-popup-en.png` });
  });

  test('switching to English changes the interface and the map labels', async ({ browser }) => {
    const ctx = await browser.newContext({ locale: 'fr-FR', extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await mapReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carte des incidents');
    expect(JSON.stringify(await mapEval(page, `map.getLayoutProperty('place-labels', 'text-field')`))).toContain('name_fr');
    await expect(page.getByTestId('incident-list-item').first()).toContainText('20 février 2020');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conflict incident map');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('incident-list-item').first()).toContainText('20 February 2020');
    expect(JSON.stringify(await mapEval(page, `map.getLayoutProperty('place-labels', 'text-field')`))).toContain('name_en');
    expect(JSON.stringify(await mapEval(page, `map.getLayoutProperty('country-labels', 'text-field')`))).toContain('"en"');
    await expect(page).toHaveURL(/lang=en/);
    await page.screenshot({ path: `${SHOTS}/switched-to-en.png` });
    await ctx.close();
  });

  test('Accept-Language picks English when no ?lang= is given', async ({ browser }) => {
    const ctx = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'accept-language': 'en-GB,en;q=0.9' } });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conflict incident map');
    await ctx.close();
  });

  test('a deep link restores the incident, the place panel and the filters', async ({ page }) => {
    await page.goto('/?lang=en&incident=idlib-2020-02-20-air-strike-turkish-soldiers&place=qminas&type=explosions-remote-violence');
    await mapReady(page);
    await expect(page.getByTestId('incident-details').getByRole('heading', { level: 2 })).toHaveText(
      'Air strike kills two Turkish soldiers',
    );
    await expect(page.getByTestId('incident-details').getByTestId('casualties')).toContainText('Killed: 2');
    await expect(page.getByTestId('place-panel').getByRole('heading', { level: 2 })).toHaveText('Qminas');
    await expect(page.getByRole('checkbox', { name: 'Explosions / remote violence' })).toBeChecked();
    await expect(page.getByTestId('incident-list-item')).toHaveCount(3);
    await page.screenshot({ path: `${SHOTS}/deep-link.png` });
  });

  test('a link to an incident the filters hide says so, and one to no incident says that', async ({ page }) => {
    await page.goto('/?lang=en&incident=idlib-2020-02-20-day-toll&type=explosions-remote-violence');
    await mapReady(page);
    const notice = page.getByTestId('selected-missing');
    await expect(notice).toContainText('The incident in the link is hidden by the filters.');
    await notice.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('incident-details').getByRole('heading', { level: 2 })).toHaveText(
      "The day's fighting in Idlib province: toll and blame",
    );
    await expect(notice).toHaveCount(0);
    await page.goto('/?lang=en&incident=no-such-incident');
    await expect(page.getByTestId('selected-missing')).toContainText('This incident does not exist (any more).');
  });

  test('the keyboard reaches every incident and opens it', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapReady(page);
    const reached = new Set<string>();
    for (let i = 0; i < 60 && reached.size < 6; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-incident-id'));
      if (id) reached.add(id);
    }
    expect(reached.size).toBe(6);
    // the focus is on the last incident reached: Enter opens it, focus moves into its details, Escape closes
    await page.keyboard.press('Enter');
    const details = page.getByTestId('incident-details');
    await expect(details).toBeVisible();
    await expect(details.getByRole('heading', { level: 2 })).toBeFocused();
    const opened = await page.evaluate(() => new URL(location.href).searchParams.get('incident'));
    await page.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
    // focus returns to the entry the incident was opened from
    await expect(page.locator(`[data-incident-id="${opened}"]`)).toBeFocused();
  });

  test('the list follows the map, and the map position survives a reload', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapReady(page);
    await expect(page.getByTestId('incident-list-item')).toHaveCount(6);
    // pan to the Aleppo namesake of Al-Nayrab: no incident there
    await mapEval(page, `map.jumpTo({ center: [37.22796, 36.17565], zoom: 11 })`);
    await expect(page.getByTestId('empty-view')).toBeVisible();
    // said once, as what it is: no incidents here (not a toll "not reported")
    await expect(page.getByTestId('view-toll')).toHaveText('No incidents in view');
    await expect(page.getByTestId('empty')).toHaveCount(0);
    await expect(page).toHaveURL(/view=11\.00\/36\.17565\/37\.22796/);
    await page.reload();
    await mapReady(page);
    const center = await mapEval<{ lng: number; lat: number }>(page, 'map.getCenter()');
    expect(center.lng).toBeCloseTo(37.228, 2);
    expect(center.lat).toBeCloseTo(36.176, 2);
    await expect(page.getByTestId('empty-view')).toBeVisible();
  });

  test('on a phone the popup stays short and the full details follow the map', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto('/?lang=en&incident=idlib-2020-02-20-day-toll');
    await mapReady(page);
    await expect(page.getByTestId('incident-summary')).toContainText('Killed: 27');
    const details = page.locator('#incident-details-panel').getByTestId('incident-details');
    await expect(details.getByTestId('claim')).toHaveCount(3);
    await expect(details.getByTestId('contested-mark')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/phone.png`, fullPage: false });
    await ctx.close();
  });

  test('refetched data does not move the map back to the open incident', async ({ page }) => {
    await page.goto('/?lang=en&incident=idlib-2020-02-20-nayrab-attack');
    await mapReady(page);
    await expect(page.getByTestId('incident-details')).toBeVisible();
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { isMoving(): boolean } }).maplibreMap.isMoving(),
    );
    await mapEval(page, `map.jumpTo({ center: [36.4, 35.6], zoom: 10 })`);
    // a filter that keeps the incident: new data arrives, the selection stays the same
    const refetched = page.waitForResponse((r) => r.url().includes('/api/incidents?') && r.url().includes('type=battles'));
    await page.getByRole('checkbox', { name: 'Battles' }).check();
    await refetched;
    await expect(page).toHaveURL(/type=battles/);
    // an ease back would take ~0.5 s: give it the time to happen if it were going to
    await page.waitForTimeout(1000);
    const center = await mapEval<{ lng: number; lat: number }>(page, 'map.getCenter()');
    expect(center.lng).toBeCloseTo(36.4, 3);
    expect(center.lat).toBeCloseTo(35.6, 3);
  });

  test('filters by event type and actor, and shows an empty state', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapReady(page);
    await page.getByRole('checkbox', { name: 'Battles' }).check();
    await expect(page.getByTestId('incident-list-item')).toHaveCount(3);
    await page.getByLabel('Actor').selectOption('russian-armed-forces');
    await expect(page.getByText('No incident matches these filters.')).toBeVisible();
    await expect(page).toHaveURL(/type=battles/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('incident-list-item')).toHaveCount(6);
  });

  test('with the API down the basemap still shows, the failure is said, and retry recovers', async ({ page }) => {
    await page.route('**/api/incidents?**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'The incident store is unavailable', status: 503 }),
      }),
    );
    await page.goto('/?lang=en');
    await mapReady(page);
    await expect(page.getByTestId('load-error')).toContainText('The incident store is unavailable');
    await expect(page.getByTestId('view-toll')).toHaveCount(0);
    expect(await mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['land'] }).length`)).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/api-down.png` });
    await page.unroute('**/api/incidents?**');
    await page.getByTestId('load-error').getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('incident-list-item')).toHaveCount(6);
  });
});
