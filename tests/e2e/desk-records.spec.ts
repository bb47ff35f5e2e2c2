import { expect, type Page, test } from '@playwright/test';
import { deskServer, violations, signIn as deskSignIn } from './desk';
import { SHOTS } from './helpers';

/**
 * The desk's records and accounts in Chromium: places, sources and actors kept by editors (a new
 * place warned of its namesakes, positioned on the map, corrected, its history), and the accounts
 * an administrator manages. A server of its own on a store of its own (desk.ts).
 */
const desk = deskServer(3336, 'desk-records-e2e-token');
const signIn = (page: Page, lang = 'en', name = 'salma') => deskSignIn(desk.server, page, lang, name);

test('places, sources and actors on the desk: a new place warned of its namesakes, positioned on the map, corrected, its history shown', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await page.getByTestId('records-link').click();
  await expect(page.getByRole('heading', { name: 'Places, sources and actors' })).toBeVisible();
  await expect(page.getByTestId('sources-list')).toContainText('Syrian Observatory for Human Rights');
  await expect(page.getByTestId('places-list')).toContainText('Al-Nayrab (Aleppo)');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/editor-records-en.png`, fullPage: true });

  await page.getByRole('link', { name: '+ New place' }).click();
  await expect(page.getByRole('heading', { name: 'New place' })).toBeVisible();
  await page.locator('#r-id').fill('nayrab-test-hamlet');
  await page.locator('#r-name-en').fill('Nayrab');
  await page.locator('#r-name-fr').fill('Nayrab');
  await page.locator('#r-name-ar').fill('النيرب');
  // two villages are already called so: said before saving, not refused
  await expect(page.getByTestId('same-name')).toContainText('Al-Nayrab (Idlib)');
  await expect(page.getByTestId('same-name')).toContainText('Al-Nayrab (Aleppo)');
  // no position yet: said beside the fields
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('[data-problem-for=r-lat]')).toHaveText('A number, in digits (a decimal point for decimals).');
  await expect(page.locator('[data-problem-for=r-coordinateNote]')).toHaveText('Required.');
  // the position from a click on the map
  const map = page.getByTestId('position-map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  if (!box) throw new Error('the map is drawn');
  await page.mouse.click(box.x + box.width / 2 + 20, box.y + box.height / 2 - 10);
  await expect(page.locator('#r-lat')).not.toHaveValue('');
  await page.locator('#r-coordinateNote').fill('Test place: a hamlet positioned by clicking the basemap.');
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/editor-new-place-en.png`, fullPage: true });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('record-status')).toHaveText('Created.');
  await expect(page).toHaveURL(/\/editor\/records\/place\/nayrab-test-hamlet\?lang=en$/);

  // corrected, and its history says so
  await page.reload();
  await expect(page.locator('#r-id')).toHaveAttribute('readonly', '');
  await page.locator('#r-name-fr').fill('Naïrab (hameau)');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('record-status')).toHaveText('Saved.');
  await page.reload();
  const history = page.getByTestId('record-history').locator('li');
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText(/Changed on .* UTC by salma/);
  await expect(history.first().getByRole('row').filter({ hasText: 'Name (French)' }).locator('ins')).toHaveText('Naïrab (hameau)');

  // a place incidents are located at keeps its position
  await page.goto(`${desk.server.url}/editor/records/place/qminas?lang=en`);
  await expect(page.locator('#r-lat')).toHaveAttribute('readonly', '');
  await expect(page.getByText('Incidents are located at this place: its position stays as it is.')).toBeVisible();

  // a new source
  await page.goto(`${desk.server.url}/editor/records/source/new?lang=en`);
  await page.locator('#r-id').fill('enab-baladi');
  await page.locator('#r-name-en').fill('Enab Baladi');
  await page.locator('#r-name-fr').fill('Enab Baladi');
  await page.locator('#r-language').fill('ar');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('record-status')).toHaveText('Created.');
  await page.goto(`${desk.server.url}/editor/records?lang=en`);
  await expect(page.getByTestId('sources-list')).toContainText('Enab Baladi');
  // the desk's recent changes name them, with a link to each one's page
  await page.goto(`${desk.server.url}/editor?lang=en`);
  const recent = page.getByTestId('recent-changes').locator('li');
  await expect(recent.first()).toContainText('Created source “Enab Baladi”');
  await expect(recent.filter({ hasText: 'Changed place “Nayrab”' })).toHaveCount(1);
  await recent.first().getByRole('link', { name: 'history' }).click();
  await expect(page.getByRole('heading', { name: 'Edit a source' })).toBeVisible();
});

