import { expect, type Page, test } from '@playwright/test';
import { deskServer, PASSWORD, signIn as deskSignIn, violations } from './desk';
import { SHOTS } from './helpers';

/**
 * The incident editor in Chromium: an editor signs in, makes an incident with two claims that
 * disagree, sees it on the dashboard and in an embed, corrects a figure, sees the change in its
 * history and restores the earlier version, and signs out — by keyboard alone. Then what a
 * demanding editor expects of a form: errors next to each field in their language, a draft that
 * survives a reload and a failed save, the place picked on a map, "already counted in" with a
 * preview of the totals, and a save on a stale copy shown side by side, never silently
 * overwritten. A server of its own on a store of its own (desk.ts).
 */
const TOKEN = 'incident-editor-e2e-token';
const desk = deskServer(3327, TOKEN);
const signIn = (page: Page, lang = 'en', name = 'salma') => deskSignIn(desk.server, page, lang, name);

/** The focused element's name: its aria-label, its label's text, or its own text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
    if (!el) return '';
    return (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
  });

/** Tabs until the focused element's name matches (at most `max` presses). */
async function tabTo(page: Page, name: RegExp, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`no focusable element named ${name} within ${max} tabs (last: ${await focusedName(page)})`);
}
/** Tabs to a field and types into it. */
async function typeInto(page: Page, name: RegExp, text: string) {
  await tabTo(page, name);
  await page.keyboard.type(text);
}

const ID = '2020-02-21-sarmin-shelling-of-sarmin';

