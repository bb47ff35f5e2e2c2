import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../server';
import { SHOTS } from './helpers';

/**
 * The editor's sign-in and desk in Chromium, by keyboard alone: the desk sends an anonymous
 * reader to sign in, a wrong password is said next to the form (the name kept), the right one
 * opens the desk with the saved views and their status, the session cookie reaches only the
 * editor's pages and the API, and signing out ends it. axe WCAG 2.2 AA on each page. A server
 * of its own on a store of its own, with one account added before it starts (by `npm run editor`,
 * as an operator adds one).
 */
const PASSWORD = 'desk passphrase for tests';
const TOKEN = 'editor-desk-e2e-token';
let server: RunningServer;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-desk-'));
  const added = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/editor.ts', 'add', 'nour'], {
    env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' },
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
  });
  expect(added.status, added.stderr).toBe(0);
  server = await startServer(3319, { PGLITE_DIR: dir, EDITOR_TOKEN: TOKEN });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const made = await fetch(`${server.url}/api/views`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: { en: 'Idlib, 20 February 2020' } }),
  });
  const { id } = (await made.json()) as { id: string };
  expect((await fetch(`${server.url}/api/views/${id}/publish`, { method: 'POST', headers, body: '{"pin": true}' })).status).toBe(200);
  await fetch(`${server.url}/api/views`, { method: 'POST', headers, body: JSON.stringify({ title: { en: 'A draft not yet published' } }) });
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function violations(page: Page) {
  return (await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}
/** Tabs until the focused element is the one wanted (at most 12 presses). */
async function tabTo(page: Page, name: RegExp) {
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? (el.closest('label')?.textContent || el.textContent) ?? '') : '';
    });
    if (name.test(label.trim())) return;
  }
  throw new Error(`no focusable element named ${name} within 12 tabs`);
}

test('an editor signs in, sees the desk, and signs out, by keyboard alone', async ({ page, context }) => {
  await page.goto(`${server.url}/editor?lang=en`);
  await expect(page).toHaveURL(/\/editor\/sign-in\?next=%2Feditor&lang=en$/);
  await expect(page.getByRole('heading', { name: 'Editor sign-in' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/desk-sign-in-en.png` });

  // a wrong password: said at the form, the name kept, no cookie
  await tabTo(page, /^Name/);
  await page.keyboard.type('nour');
  await page.keyboard.press('Tab');
  await page.keyboard.type('not the passphrase');
  await page.keyboard.press('Enter');
  await expect(page.locator('#sign-in-error')).toHaveText('Wrong name or password, or the account is disabled.');
  await expect(page.locator('#sign-in-error')).toHaveAttribute('role', 'alert');
  await expect(page.getByLabel('Name')).toHaveValue('nour');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  expect(await context.cookies(server.url)).toEqual([]);
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/desk-sign-in-error-en.png` });

  await tabTo(page, /^Password/);
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/editor\?lang=en$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as nour');
  const rows = page.getByTestId('views-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Idlib, 20 February 2020' })).toContainText(/Published .*pinned as it was then/);
  await expect(rows.filter({ hasText: 'A draft not yet published' })).toContainText('Not published');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/desk-en.png`, fullPage: true });

  // the views' actions, made with the session and its CSRF token: publish the draft pinned, take the other down, delete the draft
  const draft = rows.filter({ hasText: 'A draft not yet published' });
  const idlib = rows.filter({ hasText: 'Idlib, 20 February 2020' });
  await tabTo(page, /^Publish, pinned$/);
  await page.keyboard.press('Enter');
  await expect(draft).toContainText(/Published .*pinned as it was then/);
  await idlib.getByRole('button', { name: 'Take down' }).focus();
  await page.keyboard.press('Enter');
  await expect(idlib).toContainText('Not published');
  await draft.getByRole('button', { name: 'Delete' }).focus();
  await page.keyboard.press('Enter');
  // the second press deletes: it has the focus, and Escape steps back
  await expect(draft.getByRole('button', { name: 'Delete for good' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(draft.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
  await draft.getByRole('button', { name: 'Delete', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(page.getByText('Views: 1')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/desk-actions-en.png`, fullPage: true });

  // the cookie goes to the editor's pages and the API, never to the readers' pages
  const at = async (p: string) => (await context.cookies(`${server.url}${p}`)).map((c) => ({ name: c.name, path: c.path }));
  expect(await at('/')).toEqual([]);
  expect(await at('/embed/anything')).toEqual([]);
  expect(await at('/views/anything')).toEqual([]);
  expect(await at('/editor')).toEqual([{ name: 'cm_session', path: '/editor' }]);
  expect(await at('/api/views')).toEqual([{ name: 'cm_session', path: '/api' }]);
  for (const c of await context.cookies(server.url)) {
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
  }
  // a script on the page cannot read it
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await tabTo(page, /^Sign out$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/editor\/sign-in\?signedOut=1&lang=en$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  expect(await context.cookies(server.url)).toEqual([]);
  await page.goto(`${server.url}/editor`);
  await expect(page).toHaveURL(/\/editor\/sign-in/);
});

