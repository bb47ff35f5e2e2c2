import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Incident } from '@/lib/domain/schema';
import { mapReady, SHOTS, TOKEN } from './helpers';

// Named to run after the other files (Playwright runs them in order): it adds an imported claim
// to the shared server's data, and puts the seed's incident back when it is done.
const NAYRAB = 'idlib-2020-02-20-nayrab-attack';
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };

test.describe('reviewing imports', () => {
  test('an editor sees a likely duplicate side by side and adds it as a claim; nothing merged before', async ({ page, request }) => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const imported = await request.post('/api/imports', {
      headers: { ...auth, 'content-type': 'text/csv' },
      data: fs.readFileSync('tests/fixtures/imports/acled-nayrab.csv'),
    });
    expect(await imported.json()).toMatchObject({ inserted: 1 });
    try {
      await page.goto('/?lang=en');
      await mapReady(page);
      await page.getByTestId('review-button').click();
      const dialog = page.getByTestId('review-dialog');
      await expect(dialog.getByRole('heading', { name: 'Possible duplicates from imports' })).toBeVisible();
      await dialog.getByLabel('Editor token').fill('not-the-token');
      await dialog.getByRole('button', { name: 'Show' }).click();
      await expect(dialog.getByRole('alert')).toHaveText('The editor token was refused.');
      await dialog.getByLabel('Editor token').fill(TOKEN);
      await dialog.getByRole('button', { name: 'Show' }).click();
      const item = dialog.getByTestId('review-item').filter({ hasText: 'Attacks on government positions around Al-Nayrab' });
      await expect(item).toContainText('Imported (ACLED)');
      await expect(item).toContainText('Battles — Nayrab');
      await expect(item).toContainText('0.1 km apart');
      await expect(item).toContainText('20 February 2020 · Al-Nayrab (Idlib)');
      await page.screenshot({ path: `${SHOTS}/review-imports.png` });
      // until decided, the imported row is an incident of its own
      expect((await request.get('/api/incidents/acled-tst1001')).status()).toBe(200);
      await item.getByRole('button', { name: 'Same incident: add as a claim' }).click();
      await expect(dialog.getByTestId('review-status')).toHaveText(
        'Added as a claim to “Attacks on government positions around Al-Nayrab”.',
      );
      await expect(item).toHaveCount(0);
      const merged = (await (await request.get(`/api/incidents/${NAYRAB}`)).json()) as { properties: { claims: { claimant: string }[] } };
      expect(merged.properties.claims.map((c) => c.claimant)).toEqual(['russian-mod', 'acled']);
      expect((await request.get('/api/incidents/acled-tst1001')).status()).toBe(404);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    } finally {
      const original = seed.incidents.find((i) => i.id === NAYRAB);
      await request.put(`/api/incidents/${NAYRAB}`, { headers: auth, data: original });
      await request.delete('/api/incidents/acled-tst1001', { headers: auth });
    }
  });
});
