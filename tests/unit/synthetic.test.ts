import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIncident } from '@/lib/db/incident-read';
import { getPlace } from '@/lib/db/places';
import { hasSyntheticData } from '@/lib/db/catalog';
import { listIncidents } from '@/lib/db/incident-lists';
import type { Db } from '@/lib/db/store';
import { sumIncidents } from '@/lib/domain/casualties';
import { fillSynthetic } from '@/lib/synthetic/fill';
import { storeEngines } from '../engines';

const engines = storeEngines('synthetic');

describe.each(engines)('synthetic data on $name', ({ open }) => {
  let db: Db | null = null;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  const count = async (sql: string) => Number((await (db as Db).query<{ n: number }>(sql))[0]?.n);

  it('is marked: before any, the store says it holds none; after, every source it cites says it is synthetic', async (ctx) => {
    if (!db) return ctx.skip();
    expect(await hasSyntheticData(db)).toBe(false);
    const report = await fillSynthetic(db, { count: 2500, seed: 7 });
    expect(report).toMatchObject({ incidents: 2500, places: 25 });
    expect(await hasSyntheticData(db)).toBe(true);
    expect(await count("SELECT count(*)::int AS n FROM incidents WHERE id LIKE 'syn-7-%'")).toBe(2500);
    expect(await count("SELECT count(*)::int AS n FROM claims WHERE incident_id LIKE 'syn-7-%'")).toBe(report.claims);
    expect(report.claims).toBeGreaterThan(2500);
    expect(report.claims).toBeLessThanOrEqual(7500);
    // every claimant of a synthetic incident is a synthetic source
    expect(
      await count(
        "SELECT count(*)::int AS n FROM claims c JOIN sources s ON s.id = c.claimant_id WHERE c.incident_id LIKE 'syn-7-%' AND NOT s.synthetic",
      ),
    ).toBe(0);
    // the seed is untouched
    expect(await count("SELECT count(*)::int AS n FROM incidents WHERE id NOT LIKE 'syn-%'")).toBe(6);
  });

  it('is the same for the same seed, replacing what that seed made; another seed makes other incidents', async (ctx) => {
    if (!db) return ctx.skip();
    const before = await getIncident(db, 'syn-7-1234');
    await fillSynthetic(db, { count: 2500, seed: 7 });
    const after = await getIncident(db, 'syn-7-1234');
    const { updatedAt: _a, ...a } = before ?? ({} as NonNullable<typeof before>);
    const { updatedAt: _b, ...b } = after ?? ({} as NonNullable<typeof after>);
    expect(b).toEqual(a);
    expect(await count("SELECT count(*)::int AS n FROM incidents WHERE id LIKE 'syn-7-%'")).toBe(2500);
    await fillSynthetic(db, { count: 300, seed: 8 });
    expect((await getIncident(db, 'syn-8-100'))?.claims).not.toEqual((await getIncident(db, 'syn-7-100'))?.claims);
  });

  it('has the overlaps and disagreements the sums must handle: day tolls counted in another incident, contested claims', async (ctx) => {
    if (!db) return ctx.skip();
    // every hundredth incident is a day toll that counts the dead of the one before again
    let checked = 0;
    for (let i = 100; i < 2500; i += 100) {
      const tally = await getIncident(db, `syn-7-${i}`);
      const previous = await getIncident(db, `syn-7-${i - 1}`);
      if (!tally || !previous) throw new Error('missing synthetic incidents');
      const counted = tally.claims.flatMap((c) => c.casualties.filter((l) => l.countedIn));
      expect(counted.map((l) => l.countedIn)).toEqual([`syn-7-${i - 1}`]);
      const figure = counted[0]?.killed?.low ?? 0;
      if (figure === 0) continue;
      // summed together, those dead are counted once, not twice
      const together = sumIncidents([tally, previous]).killed?.high ?? 0;
      const apart = (sumIncidents([tally]).killed?.high ?? 0) + (sumIncidents([previous]).killed?.high ?? 0);
      expect(together).toBeLessThan(apart);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
    const page = await listIncidents(db, { limit: 500, places: undefined, q: 'synthetic incident' });
    expect(page.incidents.some((i) => i.contested.length > 0)).toBe(true);
  });

  it('pages its busiest place whole: every incident once, oldest first, the total and the toll those of the place', async (ctx) => {
    if (!db) return ctx.skip();
    const store = db;
    const [busiest] = await store.query<{ place_id: string; n: number }>(
      "SELECT place_id, count(*)::int AS n FROM incidents WHERE id LIKE 'syn-7-%' GROUP BY place_id ORDER BY n DESC, place_id LIMIT 1",
    );
    if (!busiest) throw new Error('no synthetic place');
    expect(busiest.n).toBeGreaterThan(100);
    const seen: string[] = [];
    const dates: string[] = [];
    let cursor: { date: string; id: string } | undefined;
    for (let page = 0; page < 100; page++) {
      const detail = await getPlace(store, busiest.place_id, { limit: 37, ...(cursor ? { cursor } : {}) });
      if (!detail) throw new Error('place vanished');
      expect(detail.incidents.total).toBe(busiest.n);
      expect(detail.incidents.items.length).toBeLessThanOrEqual(37);
      seen.push(...detail.incidents.items.map((i) => i.id));
      dates.push(...detail.incidents.items.map((i) => i.date));
      if (!detail.incidents.next) break;
      cursor = detail.incidents.next;
    }
    expect(seen.length).toBe(busiest.n);
    expect(new Set(seen).size).toBe(busiest.n);
    expect(dates).toEqual([...dates].sort());
    // the stored toll is the domain's sum over the place's incidents, read whole
    const whole = await Promise.all(seen.map((id) => getIncident(store, id)));
    const detail = await getPlace(store, busiest.place_id);
    expect(detail?.casualties).toEqual(sumIncidents(whole.flatMap((i) => (i ? [i] : []))));
  });
});