test('the sign-in page and the desk in Arabic, right to left, and on a phone', async ({ page }) => {
  await page.goto(`${server.url}/editor/sign-in?lang=ar`);
  await expect(page.locator('body')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'دخول المحرّرين' })).toBeVisible();
  // names and passwords are typed left to right whatever the page's direction
  await expect(page.getByLabel('الاسم')).toHaveAttribute('dir', 'ltr');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/desk-sign-in-ar.png` });
  await page.getByLabel('الاسم').fill('nour');
  await page.getByLabel('كلمة المرور').fill(PASSWORD);
  await page.getByRole('button', { name: 'دخول' }).click();
  await expect(page).toHaveURL(/\/editor\?lang=ar$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText('دخلت باسم nour');
  // the heading starts at the right edge
  const h = await page.getByRole('heading', { level: 1 }).boundingBox();
  const main = await page.locator('main').boundingBox();
  expect(main!.x + main!.width - (h!.x + h!.width)).toBeLessThan(40);
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/desk-ar.png`, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/editor?lang=en`);
  // nothing wider than the phone, and each view's actions within reach
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const remove = await page.getByTestId('views-table').getByRole('button', { name: 'Delete' }).first().boundingBox();
  expect(remove!.x + remove!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/desk-en-390.png`, fullPage: true });
});

