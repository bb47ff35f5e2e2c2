/**
 * The one grouping (geo/grouping), checked on the drawn geometry: a few hundred incidents laid the
 * way real datasets lay them (most at a gazetteer town's point, some near it, some located only to
 * the province), at every zoom the map shows. Test data: generated here, never shown.
 */
import { describe, expect, it } from 'vitest';
import { expansionZoom, type GroupItem, groupMarks, type Mark } from '@/geo/grouping';
import placesJson from '@/geo/places-idlib.json';
import { groupRadiusPx, iconScaleAt, incidentRadiusPx, spreadOffsetPx } from '@/geo/symbols';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
// the synthetic data's seeded generator, so that a failure can be replayed
import { random } from '@/lib/synthetic/fill';

const towns = (placesJson as { id: string; lat: number; lon: number; kind: string }[]).filter((p) => p.kind !== 'governorate');

/** n incidents: 70% at a town's point (as ACLED and UCDP place most events), 20% within ~3 km of one, 10% at the province's anchor. */
function incidents(n: number, seed = 1): GroupItem[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const town = pick(towns);
    const kind = r();
    const province = kind >= 0.9;
    const near = kind >= 0.7 && !province;
    const toll = r() < 0.5 ? 0 : Math.floor(r() ** 3 * 120);
    return {
      id: `test-${String(i).padStart(4, '0')}`,
      lon: province ? 36.6 : town.lon + (near ? (r() - 0.5) * 0.06 : 0),
      lat: province ? 35.8 : town.lat + (near ? (r() - 0.5) * 0.06 : 0),
      province,
      eventType: pick(EVENT_TYPE_IDS),
      killedMax: toll,
      contested: r() < 0.1,
      highlighted: r() < 0.02,
    };
  });
}

/** Web Mercator pixels at zoom z (512-pixel world), as MapLibre draws. */
function px(lon: number, lat: number, z: number): [number, number] {
  const size = 512 * 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

/** Every disc the marks draw: its centre on screen, its radius, and which mark and class it belongs to. */
function discs(marks: Mark[], items: GroupItem[], z: number) {
  const scale = iconScaleAt(z);
  const byId = new Map(items.map((it) => [it.id, it]));
  return marks.map((m, i) => {
    const [x, y] = px(m.lon, m.lat, z);
    if (m.kind === 'group') return { mark: i, x, y, r: groupRadiusPx(m.killed) * scale, province: m.province };
    const it = byId.get(m.id) as GroupItem;
    const [dx, dy] = spreadOffsetPx(m.dir, m.d);
    return { mark: i, x: x + dx * scale, y: y + dy * scale, r: incidentRadiusPx(it.killedMax) * scale, province: it.province };
  });
}

const ZOOMS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

describe('grouping incidents on the map (geo/grouping)', () => {
  const items = incidents(400);

  it('draws no disc over another at any zoom, groups and incidents alike', () => {
    for (const z of ZOOMS) {
      const d = discs(groupMarks(items, z), items, z);
      const overlaps: string[] = [];
      for (const [i, a] of d.entries())
        for (const b of d.slice(i + 1))
          if (a.province === b.province && Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r)
            overlaps.push(
              `z${z}: ${a.x.toFixed(0)},${a.y.toFixed(0)} r${a.r.toFixed(0)} / ${b.x.toFixed(0)},${b.y.toFixed(0)} r${b.r.toFixed(0)}`,
            );
      expect(overlaps, `zoom ${z}`).toEqual([]);
    }
  });

  it('the check above fails on a fixed-radius grouping (discs sized by deaths collide), and ours draws them apart', () => {
    // two heavy incidents 30 px apart at zoom 8: a 20-pixel clustering radius leaves both, and their 24-pixel discs overlap
    const [x, y] = px(36.6, 35.9, 8);
    const lonOf = (xx: number) => (xx / (512 * 2 ** 8)) * 360 - 180;
    const pair: GroupItem[] = [0, 30].map((dx, i) => ({
      id: `test-pair-${i}`,
      lon: lonOf(x + dx),
      lat: 35.9,
      province: false,
      eventType: 'battles',
      killedMax: 100,
      contested: false,
      highlighted: false,
    }));
    const alone: Mark[] = pair.map((it) => ({ kind: 'incident', id: it.id, lon: it.lon, lat: it.lat }));
    const [a, b] = discs(alone, pair, 8);
    expect(a && b && Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r).toBe(true);
    expect(y).toBeGreaterThan(0);
    // ours spreads the two around the point between them, clear of each other
    const ours = groupMarks(pair, 8);
    expect(ours.map((m) => m.kind)).toEqual(['incident', 'incident']);
    const [c, e] = discs(ours, pair, 8);
    expect(c && e && Math.hypot(c.x - e.x, c.y - e.y)).toBeGreaterThanOrEqual(48);
  });

  it('holds every incident exactly once, at every zoom', () => {
    for (const z of ZOOMS) {
      const ids = groupMarks(items, z).flatMap((m) => (m.kind === 'group' ? m.ids : [m.id]));
      expect(ids.length, `zoom ${z}`).toBe(items.length);
      expect(new Set(ids).size).toBe(items.length);
    }
  });

  it('gives the same marks whatever order the incidents come in', () => {
    const shuffled = [...items].sort(
      (a, b) => ((a.killedMax * 7919 + a.id.length) % 13) - ((b.killedMax * 7919 + b.id.length) % 13) || (a.id < b.id ? 1 : -1),
    );
    for (const z of [6, 9, 12]) expect(groupMarks(shuffled, z)).toEqual(groupMarks(items, z));
  });

  it('never puts an incident located only to its province into a town’s group', () => {
    const province = new Set(items.filter((it) => it.province).map((it) => it.id));
    for (const z of ZOOMS)
      for (const m of groupMarks(items, z))
        if (m.kind === 'group')
          expect(
            m.ids.every((id) => province.has(id)),
            `zoom ${z}`,
          ).toBe(m.province);
  });

  it('groups fewer marks as the map zooms in', () => {
    const counts = ZOOMS.map((z) => groupMarks(items, z).length);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1] as number);
    expect(counts[0]).toBeLessThan(counts.at(-1) as number);
  });

  it('carries a group’s deaths, rings and type mix from its incidents', () => {
    const groups = groupMarks(items, 6).filter((m) => m.kind === 'group');
    expect(groups.length).toBeGreaterThan(0);
    const byId = new Map(items.map((it) => [it.id, it]));
    for (const g of groups) {
      const members = g.ids.map((id) => byId.get(id) as GroupItem);
      expect(g.killed).toBe(members.reduce((s, it) => s + it.killedMax, 0));
      expect(g.contested).toBe(members.some((it) => it.contested));
      expect(g.highlighted).toBe(members.some((it) => it.highlighted));
      expect(Object.values(g.types).reduce((a, b) => a + b, 0)).toBe(members.length);
    }
  });
});

