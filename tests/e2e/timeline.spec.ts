import { expect, type Page, test } from '@playwright/test';
import { mapReady, SHOTS } from './helpers';

const listed = (page: Page) => page.locator('[data-incident-id]');
const params = (page: Page) => new URL(page.url()).searchParams;

test.describe('the time bar', () => {
  test('shows the incidents per day and sets the period by brushing, with the list and the link following', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapReady(page);
    const bar = page.getByTestId('time-bar');
    await expect(bar.getByTestId('time-bar-bin')).toHaveText('incidents per day');
    await expect(bar.getByTestId('time-bar-range')).toHaveText('All dates');
    // the seed's one day among padding days: one stacked bar, its parts in the types' colours
    await expect(bar.locator('svg rect')).not.toHaveCount(0);
    await expect(listed(page)).toHaveCount(6);
    await page.screenshot({ path: `${SHOTS}/time-bar.png` });

    // brush across the left half: the days before 20 February, which hold no incident
    const svg = bar.getByTestId('time-bar-svg');
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => params(page).get('to')).toBe('2020-02-17');
    expect(params(page).get('from')).toBe('2020-02-13');
    await expect(page.getByTestId('empty')).toBeVisible();
    // one empty message, not two
    await expect(page.getByTestId('empty-view')).toHaveCount(0);
    await expect(bar.getByTestId('time-bar-range')).toContainText('Showing');
    await page.screenshot({ path: `${SHOTS}/time-bar-brushed.png` });

    // the period cleared: everything again
    await bar.getByTestId('time-bar-clear').click();
    await expect(listed(page)).toHaveCount(6);
    expect(params(page).get('from')).toBeNull();
  });

  test('moves its handles with the keyboard, one day at a time, and says the dates', async ({ page }) => {
    await page.goto('/?lang=en&from=2020-02-20&to=2020-02-20');
    await mapReady(page);
    const start = page.getByTestId('time-bar-start');
    const end = page.getByTestId('time-bar-end');
    await expect(start).toHaveAttribute('aria-valuetext', '20 February 2020');
    await expect(end).toHaveAttribute('aria-valuetext', '20 February 2020');
    await expect(listed(page)).toHaveCount(6);
    // the end cannot go before the start; the start moves back a day
    await end.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(end).toHaveAttribute('aria-valuetext', '20 February 2020');
    await start.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(start).toHaveAttribute('aria-valuetext', '19 February 2020');
    await expect.poll(() => params(page).get('from')).toBe('2020-02-19');
    // the end forward past the seed's day, then the start past it too: nothing left
    await end.focus();
    await page.keyboard.press('ArrowRight');
    await start.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(start).toHaveAttribute('aria-valuetext', '21 February 2020');
    await expect(page.getByTestId('empty')).toBeVisible();
    await page.keyboard.press('Home');
    await expect(start).toHaveAttribute('aria-valuetext', '13 February 2020');
    await expect(listed(page)).toHaveCount(6);
  });

  test('plays the period forward a day at a time, and stops on Pause', async ({ page }) => {
    await page.goto('/?lang=fr&from=2020-02-18&to=2020-02-18');
    await mapReady(page);
    const play = page.getByTestId('time-bar-play');
    await expect(play).toHaveText('Lecture');
    await play.click();
    await expect(play).toHaveAttribute('aria-pressed', 'true');
    // a day on, and on: the period keeps its width (one day)
    await expect.poll(() => params(page).get('from'), { timeout: 10_000 }).not.toBe('2020-02-18');
    expect(params(page).get('from')).toBe(params(page).get('to'));
    await play.click();
    await expect(play).toHaveAttribute('aria-pressed', 'false');
    const stopped = params(page).get('from');
    await page.waitForTimeout(1200);
    expect(params(page).get('from')).toBe(stopped);
    await page.screenshot({ path: `${SHOTS}/time-bar-playing-fr.png` });
  });
});
