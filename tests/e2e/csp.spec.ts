import { expect, type Page, test } from '@playwright/test';
import { mapReady, publishedView, signInEditor } from './helpers';

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

  test('every page, a reader’s and an editor’s, runs under its policy with no violation', async ({ page, request }) => {
    const view = await publishedView(request, { title: { en: 'CSP pages' }, lang: 'en' });
    const pinned = await request.post(`/api/views/${view.id}/publish`, {
      headers: { authorization: 'Bearer e2e-editor-token' },
      data: { pin: true },
    });
    expect(pinned.ok()).toBe(true);
    const violations = await watchViolations(page);
    const visit = async (path: string) => {
      const res = await page.goto(path);
      expect(res?.status(), path).toBeLessThan(400);
      await page.waitForLoadState('networkidle');
      expect(await violations(), path).toEqual([]);
    };
    for (const path of [
      `/views/${view.id}?lang=en`,
      `/views/${view.id}/changes?lang=en`,
      '/editor/sign-in?lang=fr',
      `/editor/setup?token=${'x'.repeat(43)}&lang=ar`,
    ])
      await visit(path);
    // the changes page is a Next.js page: its policy carries a nonce, and its scripts ran (the page is interactive)
    const changes = await page.goto(`/views/${view.id}/changes?lang=en`);
    expect(changes?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await signInEditor(page);
    for (const path of ['/editor?lang=en', '/editor/records?lang=en', '/editor/incidents/new?lang=en', '/editor/password?lang=en'])
      await visit(path);
  });
});
