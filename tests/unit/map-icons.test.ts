import { describe, expect, it } from 'vitest';
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { discImage, discRadius, mixOfName } from '@/components/map-icons';
import { overlayLayers } from '@/components/map-layers';
import { PALETTES } from '@/geo/palette';
import { type GroupItem, groupMarks } from '@/geo/grouping';
import { groupRadiusPx, incidentRadiusPx, spreadOffsetPx, typeArcs, typeShares } from '@/geo/symbols';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';

describe('incident symbols', () => {
  it('sizes an incident by the square root of its highest death toll: 7 px for none, 10 for 4, 24 from 100', () => {
    expect([0, 4, 27, 100, 5000].map(incidentRadiusPx)).toEqual([7, 10, 16, 24, 24]);
  });

  it('draws a disc as a signed distance field: opaque inside, 0.75 at its edge, fading by 1/8 a pixel outward', () => {
    const img = discImage(10);
    // the disc and 4 px around it: the widest halo the map draws (3 px) and its smoothing
    expect(img.width).toBe(28);
    const alpha = (x: number, y: number) => img.data[(y * img.width + x) * 4 + 3]!;
    expect(alpha(14, 14)).toBe(255);
    // 10 px from the centre is the edge (0.75); 3.5 px further the field is down to 0.31
    expect(Math.abs(alpha(24, 14) - 0.75 * 255)).toBeLessThan(20);
    expect(Math.abs(alpha(27, 14) - 0.3125 * 255)).toBeLessThan(3);
    expect(discRadius('disc-12')).toBe(12);
    expect(discRadius('disc-x')).toBeNull();
    expect(discRadius('marker-12')).toBeNull();
  });

  it('spreads the incidents sharing one point so that none overlaps another, and leaves alone those alone', () => {
    const at = (id: string, [lon, lat]: [number, number], killedMax: number, province = false): GroupItem => ({
      id,
      lon,
      lat,
      province,
      eventType: 'battles',
      killedMax,
      contested: false,
      highlighted: false,
    });
    const nayrab: [number, number] = [36.71867, 35.86955];
    const gov: [number, number] = [36.6, 35.8];
    const items = [
      at('a', nayrab, 0),
      at('b', nayrab, 40),
      at('c', gov, 0, true),
      at('d', gov, 20, true),
      at('e', gov, 20, true),
      at('f', [36.56, 35.98], 0),
    ];
    const marks = groupMarks(items, 12);
    const f = marks.find((m) => m.kind === 'incident' && m.id === 'f');
    expect(f && f.kind === 'incident' && f.dir).toBeUndefined();
    const r = new Map(items.map((i) => [i.id, incidentRadiusPx(i.killedMax)]));
    for (const key of [nayrab, gov]) {
      const group = marks.flatMap((m) => (m.kind === 'incident' && m.lon === key[0] && m.lat === key[1] ? [m] : []));
      expect(group.length).toBeGreaterThan(1);
      const xy = group.map((m) => ({ id: m.id, xy: spreadOffsetPx(m.dir, m.d), r: r.get(m.id) ?? 0 }));
      for (const p of xy)
        for (const q of xy) {
          if (p.id >= q.id) continue;
          const gap = Math.hypot(p.xy[0] - q.xy[0], p.xy[1] - q.xy[1]) - p.r - q.r;
          expect(gap, `${p.id}–${q.id}`).toBeGreaterThanOrEqual(0);
        }
    }
  });
});

describe('groups of incidents', () => {
  it('sizes a group by the deaths its incidents report: 14 px for none, 26 from 100', () => {
    expect([0, 1, 4, 27, 100, 5000].map(groupRadiusPx)).toEqual([14, 15, 16, 20, 26, 26]);
  });

  it('splits a group’s ring between its types in twelfths, a lone incident of a type still shown', () => {
    expect(typeShares([3, 1, 0, 0, 0, 0])).toEqual([9, 3, 0, 0, 0, 0]);
    expect(typeShares([99, 1, 0, 0, 0, 0])).toEqual([12, 1, 0, 0, 0, 0]);
    expect(typeShares([0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0, 0]);
    const arcs = typeArcs([9, 1, 0, 0, 0, 2]);
    expect(arcs.map((a) => a.index)).toEqual([0, 1, 5]);
    // clockwise from straight up, the whole turn, in proportion
    expect(arcs[0]!.start).toBeCloseTo(-Math.PI / 2);
    expect(arcs.at(-1)!.end).toBeCloseTo((3 * Math.PI) / 2);
    expect(arcs[0]!.end - arcs[0]!.start).toBeCloseTo((2 * Math.PI * 9) / 12);
  });

  it('names the same ring image in the map’s expression as the functions above compute', () => {
    const layer = overlayLayers(PALETTES.light, 'en').find((l) => l.id === 'incident-clusters-types') as {
      layout: { 'icon-image': unknown };
    };
    const image = createExpression(layer.layout['icon-image'], 'layers[incident-clusters-types].layout.icon-image');
    if (image.result !== 'success') throw new Error(JSON.stringify(image.value));
    for (const counts of [
      [3, 1, 0, 0, 0, 0],
      [0, 5, 0, 0, 2, 0],
      [40, 0, 0, 0, 0, 0],
    ]) {
      const killed = counts[0]! * 3;
      const properties = {
        count: counts.reduce((a, b) => a + b, 0),
        killed,
        ...Object.fromEntries(EVENT_TYPE_IDS.map((type, i) => [`type_${type}`, counts[i]])),
      };
      const name = image.value.evaluate({ zoom: 8 }, { type: 'Point', properties } as never) as string;
      expect(name).toBe(`mix-${groupRadiusPx(killed)}-${typeShares(counts).join('.')}`);
      expect(mixOfName(name)).toEqual({ r: groupRadiusPx(killed), shares: typeShares(counts) });
    }
    expect(mixOfName('mix-x-1.2')).toBeNull();
    expect(mixOfName('disc-12')).toBeNull();
  });
});
