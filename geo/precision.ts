import circle from '@turf/circle';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { GeoPrecision } from '../lib/domain/schema';

/**
 * How far from its point an incident may have happened, by geo precision (ACLED's scale):
 * 1, the town itself (no area drawn); 2, near the town (a few kilometres); 3, somewhere in the
 * province. Idlib governorate covers about 6,100 km², the area of a circle of radius ~44 km.
 */
export const PRECISION_RADIUS_KM: Record<GeoPrecision, number> = { 1: 0, 2: 6, 3: 44 };

export interface Located {
  id: string;
  lon: number;
  lat: number;
  geoPrecision: GeoPrecision;
}

/** One polygon per distinct (point, precision) with a non-zero radius: the areas the map shades. */
export function precisionAreas(items: readonly Located[]): FeatureCollection<Polygon, { precision: GeoPrecision; incidentIds: string[] }> {
  const byKey = new Map<string, { item: Located; ids: string[] }>();
  for (const it of items) {
    if (PRECISION_RADIUS_KM[it.geoPrecision] === 0) continue;
    const key = `${it.lon},${it.lat},${it.geoPrecision}`;
    const entry = byKey.get(key) ?? { item: it, ids: [] };
    entry.ids.push(it.id);
    byKey.set(key, entry);
  }
  const features: Feature<Polygon, { precision: GeoPrecision; incidentIds: string[] }>[] = [...byKey.values()].map(({ item, ids }) =>
    circle([item.lon, item.lat], PRECISION_RADIUS_KM[item.geoPrecision], {
      steps: 64,
      units: 'kilometers',
      properties: { precision: item.geoPrecision, incidentIds: ids },
    }),
  );
  return { type: 'FeatureCollection', features };
}
