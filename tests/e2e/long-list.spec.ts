import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../server';
import { mapEval, mapReady, SHOTS } from './helpers';

/**
 * A list of hundreds of incidents in view: a server of its own on a store of 600 generated
 * incidents (labelled synthetic), below the size where the dashboard turns to tiles, so every
 * incident in view is in the list, and the list draws only those near its view.
 */
let server: RunningServer;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-long-list-'));
  execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/data-synthetic.ts', '--count', '600'], {
    env: { ...process.env, PGLITE_DIR: dir },
    stdio: 'ignore',
  });
  server = await startServer(3307, { PGLITE_DIR: dir });
});
test.afterAll(async () => {
  await server?.stop();
});

const drawn = (page: Page) => page.getByTestId('incident-list-item').count();
const focusedPosition = (page: Page) =>
  page.evaluate(() => Number(document.activeElement?.closest('li')?.getAttribute('aria-posinset') ?? Number.NaN));

test('a long list draws only the entries near its view, scrolls to the last, and the keyboard walks on through it', async ({ page }) => {
  await page.goto(`${server.url}/?lang=en`);
  await mapReady(page);
  await expect(page.getByTestId('synthetic-banner')).toBeVisible();
  // all of Syria in view: every generated incident is in the list
  await mapEval(page, '(map.jumpTo({ center: [38.5, 35.2], zoom: 5.5 }), true)');
  // the list follows the map once the view is in the link: from then on it holds still
  await expect(page).toHaveURL(/view=5\.50\/35\.20000\/38\.50000/);
  // and every page of the incidents is in
  await page.waitForLoadState('networkidle');
  const heading = page.locator('#incident-list-title');
  await expect(heading).toContainText(/\((\d{3,})\)/);
  const total = Number((await heading.textContent())?.match(/\((\d+)\)/)?.[1]);
  expect(total).toBeGreaterThanOrEqual(150);
  const list = page.getByTestId('incident-list');
  await expect(list).toHaveAttribute('data-virtual', 'true');
  expect(await drawn(page)).toBeGreaterThan(3);
  expect(await drawn(page)).toBeLessThan(60);
  await page.screenshot({ path: `${SHOTS}/long-list-top.png` });

  // the keyboard: from the first entry, Tab reaches entries that were not drawn at first
  await page.getByTestId('incident-list-item').first().focus();
  expect(await focusedPosition(page)).toBe(1);
  for (let i = 0; i < 70; i++) await page.keyboard.press('Tab');
  expect(await focusedPosition(page)).toBe(71);
  expect(await drawn(page)).toBeLessThan(60);

  // scrolled to the end, the last entry is drawn where the room kept for it was
  await list.evaluate((el) => el.closest('.overflow-y-auto')?.scrollTo({ top: 1e7 }));
  await expect(page.locator(`li[aria-posinset="${total}"]`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/long-list-end.png` });

  // an entry opens its incident; closing it brings the focus back to that entry
  const last = page.locator(`li[aria-posinset="${total}"] [data-testid=incident-list-item]`);
  const id = await last.getAttribute('data-incident-id');
  await last.click();
  await expect(page.getByTestId('incident-details')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-incident-id="${id}"]`)).toBeFocused();
});