test('an administrator manages accounts on the desk: adds one whose one-time password signs in; an editor is told only administrators may', async ({
  page,
  context,
}) => {
  await signIn(page, 'en', 'rania');
  await page.getByTestId('accounts-link').click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  const table = page.getByTestId('accounts-table');
  await expect(table.getByRole('row', { name: /rania/ })).toContainText('administrator');
  await expect(table.getByRole('row', { name: /salma/ })).toContainText('editor');
  expect(await violations(page)).toEqual([]);
  await page.locator('#account-name').fill('youssef');
  await page.getByRole('button', { name: 'Add the account' }).click();
  await expect(page.getByTestId('password-shown')).toContainText('The password of youssef, shown this once:');
  const password = (await page.getByTestId('one-time-password').textContent()) ?? '';
  expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
  await expect(table.getByRole('row', { name: /youssef/ })).toContainText('active');
  // no disabling one's own account
  await expect(table.getByRole('row', { name: /rania/ }).getByRole('button', { name: 'Disable' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/desk-accounts-en.png`, fullPage: true });

  // the new editor signs in with it
  await context.clearCookies();
  await page.goto(`${desk.server.url}/editor/sign-in?lang=en`);
  await page.getByLabel('Name').fill('youssef');
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  // the one-time password must be changed first: straight to the editor's own page, nothing else open
  await expect(page).toHaveURL(/\/editor\/password\?next=%2Feditor&lang=en$/);
  await expect(page.getByRole('heading', { name: 'Change my password' })).toBeVisible();
  await expect(page.getByTestId('password-required')).toHaveText(
    'You signed in with a one-time password. Choose your own to go on: nothing else can be done until then.',
  );
  await page.goto(`${desk.server.url}/editor?lang=en`);
  await expect(page).toHaveURL(/\/editor\/password\?/);
  await page.getByLabel('Current password').fill(password);
  await page.getByLabel('New password', { exact: true }).fill('youssef’s own passphrase');
  await page.getByLabel('New password again').fill('youssef’s own passphrase!');
  await page.getByRole('button', { name: 'Change the password' }).click();
  await expect(page.locator('#pw-again-problem')).toHaveText('The two new passwords differ.');
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('New password again').fill('youssef’s own passphrase');
  await page.getByRole('button', { name: 'Change the password' }).click();
  // changed: on to where the editor was going, the session going on
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as youssef');
  await expect(page.getByTestId('accounts-link')).toHaveCount(0);
  await page.goto(`${desk.server.url}/editor/accounts?lang=en`);
  await expect(page.getByTestId('admins-only')).toHaveText('Only administrators manage accounts. Ask one of them.');

  // disabled by the administrator, the account can no longer sign in
  await context.clearCookies();
  await signIn(page, 'en', 'rania');
  await page.goto(`${desk.server.url}/editor/accounts?lang=en`);
  const row = page.getByTestId('accounts-table').getByRole('row', { name: /youssef/ });
  await row.getByRole('button', { name: 'Disable' }).click();
  await row.getByRole('button', { name: 'Disable for good' }).click();
  await expect(row).toContainText('disabled on');
  await context.clearCookies();
  await page.goto(`${desk.server.url}/editor/sign-in?lang=en`);
  await page.getByLabel('Name').fill('youssef');
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.locator('#sign-in-error')).toHaveText('Wrong name or password, or the account is disabled.');
});