test('an editor makes an incident with two claims, sees it on the map and in an embed, corrects it, restores it and signs out, by keyboard alone', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${desk.server.url}/editor?lang=en`);
  await expect(page).toHaveURL(/\/editor\/sign-in/);
  await typeInto(page, /^Name/, 'salma');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as salma');

  await tabTo(page, /^New incident$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New incident' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/editor-new-empty-en.png`, fullPage: true });

  await typeInto(page, /^Title \(English\)/, 'Shelling of Sarmin');
  await typeInto(page, /^Title \(French\)/, 'Bombardement de Sarmin');
  await typeInto(page, /^Summary \(English\)/, 'Shells fell on Sarmin, east of Idlib, during the night.');
  await typeInto(page, /^Summary \(French\)/, 'Des obus sont tombés sur Sarmin, à l’est d’Idleb, dans la nuit.');
  // the date in the page's order (an English page: day, month, year), though the browser is American
  await typeInto(page, /^day,/i, '21022020');
  await tabTo(page, /^Sub-type/);
  await page.keyboard.type('Shelling');
  // the place, by name in the combobox: arrow keys and Enter
  await typeInto(page, /^Find a place/, 'sarmin');
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText('Sarmin');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('place-chosen')).toContainText('Chosen: Sarmin');
  await expect(page.locator('#f-id')).toHaveValue(ID);
  // who took part
  // a row added takes the focus
  await tabTo(page, /^\+ Add an actor$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-actors-0-actor')).toBeFocused();
  await page.keyboard.type('Syrian');
  await tabTo(page, /^\+ Add an actor$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-actors-1-actor')).toBeFocused();
  await page.keyboard.type('Armed');
  await page.keyboard.press('Tab');
  await page.keyboard.type('second');
  await tabTo(page, /^Choose/);
  await page.keyboard.type('Agence');
  await expect(page.getByRole('listitem').filter({ hasText: 'Agence France-Presse' })).toHaveCount(1);

  // claim 1: the Observatory blames the government and counts 3 civilians killed, 7 wounded
  await tabTo(page, /^Who claims it/);
  await page.keyboard.type('Syrian Obs');
  await tabTo(page, /^Add a perpetrator/);
  await page.keyboard.type('Syrian');
  await typeInto(page, /^Attribution in the claimant’s terms \(English\)/, 'Government forces shelled the town');
  await typeInto(page, /^Attribution in the claimant’s terms \(French\)/, 'Les forces gouvernementales ont bombardé la ville');
  await typeInto(page, /^What the source said \(English\)/, 'Three civilians were killed and seven wounded.');
  await typeInto(page, /^What the source said \(French\)/, 'Trois civils ont été tués et sept blessés.');
  await typeInto(page, /^from$/, '3');
  await tabTo(page, /^from$/);
  await page.keyboard.type('7');
  // claim 2: the Russian ministry blames the armed opposition and gives no figure
  await tabTo(page, /^\+ Add a claim$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-claims-1-claimant')).toBeFocused();
  await page.keyboard.type('Russian');
  await tabTo(page, /^Add a perpetrator/);
  await page.keyboard.type('Armed');
  await typeInto(page, /^Attribution in the claimant’s terms \(English\)/, 'Terrorist groups shelled Sarmin');
  await typeInto(page, /^Attribution in the claimant’s terms \(French\)/, 'Des groupes terroristes ont bombardé Sarmin');
  await typeInto(page, /^What the source said \(English\)/, 'The ministry named the attackers but gave no toll.');
  await typeInto(page, /^What the source said \(French\)/, 'Le ministère a nommé les assaillants sans donner de bilan.');
  await page.screenshot({ path: `${SHOTS}/editor-new-filled-en.png`, fullPage: true });
  await tabTo(page, /^Save$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toContainText('Created. Saved: revision 1.');
  await expect(page).toHaveURL(new RegExp(`/editor/incidents/${ID}/edit\\?lang=en$`));

  const stored = (await (await fetch(`${desk.server.url}/api/incidents/${ID}`)).json()) as {
    properties: {
      revision: number;
      contested: string[];
      claims: { id: string; claimant: string; perpetrators: string[]; casualties: { killed: unknown; wounded: unknown }[] }[];
      killed: unknown;
      reportedBy: string[];
      placeId: string;
    };
  };
  expect(stored.properties.placeId).toBe('sarmin');
  expect(stored.properties.reportedBy).toEqual(['afp']);
  expect(stored.properties.claims.map((c) => [c.id, c.claimant, c.perpetrators])).toEqual([
    [`${ID}-claim-1`, 'sohr', ['syrian-government-forces']],
    [`${ID}-claim-2`, 'russian-mod', ['armed-opposition-groups']],
  ]);
  expect(stored.properties.claims[0]?.casualties[0]).toMatchObject({ killed: { low: 3, high: 3 }, wounded: { low: 7, high: 7 } });
  // the blank figures stay "not reported", never 0
  expect(stored.properties.claims[1]?.casualties[0]).toMatchObject({ killed: null, wounded: null });
  expect(stored.properties.contested).toEqual(['attribution']);

  // on the dashboard, opened from the form's own link
  await tabTo(page, /^See it on the map$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('incident-details')).toContainText('Shelling of Sarmin');
  await expect(page.getByTestId('incident-details')).toContainText('Syrian Observatory for Human Rights');
  await expect(page.getByTestId('incident-details')).toContainText('Russian Ministry of Defence');
  await page.screenshot({ path: `${SHOTS}/editor-created-on-dashboard-en.png` });

  // in an embed of that day
  const embed = await page.context().newPage();
  await embed.goto(`${desk.server.url}/embed?from=2020-02-21&to=2020-02-21&lang=en`);
  await expect(embed.getByTestId('incident-table')).toContainText('Shelling of Sarmin');
  await embed.close();

  // a figure corrected: from the dashboard's details, the editor's link
  await tabTo(page, /^Edit this incident$/, 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Edit an incident' })).toBeVisible();
  await expect(page.locator('#f-claims-0-casualties-0-killed-low')).toHaveValue('3');
  await tabTo(page, /^from$/);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('4');
  await tabTo(page, /^Save$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toContainText('Saved: revision 2.');

  // its history: the change field by field, and the first version brought back
  await tabTo(page, /^Its history$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'History of an incident' })).toBeVisible();
  const changes = page.getByTestId('change');
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0).getByRole('heading')).toContainText(/^Changed on .* UTC by salma$/);
  await expect(changes.nth(1).getByRole('heading')).toContainText(/^Created on .* UTC by salma$/);
  // named as a reader reads it: the claim by its claimant, the toll line by its group
  // the count's low and high changed together: one row, the count as a whole
  const low = changes
    .nth(0)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^Claim by .+ › .+ › killed$/ }) });
  await expect(low.locator('del')).toHaveText('3');
  await expect(low.locator('ins')).toHaveText('4');
  await tabTo(page, /^Restore this version$/);
  await page.keyboard.press('Enter');
  await expect(changes).toHaveCount(3);
  await expect(changes.nth(0).getByRole('heading')).toContainText(/^Restored from change \d+ on .* UTC by salma$/);
  const restored = (await (await fetch(`${desk.server.url}/api/incidents/${ID}`)).json()) as typeof stored;
  expect(restored.properties.claims[0]?.casualties[0]).toMatchObject({ killed: { low: 3, high: 3 } });
  expect(restored.properties.revision).toBe(3);

  // signed out from the desk
  await page.goto(`${desk.server.url}/editor?lang=en`);
  await tabTo(page, /^Sign out$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/editor\/sign-in/);
  await page.goto(`${desk.server.url}/editor/incidents/${ID}/edit?lang=en`);
  await expect(page).toHaveURL(/\/editor\/sign-in/);
});

