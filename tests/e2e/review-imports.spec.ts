import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Incident } from '@/lib/domain/schema';
import { mapReady, SHOTS, signInEditor, TOKEN } from './helpers';

// Named to run after the other files (Playwright runs them in order): it adds an imported claim
// to the shared server's data, and puts the seed's incident back when it is done.
const NAYRAB = 'idlib-2020-02-20-nayrab-attack';
const SECOND = 'e2e-test-second-nayrab-clash';
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };

test.describe('reviewing imports', () => {
  test('a reader sees no review button; a signed-in editor sees a likely duplicate side by side and adds it as a claim', async ({
    page,
    request,
  }) => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    // a second stored clash at Al-Nayrab that day (test data): the imported row may match either
    const nayrab = seed.incidents.find((i) => i.id === NAYRAB)!;
    const second = {
      ...nayrab,
      id: SECOND,
      title: { en: 'TEST DATA: a second clash at Al-Nayrab', fr: 'DONNÉES DE TEST : un second affrontement à Al-Nayrab' },
      claims: nayrab.claims.map((c, k) => ({ ...c, id: `${SECOND}-claim-${k + 1}` })),
    };
    expect((await request.put(`/api/incidents/${SECOND}`, { headers: auth, data: second })).ok()).toBe(true);
    const imported = await request.post('/api/imports', {
      headers: { ...auth, 'content-type': 'text/csv' },
      data: fs.readFileSync('tests/fixtures/imports/acled-nayrab.csv'),
    });
    expect(await imported.json()).toMatchObject({ inserted: 1 });
    try {
      // a reader (no session) is not offered an editor's tool
      await page.goto('/?lang=en');
      await mapReady(page);
      await expect(page.getByTestId('share-button')).toBeVisible();
      await expect(page.getByTestId('review-button')).toHaveCount(0);

      await signInEditor(page);
      await page.goto('/?lang=en');
      await mapReady(page);
      await page.getByTestId('review-button').click();
      const dialog = page.getByTestId('review-dialog');
      await expect(dialog.getByRole('heading', { name: 'Possible duplicates from imports' })).toBeVisible();
      // the imported row once, beside each stored incident it may describe (the test's second clash among them)
      const row = dialog.getByTestId('review-row').filter({ hasText: 'Battles — Nayrab' });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('Imported from ACLED (Armed Conflict Location & Event Data)');
      await expect(row.getByTestId('review-item').filter({ hasText: 'TEST DATA: a second clash at Al-Nayrab' })).toHaveCount(1);
      expect(await row.getByTestId('review-item').count()).toBeGreaterThanOrEqual(2);
      const item = row.getByTestId('review-item').filter({ hasText: 'Attacks on government positions around Al-Nayrab' });
      await expect(item).toContainText('0.1 km apart');
      await expect(item).toContainText('20 February 2020 · Al-Nayrab (Idlib) · Battles');
      // what to decide by: each side's toll, actors and who reports it
      const imported = row.locator('> div > div').first();
      await expect(imported).toContainText('Killed: 4');
      await expect(imported.getByTestId('review-claimants')).toHaveText('Reported by: ACLED (Armed Conflict Location & Event Data)');
      await expect(item.getByTestId('review-claimants')).toHaveText('Reported by: Russian Ministry of Defence');
      await expect(imported.getByTestId('review-actors')).toContainText('Hayat Tahrir al Sham');
      await expect(item.getByTestId('review-actors')).toHaveText('Actors: Armed opposition groups, Syrian government forces');
      const claim = await row.getAttribute('data-claim');
      await page.screenshot({ path: `${SHOTS}/review-imports.png` });
      // until decided, the imported row is an incident of its own
      expect((await request.get('/api/incidents/acled-tst1001')).status()).toBe(200);
      await item.getByRole('button', { name: 'Same incident: add as a claim' }).click();
      await expect(dialog.getByTestId('review-status')).toHaveText(
        'Added as a claim to “Attacks on government positions around Al-Nayrab”.',
      );
      // confirmed for one incident, the row's other possible matches are closed with it
      await expect(dialog.locator(`[data-claim="${claim}"]`)).toHaveCount(0);
      const open = (await (await request.get('/api/imports/candidates', { headers: auth })).json()) as {
        candidates: { claimId: string }[];
      };
      expect(open.candidates.filter((c) => c.claimId === claim)).toEqual([]);
      const merged = (await (await request.get(`/api/incidents/${NAYRAB}`)).json()) as { properties: { claims: { claimant: string }[] } };
      expect(merged.properties.claims.map((c) => c.claimant)).toEqual(['russian-mod', 'acled']);
      expect((await request.get('/api/incidents/acled-tst1001')).status()).toBe(404);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    } finally {
      const original = seed.incidents.find((i) => i.id === NAYRAB);
      await request.put(`/api/incidents/${NAYRAB}`, { headers: auth, data: original });
      await request.delete('/api/incidents/acled-tst1001', { headers: auth });
      await request.delete(`/api/incidents/${SECOND}`, { headers: auth });
    }
  });
});
