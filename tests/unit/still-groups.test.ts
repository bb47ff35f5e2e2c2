import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { Feature, IncidentDetailProps } from '@/lib/incident/geojson';
import type { BasemapGeography } from '@/geo/basemap-style';
import { PALETTES } from '@/geo/palette';
import { groupRadiusPx } from '@/geo/symbols';
import { staticMapSvg } from '@/lib/still/draw';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const geography = new Proxy({}, { get: () => empty }) as BasemapGeography;

/** An incident at one point with only what the still image reads (the rest of the detail is not drawn). */
const incident = (id: string, eventType: string, killed: number): Feature<IncidentDetailProps> =>
  ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [36.72, 35.87] },
    properties: {
      eventType,
      geoPrecision: 1,
      killed: { low: killed, high: killed },
      contested: [],
      title: { en: id, fr: id },
      sources: [],
    },
  }) as unknown as Feature<IncidentDetailProps>;

/** An 800 × 520 still image in English of these incidents, framed on `bounds`. */
const still = (incidents: Feature<IncidentDetailProps>[], bounds: [number, number, number, number]) =>
  staticMapSvg({
    title: 'Test',
    credit: null,
    lang: 'en',
    palette: 'light',
    bounds,
    geography,
    places: [],
    incidents,
    highlighted: [],
    width: 800,
    height: 520,
  });

describe('a group in a still image', () => {
  it('is drawn as the live map draws it: its ring split by type, its size from its deaths, its count', () => {
    const incidents = [
      incident('a', 'battles', 10),
      incident('b', 'battles', 0),
      incident('c', 'battles', 5),
      incident('d', 'explosions-remote-violence', 1),
    ];
    const svg = still(incidents, [36.5, 35.7, 36.9, 36.0]);
    const r = groupRadiusPx(16);
    // the group's disc at that radius, with its count
    expect(svg).toMatch(new RegExp(`<circle [^>]*r="${r}" fill="${PALETTES.light.clusterFill}"`));
    expect(svg).toMatch(/>4<\/text>/);
    // two arcs, one per type, in the types' colours, 4 px wide inside the edge
    const arcs = [...svg.matchAll(/<path d="M [^"]* A (\d+) \d+ [^"]*" fill="none" stroke="(#[0-9a-f]+)" stroke-width="4"\/>/g)];
    expect(arcs.map((m) => m[2]).sort()).toEqual([PALETTES.light.types.battles, PALETTES.light.types['explosions-remote-violence']].sort());
    for (const m of arcs) expect(Number(m[1])).toBe(r - 2);
  });
});

describe('incidents in a still image at a country’s scale', () => {
  it('are grouped as the live map groups them (geo/grouping): no symbol drawn over another', () => {
    // four towns a few kilometres apart, heavy tolls: at this scale their discs would overlap
    const at = (id: string, lon: number, lat: number, killed: number) => {
      const f = incident(id, 'battles', killed);
      return { ...f, geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] } };
    };
    const incidents = [at('a', 36.63, 35.93, 60), at('b', 36.66, 35.95, 80), at('c', 36.72, 35.87, 0), at('d', 37.2, 36.18, 30)];
    const svg = still(incidents, [35.5, 34.5, 38.5, 37]);
    // the symbols' discs (not the rings, drawn without fill, nor place dots)
    const discs = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="#[0-9a-f]+"/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      r: Number(m[3]),
    }));
    expect(discs.length).toBeGreaterThan(1);
    for (const [i, p] of discs.entries())
      for (const q of discs.slice(i + 1)) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(p.r + q.r);
  });
});
