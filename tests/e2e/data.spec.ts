import { expect, test } from '@playwright/test';
import { mapReady, SHOTS } from './helpers';

test.describe('data out', () => {
  test('the Download menu gives the incidents the filters show, as CSV and GeoJSON', async ({ page }) => {
    await page.goto('/?lang=en&type=battles');
    await mapReady(page);
    const menu = page.getByTestId('download-menu');
    await menu.getByText('Download').click();
    const csv = menu.getByTestId('download-csv');
    await expect(csv).toBeVisible();
    await expect(csv).toHaveAttribute('href', '/api/incidents.csv?type=battles');
    await expect(menu.getByTestId('download-geojson')).toHaveAttribute('href', '/api/incidents.geojson?type=battles');
    await page.screenshot({ path: `${SHOTS}/download-menu.png` });
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toMatch(/^incidents_battles_as-of-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await page.request.get('/api/incidents.csv?type=battles')).text();
    expect(text.trim().split('\r\n')).toHaveLength(4);
    // the keyboard opens it too
    await page.keyboard.press('Escape');
    await page.goto('/?lang=fr');
    await mapReady(page);
    await page.getByTestId('download-menu').locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('download-csv')).toHaveAttribute('href', '/api/incidents.csv');
    await expect(page.getByTestId('download-csv')).toHaveText('CSV (colonnes d’ACLED, puis les revendications)');
  });
});
