import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Incident } from '@/lib/domain/schema';
import { groupRadiusPx, spreadOffsetPx, typeShares } from '@/geo/symbols';
import { type RunningServer, startServer } from '../server';
import { mapEval, mapReady, SHOTS } from './helpers';

/**
 * A group of four incidents or more at one town shows the types it holds (its ring split in their
 * colours) and is sized by the deaths they report. The seed never puts four at one point, so a
 * server of its own, on a store of its own thrown away afterwards, gets two test copies of seed
 * incidents moved to Al-Nayrab (titled as test copies; they never reach the shared store).
 */
const TOKEN = 'groups-e2e-token';
let server: RunningServer;
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };
const copyAt = (id: string, from: string, place = 'nayrab-idlib'): Incident => {
  const i = structuredClone(seed.incidents.find((x) => x.id === from) as Incident);
  return {
    ...i,
    id,
    place,
    geoPrecision: 1,
    locationNote: null,
    title: { en: `Test copy of “${i.title.en}”`, fr: `Copie de test de « ${i.title.fr} »` },
    claims: i.claims.map((c, n) => ({ ...c, id: `${id}-claim-${n}`, casualties: c.casualties.map((l) => ({ ...l, countedIn: null })) })),
  };
};

test.beforeAll(async () => {
  server = await startServer(3309, { PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-groups-')), EDITOR_TOKEN: TOKEN });
  // and five at Khan Shaykhun, far south of the first test's frame: spread around the town when zoomed in
  const five = seed.incidents.slice(0, 5).map((i, n) => [`test-copy-khan-${n}`, i.id, 'khan-shaykhun'] as const);
  // the five share one title, as a dataset's rows often do, and are a day apart (16 to 20 February)
  const alike = (i: Incident, n: number): Incident =>
    i.id.startsWith('test-copy-khan')
      ? {
          ...i,
          title: { en: 'Test copy: an incident at Khan Shaykhun', fr: 'Copie de test : un incident à Khan Cheikhoun' },
          date: `2020-02-${16 + n}`,
        }
      : i;
  for (const [n, [id, from, place]] of [
    ['test-copy-air-strike', 'idlib-2020-02-20-air-strike-turkish-soldiers', 'nayrab-idlib'],
    ['test-copy-qminas', 'idlib-2020-02-20-qminas-attack', 'nayrab-idlib'],
    ...five,
  ].entries() as IterableIterator<[number, readonly [string, string, string]]>) {
    const res = await fetch(`${server.url}/api/incidents/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(alike(copyAt(id, from, place), n - 2)),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }
});
test.afterAll(async () => {
  await server?.stop();
});

test('a group at one town shows the types it holds and is sized by its deaths', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/?lang=en&view=10/35.87/36.72`);
  await mapReady(page);
  // four incidents at Al-Nayrab: two battles and two explosions, one of them the air strike’s copy (two killed)
  const group = () =>
    mapEval<{ count: number; killed: number }[]>(
      page,
      `map.queryRenderedFeatures({ layers: ['incident-clusters'] }).map((f) => f.properties)`,
    );
  await expect.poll(() => group().then((g) => g.map((f) => f.count))).toEqual([4]);
  const [props] = await group();
  expect(props!.killed).toBe(2);
  // its ring: the image for its radius and the shares of battles and explosions, made and drawn
  const image = `mix-${groupRadiusPx(2)}-${typeShares([2, 2, 0, 0, 0, 0]).join('.')}`;
  await expect.poll(() => mapEval<boolean>(page, `map.hasImage('${image}')`)).toBe(true);
  expect(await mapEval<number>(page, `map.queryRenderedFeatures({ layers: ['incident-clusters-types'] }).length`)).toBe(1);
  // the town's name stands clear of the group, as large as it is
  await expect
    .poll(() => mapEval<string[]>(page, `map.queryRenderedFeatures({ layers: ['place-labels'] }).map((f) => f.properties.id)`))
    .toContain('nayrab-idlib');
  await page.screenshot({ path: `${SHOTS}/group-types.png` });
  const legend = page.getByTestId('legend');
  await expect(legend.locator('[data-swatch=type]')).toHaveCount(2);
});

test('zoomed in past the groups, five incidents spread around a town and its name beyond them, under none', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const place = await (await fetch(`${server.url}/api/places/khan-shaykhun`)).json();
  const [lon, lat] = place.geometry.coordinates as [number, number];
  await page.goto(`${server.url}/?lang=en&view=12.5/${lat}/${lon}`);
  await mapReady(page);
  // the five drawn apart, each around the town's point (every side of it taken)
  const drawn = () =>
    mapEval<{ id: string; c: [number, number]; r: number; dir?: number; d?: number }[]>(
      page,
      `map.queryRenderedFeatures({ layers: ['incidents'] }).filter((f) => f.properties.id.startsWith('test-copy-khan')).map((f) => ({ id: f.properties.id, c: f.geometry.coordinates, r: f.properties.r, dir: f.properties.dir, d: f.properties.d }))`,
    );
  await expect.poll(() => drawn().then((d) => new Set(d.map((f) => f.id)).size)).toBe(5);
  // the town is named all the same, beyond the ring they make
  await expect
    .poll(() => mapEval<string[]>(page, `map.queryRenderedFeatures({ layers: ['place-labels'] }).map((f) => f.properties.id)`))
    .toContain('khan-shaykhun');
  await page.screenshot({ path: `${SHOTS}/group-spread-z12.png` });
  for (const f of await drawn()) {
    const p = await mapEval<{ x: number; y: number }>(page, `map.project(${JSON.stringify(f.c)})`);
    const [dx, dy] = spreadOffsetPx(f.dir, f.d);
    const [x, y] = [p.x + dx, p.y + dy];
    const under = await mapEval<string[]>(
      page,
      `map.queryRenderedFeatures([[${x - f.r}, ${y - f.r}], [${x + f.r}, ${y + f.r}]], { layers: ['place-labels'] }).map((f) => f.properties.id)`,
    );
    expect(under, `names under ${f.id}`).toEqual([]);
  }
});

test('a group’s chooser tells incidents with one title apart: date, place, deaths and who reports it, newest first', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const place = await (await fetch(`${server.url}/api/places/khan-shaykhun`)).json();
  const [lon, lat] = place.geometry.coordinates as [number, number];
  await page.goto(`${server.url}/?lang=en&view=10/${lat}/${lon}`);
  await mapReady(page);
  const at = () =>
    mapEval<{ x: number; y: number } | null>(
      page,
      `(() => { const f = map.queryRenderedFeatures({ layers: ['incident-clusters'] }).find((g) => g.properties.count === 5);
        if (!f) return null; const p = map.project(f.geometry.coordinates); const r = map.getContainer().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y }; })()`,
    );
  await expect.poll(at).not.toBeNull();
  const p = (await at())!;
  await page.mouse.click(p.x, p.y);
  const rows = page.getByTestId('incident-chooser').getByTestId('incident-choice');
  await expect(rows).toHaveCount(5);
  const texts = await rows.allInnerTexts();
  const days = texts.map((s) => /(\d+) February 2020/.exec(s)?.[1]);
  expect(days).toEqual(['20', '19', '18', '17', '16']);
  for (const s of texts) {
    expect(s).toContain('Test copy: an incident at Khan Shaykhun');
    expect(s).toMatch(/ · Khan Shaykhun · Killed: (not reported|[\d,–]+)/);
  }
  // who reports each: the seed's claimants by name
  expect(texts.join('\n')).toContain('Russian Ministry of Defence');
  await page.screenshot({ path: `${SHOTS}/group-chooser.png` });
  await rows.first().click();
  await expect(page.getByTestId('incident-details')).toBeVisible();
});
