import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Incident } from '@/lib/domain/schema';
import { groupRadiusPx, typeShares } from '@/geo/symbols';
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
const copyAt = (id: string, from: string): Incident => {
  const i = structuredClone(seed.incidents.find((x) => x.id === from) as Incident);
  return {
    ...i,
    id,
    place: 'nayrab-idlib',
    geoPrecision: 1,
    locationNote: null,
    title: { en: `Test copy of “${i.title.en}”`, fr: `Copie de test de « ${i.title.fr} »` },
    claims: i.claims.map((c, n) => ({ ...c, id: `${id}-claim-${n}`, casualties: c.casualties.map((l) => ({ ...l, countedIn: null })) })),
  };
};

test.beforeAll(async () => {
  server = await startServer(3309, { PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-groups-')), EDITOR_TOKEN: TOKEN });
  for (const [id, from] of [
    ['test-copy-air-strike', 'idlib-2020-02-20-air-strike-turkish-soldiers'],
    ['test-copy-qminas', 'idlib-2020-02-20-qminas-attack'],
  ] as const) {
    const res = await fetch(`${server.url}/api/incidents/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(copyAt(id, from)),
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
    mapEval<{ point_count: number; killed: number }[]>(
      page,
      `map.queryRenderedFeatures({ layers: ['incident-clusters'] }).map((f) => f.properties)`,
    );
  await expect.poll(() => group().then((g) => g.map((f) => f.point_count))).toEqual([4]);
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