test('in French: each error beside its field, the draft kept through a reload and a failed save, then discarded', async ({ page }) => {
  await signIn(page, 'fr');
  await page.goto(`${desk.server.url}/editor/incidents/new?lang=fr`);
  await expect(page.getByRole('heading', { name: 'Nouvel incident' })).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const summary = page.getByTestId('form-problems');
  await expect(summary).toContainText(/L’incident n’a pas été enregistré : \d+ champs sont à revoir\./);
  // each field says what is wrong, in French, and is marked invalid; the first takes the focus
  await expect(page.locator('#f-title-en')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-problem-for=f-title-en]')).toHaveText('Obligatoire.');
  await expect(page.locator('[data-problem-for=f-date]')).toHaveText('Une date, telle que le champ date la donne.');
  await expect(page.locator('[data-problem-for=f-place]')).toHaveText('Choisissez-en un.');
  await expect(page.locator('#f-id')).toBeFocused();
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/editor-errors-fr.png`, fullPage: true });

  // a figure that is not a whole number is not read as one
  await page.locator('#f-title-en').fill('Night shelling of Binnish');
  await page.locator('#f-claims-0-casualties-0-killed-low').fill('1,200');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('[data-problem-for=f-claims-0-casualties-0-killed-low]')).toHaveText(
    'Un nombre entier, en chiffres (sans espace ni lettres).',
  );
  await expect(page.locator('[data-problem-for=f-title-en]')).toHaveCount(0);

  // a reload keeps everything typed, and says so
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toContainText('Votre brouillon non enregistré de');
  await expect(page.locator('#f-title-en')).toHaveValue('Night shelling of Binnish');
  await expect(page.locator('#f-claims-0-casualties-0-killed-low')).toHaveValue('1,200');

  // a save the network fails keeps the form as it was
  await page.locator('#f-claims-0-casualties-0-killed-low').fill('12');
  await page.locator('#f-title-fr').fill('Bombardement nocturne de Binnish');
  await page.locator('#f-summary-en').fill('Shells hit Binnish at night.');
  await page.locator('#f-summary-fr').fill('Des obus ont frappé Binnish dans la nuit.');
  await page.locator('#f-date [data-type=day]').click();
  await page.keyboard.type('19022020');
  await expect(page.locator('#f-date')).toHaveText('19/02/2020');
  await page.getByTestId('place-search').fill('Binnish');
  await page.getByRole('listbox').getByRole('option').first().click();
  await page.locator('#f-actors').click();
  await page.locator('#f-actors-0-actor').selectOption('syrian-government-forces');
  await page.locator('#f-reportedBy').selectOption('afp');
  await page.locator('#f-claims-0-claimant').selectOption('sohr');
  for (const f of ['attribution-en', 'attribution-fr', 'statement-en', 'statement-fr']) await page.locator(`#f-claims-0-${f}`).fill('—');
  await page.route('**/api/incidents/*', (route) =>
    route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.fallback(),
  );
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('save-failed')).toHaveText(
    'Le serveur est injoignable. Tout ce que vous avez saisi est toujours là, et gardé en brouillon dans ce navigateur.',
  );
  await expect(page.locator('#f-claims-0-casualties-0-killed-low')).toHaveValue('12');
  await page.unroute('**/api/incidents/*');
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.locator('#f-title-fr')).toHaveValue('Bombardement nocturne de Binnish');
  await expect(page.getByTestId('place-chosen')).toContainText('Binnish');

  // the draft discarded: the form as it was opened
  await page.getByRole('button', { name: 'Abandonner le brouillon' }).click();
  await expect(page.locator('#f-title-fr')).toHaveValue('');
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
});

