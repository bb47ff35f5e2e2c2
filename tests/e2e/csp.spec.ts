import { expect, type Page, test } from '@playwright/test';
import { mapReady, publishedView } from './helpers';

/** Every Content-Security-Policy violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) logged.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...logged, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

test.describe('Content-Security-Policy', () => {
  test('the dashboard runs, draws and opens a popup under its policy with no violation', async ({ page }) => {
    const violations = await watchViolations(page);
    const res = await page.goto('/?lang=en');
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await mapReady(page);
    await page.getByTestId('incident-list-item').first().click();
    await expect(page.getByTestId('incident-details')).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test('an embed runs under its policy with no violation', async ({ page, request }) => {
    const view = await publishedView(request, { title: { en: 'CSP' }, lang: 'en' });
    const violations = await watchViolations(page);
    const res = await page.goto(`/embed/${view.id}`);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
    expect(await violations()).toEqual([]);
  });
});