test('an incident’s history on the desk: who changed what, field by field, and an earlier version restored', async ({ page }) => {
  // a test copy of the air strike, made by a script, then corrected by the editor in the browser (with the session)
  const seedFile = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: { id: string }[] };
  const base = structuredClone(seedFile.incidents.find((i) => i.id === 'idlib-2020-02-20-air-strike-turkish-soldiers')) as unknown as {
    id: string;
    title: Record<string, string>;
    claims: { id: string; casualties: { killed: { low: number; high: number } | null; countedIn: string | null }[] }[];
  };
  const id = 'test-desk-history';
  const copy = {
    ...base,
    id,
    title: { en: 'Test copy for the desk’s history', fr: 'Copie de test pour l’historique du bureau' },
    claims: base.claims.map((c, k) => ({ ...c, id: `${id}-claim-${k}` })),
  };
  const made = await fetch(`${server.url}/api/incidents/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(copy),
  });
  expect(made.status).toBe(201);

  await page.goto(`${server.url}/editor/sign-in?lang=en`);
  await page.getByLabel('Name').fill('nour');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  const status = await page.evaluate(
    async ({ id, copy }) => {
      const { csrf } = (await (await fetch('/api/session')).json()) as { csrf: string };
      const corrected = structuredClone(copy);
      corrected.claims[0]!.casualties[0]!.killed = { low: 9, high: 9 };
      const res = await fetch(`/api/incidents/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ ...corrected, revision: 1 }),
      });
      return res.status;
    },
    { id, copy },
  );
  expect(status).toBe(200);

  await page.reload();
  const recent = page.getByTestId('recent-changes').locator('li');
  await expect(recent.first()).toContainText('Changed incident “Test copy for the desk’s history”');
  await expect(recent.first()).toContainText('nour');
  await recent.first().getByRole('link', { name: 'history' }).click();
  await expect(page.getByRole('heading', { name: 'History of an incident' })).toBeVisible();
  const changes = page.getByTestId('change');
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0).getByRole('heading')).toContainText(/^Changed on .* UTC by nour$/);
  await expect(changes.nth(1).getByRole('heading')).toContainText(/^Created on .* UTC by a script \(service token\)$/);
  // the count's low and high changed together: one row, named by claimant and group
  const high = changes
    .nth(0)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^Claim by .+ › .+ › killed$/ }) });
  await expect(high.locator('del')).toHaveText('2');
  await expect(high.locator('ins')).toHaveText('9');
  // the newest version is the incident as it is: only the older one can be brought back
  await expect(changes.nth(0).getByRole('button')).toHaveCount(0);
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/desk-history-en.png`, fullPage: true });

  await changes.nth(1).getByRole('button', { name: 'Restore this version' }).click();
  await expect(changes).toHaveCount(3);
  await expect(changes.nth(0).getByRole('heading')).toContainText(/^Restored from change \d+ on .* UTC by nour$/);
  const now = (await (await fetch(`${server.url}/api/incidents/${id}`)).json()) as {
    properties: { revision: number; claims: typeof copy.claims };
  };
  expect(now.properties.claims[0]!.casualties[0]!.killed).toEqual({ low: 2, high: 2 });
  expect(now.properties.revision).toBe(3);
  await page.screenshot({ path: `${SHOTS}/desk-history-restored-en.png`, fullPage: true });
});

test('a pinned view corrected after publication: its embed says so and links to what changed, field by field', async ({ page }) => {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const made = await fetch(`${server.url}/api/views`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: { en: 'Idlib, 20 February 2020, pinned' },
      filters: { from: '2020-02-20', to: '2020-02-20' },
      lang: 'en',
    }),
  });
  const { id } = (await made.json()) as { id: string };
  expect((await fetch(`${server.url}/api/views/${id}/publish`, { method: 'POST', headers, body: '{"pin": true}' })).status).toBe(200);
  const seedFile = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as {
    incidents: { id: string; summary: Record<string, string> }[];
  };
  const fire = structuredClone(seedFile.incidents.find((i) => i.id === 'idlib-2020-02-20-turkish-fire')!);
  fire.summary.en = `${fire.summary.en} (Corrected by the test desk.)`;
  expect((await fetch(`${server.url}/api/incidents/${fire.id}`, { method: 'PUT', headers, body: JSON.stringify(fire) })).status).toBe(200);

  await page.goto(`${server.url}/embed/${id}`);
  const note = page.getByTestId('pinned-note');
  await expect(note).toContainText('The incidents have been corrected since.');
  const href = await note.getByRole('link', { name: 'What changed' }).getAttribute('href');
  expect(href).toBe(`/views/${id}/changes?lang=en`);
  await page.goto(`${server.url}${href}`);
  await expect(page.getByRole('heading', { name: 'What changed since publication' })).toBeVisible();
  const changed = page.getByTestId('changed');
  await expect(changed.getByRole('heading', { level: 3 })).toHaveText(['Fire from Turkish positions wounds four Syrian soldiers']);
  // a long text changed: one cell, word by word, the new words underlined
  const summary = changed.getByRole('row').filter({ hasText: 'Summary (English)' });
  await expect(summary.getByTestId('word-diff').locator('ins')).toHaveText(' (Corrected by the test desk.)');
  await expect(summary.getByTestId('word-diff').locator('del')).toHaveCount(0);
  await expect(summary.getByRole('rowheader')).toHaveText('Summary (English)');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/view-changes-en.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/view-changes-en-390.png`, fullPage: true });
});
