import { bboxClip, centerOfMass, area } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';

type BBox = [number, number, number, number];

/** Clips polygons and lines to a box, dropping whatever falls wholly outside it. */
export function clipToRegion(fc: FeatureCollection, bbox: BBox): FeatureCollection {
  const features: Feature[] = [];
  for (const f of fc.features) {
    const g = f.geometry as Geometry | null;
    if (!g || !['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString'].includes(g.type)) continue;
    const clipped = bboxClip(f as Feature<Polygon | MultiPolygon>, bbox);
    const coords = clipped.geometry.coordinates as unknown[];
    const empty = coords.length === 0 || coords.every((c) => Array.isArray(c) && c.length === 0);
    if (!empty) features.push({ ...clipped, id: f.id });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Clips to the part of `outer` that lies outside `inner`, as four bands around it (left, right,
 * and the middle's bottom and top): a coarse layer drawn only where the detailed one has no data.
 */
export function clipOutside(fc: FeatureCollection, outer: BBox, inner: BBox): FeatureCollection {
  const [W, S, E, N] = outer;
  const [w, s, e, n] = inner;
  const bands: BBox[] = [
    [W, S, w, N],
    [e, S, E, N],
    [w, S, e, s],
    [w, n, e, N],
  ];
  return { type: 'FeatureCollection', features: bands.flatMap((b) => clipToRegion(fc, b).features) };
}

/** Rounds every coordinate to `decimals` places (4: about 10 m, finer than any layer drawn here). */
export function roundCoordinates<T extends FeatureCollection>(fc: T, decimals: number): T {
  const k = 10 ** decimals;
  const round = (c: unknown): unknown => (typeof c === 'number' ? Math.round(c * k) / k : Array.isArray(c) ? c.map(round) : c);
  return {
    ...fc,
    features: fc.features.map((f) => {
      const g = f.geometry as Geometry & { coordinates?: unknown };
      return g && 'coordinates' in g ? { ...f, geometry: { ...g, coordinates: round(g.coordinates) } } : f;
    }),
  };
}

/** A point to hang a label on: the centre of mass of the largest part of a (multi)polygon. */
export function labelPoint(f: Feature): Point {
  const g = f.geometry;
  if (g.type === 'MultiPolygon') {
    const parts = g.coordinates.map((c) => ({ type: 'Polygon' as const, coordinates: c }));
    const largest = parts.reduce((a, b) => (area(a) >= area(b) ? a : b));
    return centerOfMass(largest).geometry;
  }
  return centerOfMass(f).geometry;
}
