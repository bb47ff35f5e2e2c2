import { expect, type Locator, type Page, test } from '@playwright/test';
import { mapReady, SHOTS } from './helpers';

const params = (page: Page) => new URL(page.url()).searchParams;
const listed = (page: Page) => page.locator('[data-incident-id]');
/** The kinds of a date field's parts, in the order they are laid out in the page (literal separators left out). */
const partOrder = (field: Locator) =>
  field.locator('[role=spinbutton]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.type ?? ''));

// an American browser: a native date input would show mm/dd/yyyy on every page, whatever its language
test.use({ locale: 'en-US' });

test.describe('date fields', () => {
  test('a French page writes the filter dates as the French do, typed or picked, whatever the browser', async ({ page }) => {
    // the years a year passes through as it is typed (2, 20, 202) are never asked for
    const asked: string[] = [];
    page.on('request', (r) => {
      const from = new URL(r.url()).searchParams.get('from');
      if (from) asked.push(from);
    });
    await page.goto('/?lang=fr');
    await mapReady(page);
    const from = page.getByTestId('date-from');
    await expect(from.getByText('Du')).toBeVisible();
    expect(await partOrder(from)).toEqual(['day', 'month', 'year']);
    // React Aria's own words in French (the build keeps its tables of our three languages only)
    await expect(from.getByRole('button')).toHaveAccessibleName(/^Calendrier/);
    // empty, its calendar opens at the first month that holds incidents, not at today
    await from.getByRole('button').click();
    await expect(page.getByRole('dialog').getByRole('heading')).toHaveText('février 2020');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    // typed, day first: the filter and the address follow
    await from.locator('[role=spinbutton][data-type=day]').click();
    await page.keyboard.type('20022020');
    await expect.poll(() => params(page).get('from')).toBe('2020-02-20');
    await expect(from.locator('[role=group]')).toHaveText('20/02/2020');
    await expect(listed(page)).toHaveCount(6);
    expect(asked.filter((d) => !d.startsWith('2020-'))).toEqual([]);
    // the arrow keys step the part in focus: the day
    await from.locator('[role=spinbutton][data-type=day]').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => params(page).get('from')).toBe('2020-02-21');
    await expect(page.getByTestId('empty')).toBeVisible();

    // picked from the calendar: "Au" may not come before "Du" (the days before it cannot be chosen)
    const to = page.getByTestId('date-to');
    await to.getByRole('button').click();
    const calendar = page.getByRole('dialog');
    await expect(calendar.getByRole('heading')).toHaveText(/février 2020/);
    await expect(calendar.getByRole('button', { name: /20 février 2020/ })).toBeDisabled();
    await page.screenshot({ path: `${SHOTS}/date-field-fr-calendar.png` });
    await calendar.getByRole('button', { name: /25 février 2020/ }).click();
    await expect(calendar).toBeHidden();
    await expect.poll(() => params(page).get('to')).toBe('2020-02-25');
    await expect(to.locator('[role=group]')).toHaveText('25/02/2020');

    // cleared with the keyboard: each part emptied, the filter gone
    await from.locator('[role=spinbutton][data-type=year]').click();
    for (let i = 0; i < 12; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => params(page).get('from')).toBeNull();
    await expect(listed(page)).toHaveCount(6);
  });

  test('an Arabic page writes them in Arabic digits, right to left, and an English one day first', async ({ page }) => {
    await page.goto('/?lang=ar&from=2020-02-20&to=2020-02-20');
    await mapReady(page);
    const from = page.getByTestId('date-from');
    // as Intl writes an Arabic (Syrian) date: Arabic-Indic digits, right-to-left marks after day and month
    await expect(from.locator('[role=group]')).toHaveText('٢٠\u200f/٢\u200f/٢٠٢٠');
    expect(await from.locator('[role=group]').evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    await expect(from.getByRole('button')).toHaveAccessibleName(/^التقويم/);
    await expect(listed(page)).toHaveCount(6);
    await page.getByTestId('filters').screenshot({ path: `${SHOTS}/date-field-ar.png` });

    await page.goto('/?lang=en&from=2020-02-20');
    await mapReady(page);
    const en = page.getByTestId('date-from');
    expect(await partOrder(en)).toEqual(['day', 'month', 'year']);
    await expect(en.locator('[role=group]')).toHaveText('20/02/2020');
  });
});
