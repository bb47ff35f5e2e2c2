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
