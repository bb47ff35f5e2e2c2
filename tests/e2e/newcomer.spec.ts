import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../server';
import { mapReady, SHOTS } from './helpers';

/**
 * A newcomer's whole path, as the README tells it, on a server of its own with an empty store and
 * no EDITOR_TOKEN: the first administrator made with the link the server printed, a colleague's
 * account made on the desk, the colleague's one-time password changed at first sign-in, a view
 * saved and published from the map's share dialog in Arabic, and its embed code pasted into an
 * article on another origin, where the map reads right to left.
 */
const PORT = 3322;
/** the newsroom's page on another origin (playwright.config.ts's second server) */
const HOST = 'http://127.0.0.1:3304';
let server: RunningServer;
let dir: string;
let link: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-newcomer-'));
  server = await startServer(PORT, { PGLITE_DIR: dir, EDITOR_TOKEN: '' });
  const deadline = Date.now() + 20_000;
  while (!/\[setup\]\s+http/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  link = /\[setup\]\s+(http:\/\/\S+)/.exec(server.output())?.[1] ?? '';
  expect(link, server.output()).toMatch(/\/editor\/setup\?token=/);
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/newcomer-${name}.png`, fullPage: true });

test('from an empty store and no token to an embed read in Arabic, right to left, in an article elsewhere', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();

  // 1. the link the server printed: the first administrator, signed in at once
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Make the first administrator' })).toBeVisible();
  await shot(page, '1-setup-en');
  await page.getByLabel('Your name on the desk').fill('amina');
  await page.getByLabel('Password', { exact: true }).fill('amina’s long passphrase');
  await page.getByLabel('Password again').fill('amina’s long passphrase');
  await page.getByRole('button', { name: 'Make the account and sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as amina');
  await expect(page.getByTestId('welcome')).toContainText('Your administrator account is ready.');
  await shot(page, '2-desk-welcome-en');
  // the link is spent
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByTestId('setup-used')).toBeVisible();
  await again.close();

  // 2. a colleague's account, with a one-time password
  await page.getByTestId('accounts-link').click();
  await page.locator('#account-name').fill('karim');
  await page.getByRole('button', { name: 'Add the account' }).click();
  const oneTime = ((await page.getByTestId('one-time-password').textContent()) ?? '').trim();
  expect(oneTime).toMatch(/^[A-Za-z0-9_-]{20}$/);
  await page.goto(`${server.url}/editor?lang=en`);
  await page.getByRole('button', { name: 'Sign out' }).click();

  // 3. the colleague signs in and must choose a password first
  await page.getByLabel('Name').fill('karim');
  await page.getByLabel('Password').fill(oneTime);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByTestId('password-required')).toBeVisible();
  await shot(page, '3-password-required-en');
  await page.getByLabel('Current password').fill(oneTime);
  await page.getByLabel('New password', { exact: true }).fill('karim’s own passphrase');
  await page.getByLabel('New password again').fill('karim’s own passphrase');
  await page.getByRole('button', { name: 'Change the password' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as karim');

  // 4. the map in Arabic: the share dialog publishes with the session (no token asked)
  await page.goto(`${server.url}/?lang=ar&type=battles`);
  await mapReady(page);
  await expect(page.getByTestId('review-button')).toBeVisible();
  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog.getByTestId('share-signed-in')).toContainText('karim');
  await expect(dialog.locator('input[type=password]')).toHaveCount(0);
  await dialog.locator('input[name=title-ar]').fill('المعارك حول إدلب، ٢٠ شباط ٢٠٢٠');
  await dialog.getByRole('button', { name: 'حفظ والحصول على رمز التضمين' }).click();
  const code = await dialog.getByTestId('embed-code').inputValue();
  expect(code).toContain(`${server.url}/embed/`);
  await shot(page, '4-share-published-ar');

  // 5. pasted into an article on another origin: the map reads in Arabic, right to left
  const reader = await browser.newPage();
  await reader.goto(`${HOST}/article?embed=${encodeURIComponent(code)}`);
  const iframe = reader.locator('iframe[data-conflict-map]');
  await iframe.scrollIntoViewIfNeeded();
  const frame = reader.frameLocator('iframe[data-conflict-map]');
  await expect(frame.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('المعارك حول إدلب، ٢٠ شباط ٢٠٢٠');
  const direction = await frame.getByTestId('embed').evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe('rtl');
  await iframe.scrollIntoViewIfNeeded();
  await reader.screenshot({ path: `${SHOTS}/newcomer-5-embed-in-article-ar.png` });
  await reader.close();
  await context.close();
});

test('the newcomer’s pages in three languages, both themes, desktop and phone', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const colorScheme of ['light', 'dark'] as const)
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ colorScheme, viewport });
      const page = await context.newPage();
      for (const lang of ['en', 'fr', 'ar'] as const) {
        // the sign-in page, and a reader's share dialog: the link, and a way to sign in
        await page.goto(`${server.url}/editor/sign-in?lang=${lang}`);
        await expect(page.locator('body')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
        await shot(page, `sign-in-${lang}-${colorScheme}-${device}`);
        await page.goto(`${server.url}/?lang=${lang}`);
        await mapReady(page, { minHeight: 200 });
        await page.getByTestId('share-button').click();
        await expect(page.getByTestId('share-signed-out')).toBeVisible();
        await shot(page, `share-signed-out-${lang}-${colorScheme}-${device}`);
      }
      await context.close();
    }
});