test('the place picked on the map, a toll line counted in a nearby incident with the totals previewed, a stale save shown side by side', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await page.goto(`${desk.server.url}/editor/incidents/new?lang=en`);
  const map = page.getByTestId('place-map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  await map.scrollIntoViewIfNeeded();
  const at = (lon: number, lat: number) =>
    map.evaluate(
      (el, ll) => {
        const m = (el as unknown as { maplibreMap: { project(p: [number, number]): { x: number; y: number } } }).maplibreMap;
        const p = m.project(ll as [number, number]);
        const r = el.getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      [lon, lat],
    );
  // a click a little off Saraqib chooses Saraqib, the nearest place
  const saraqib = await at(36.806, 35.864);
  await page.mouse.click(saraqib.x + 4, saraqib.y + 3);
  await expect(page.getByTestId('place-chosen')).toContainText('Chosen: Saraqib');
  await page.screenshot({ path: `${SHOTS}/editor-place-picked-en.png` });
  // the marker dragged to Sarmin chooses Sarmin
  await expect(page.locator('.maplibregl-marker')).toBeVisible();
  await page.waitForTimeout(800); // the map eases to the place chosen
  const marker = await page.locator('.maplibregl-marker').boundingBox();
  if (!marker) throw new Error('the marker is drawn');
  const sarmin = await at(36.725, 35.904);
  await page.mouse.move(marker.x + marker.width / 2, marker.y + marker.height - 4);
  await page.mouse.down();
  await page.mouse.move(sarmin.x, sarmin.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('place-chosen')).toContainText('Chosen: Sarmin');

  // the day toll: its Turkish dead are those the strike reports, and the preview says what linking them changes
  const id = 'idlib-2020-02-20-day-toll';
  await page.goto(`${desk.server.url}/editor/incidents/${id}/edit?lang=en`);
  const line = page.getByTestId('line-0-0');
  await expect(line.locator('select[name$=countedIn]')).toHaveValue('idlib-2020-02-20-air-strike-turkish-soldiers');
  const preview = line.getByTestId('counted-in-preview');
  await expect(preview).toContainText('with this link: killed 27');
  await expect(preview).toContainText('without it: killed 29');
  await line.locator('select[name$=countedIn]').selectOption('');
  await expect(preview).toHaveCount(0);
  await line.locator('select[name$=countedIn]').selectOption('idlib-2020-02-20-air-strike-turkish-soldiers');
  await expect(line.getByTestId('counted-in-preview')).toBeVisible();

  // someone else saves the incident meanwhile (a script with the service token)
  const current = (await (await fetch(`${desk.server.url}/api/incidents/${id}`)).json()) as {
    properties: Record<string, unknown> & { revision: number };
  };
  const page2 = await page.context().newPage();
  await page2.goto(`${desk.server.url}/editor/incidents/${id}/edit?lang=en`);
  await page2.locator('#f-title-en').fill('Deadliest day in Idlib since the offensive began');
  await page2.getByRole('button', { name: 'Save' }).click();
  await expect(page2.getByTestId('save-status')).toContainText(`Saved: revision ${current.properties.revision + 1}.`);
  await page2.close();

  // this editor's save on the older copy is refused: both versions shown, nothing overwritten
  await page.getByTestId('line-0-1').locator('input[name$="killed.low"]').fill('12');
  await page.getByRole('button', { name: 'Save' }).click();
  const conflict = page.getByTestId('edit-conflict');
  await expect(conflict).toContainText('Someone else saved this incident meanwhile');
  await expect(conflict).toContainText(`salma saved revision ${current.properties.revision + 1}`);
  const title = conflict.getByRole('row').filter({ hasText: 'Title (English)' });
  await expect(title.locator('del')).toHaveText('Deadliest day in Idlib since the offensive began');
  await expect(title.locator('ins')).not.toHaveText('Deadliest day in Idlib since the offensive began');
  await expect(
    conflict
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /› killed(, low)?$/ }) })
      .locator('ins'),
  ).toHaveText(/^12/);
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/editor-conflict-en.png`, fullPage: true });
  const stillTheirs = (await (await fetch(`${desk.server.url}/api/incidents/${id}`)).json()) as { properties: { title: { en: string } } };
  expect(stillTheirs.properties.title.en).toBe('Deadliest day in Idlib since the offensive began');

  // taking theirs loads their version into the form; a save from there lands
  await conflict.getByRole('button', { name: 'Take theirs (discard mine)' }).click();
  await expect(page.locator('#f-title-en')).toHaveValue('Deadliest day in Idlib since the offensive began');
  await page.getByTestId('line-0-1').locator('input[name$="killed.low"]').fill('12');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('save-status')).toContainText(`Saved: revision ${current.properties.revision + 2}.`);
});

test('the editor in Arabic on a phone: right to left, every field labelled', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await page.goto(`${desk.server.url}/editor/incidents/idlib-2020-02-20-qminas-attack/edit?lang=ar`);
  await expect(page.getByRole('heading', { name: 'تعديل حادثة' })).toBeVisible();
  expect(await page.evaluate(() => document.body.dir || document.documentElement.dir)).toBe('rtl');
  await expect(page.getByTestId('place-chosen')).toContainText('قميناس');
  // nothing wider than the phone
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await violations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/editor-edit-ar-390.png`, fullPage: true });
});