describe('a town’s incidents at one point', () => {
  const at = (n: number, province = false): GroupItem[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `test-town-${i}`,
      lon: 36.63393,
      lat: 35.93062,
      province,
      eventType: 'explosions-remote-violence',
      killedMax: i,
      contested: false,
      highlighted: false,
    }));

  it('two or three are spread around it at every zoom, each its own mark', () => {
    for (const z of ZOOMS) {
      const marks = groupMarks(at(3), z);
      expect(marks.map((m) => m.kind)).toEqual(['incident', 'incident', 'incident']);
      expect(new Set(marks.map((m) => (m.kind === 'incident' ? m.dir : -1))).size).toBe(3);
    }
  });

  it('four to eight are one group up to zoom 11, spread beyond; nine stay a group', () => {
    expect(groupMarks(at(5), 11).map((m) => m.kind)).toEqual(['group']);
    expect(groupMarks(at(5), 12).every((m) => m.kind === 'incident')).toBe(true);
    expect(groupMarks(at(9), 14).map((m) => m.kind)).toEqual(['group']);
    // located only to the province: grouped at every zoom
    expect(groupMarks(at(5, true), 14).map((m) => m.kind)).toEqual(['group']);
  });

  it('a group at one point is listed rather than zoomed into; one of several points opens where it comes apart', () => {
    const town = at(5);
    expect(
      expansionZoom(
        town,
        town.map((it) => it.id),
        8,
        14,
      ),
    ).toBeNull();
    // the two Al-Nayrabs, 23 km apart: one group when the map shows Syria, apart closer in
    const nayrabs: GroupItem[] = [
      { ...(town[0] as GroupItem), id: 'test-nayrab-idlib', lon: 36.71867, lat: 35.86955, killedMax: 30 },
      { ...(town[0] as GroupItem), id: 'test-nayrab-aleppo', lon: 37.2233, lat: 36.1813, killedMax: 30 },
      ...at(3).map((it) => ({ ...it, lon: 36.71867, lat: 35.86955 })),
    ];
    const wide = groupMarks(nayrabs, 4);
    expect(wide.map((m) => m.kind)).toEqual(['group']);
    const open = expansionZoom(
      nayrabs,
      nayrabs.map((it) => it.id),
      4,
      14,
    );
    expect(open).not.toBeNull();
    expect(groupMarks(nayrabs, open as number).length).toBeGreaterThan(1);
    expect(groupMarks(nayrabs, (open as number) - 1).length).toBe(1);
  });
});
