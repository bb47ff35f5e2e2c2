import circle from '@turf/circle';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { GeoPrecision } from '../lib/domain/schema';

/**
 * How far from its point an incident may have happened, by geo precision (ACLED's scale):
 * 1, the town itself (no area drawn); 2, near the town (a few kilometres: a disc of this radius);
 * 3, somewhere in the province: drawn as the governorate itself (`governoratesContaining`), never
 * as a disc, which would wash a province-sized grey over the map.
 */
export const TOWN_RADIUS_KM = 6;

export interface Located {
  id: string;
  lon: number;
  lat: number;
  geoPrecision: GeoPrecision;
}

/** One disc per distinct point of the incidents located near a town (precision 2): the areas the map shades. */
export function precisionAreas(items: readonly Located[]): FeatureCollection<Polygon, { precision: GeoPrecision; incidentIds: string[] }> {
  const byKey = new Map<string, { item: Located; ids: string[] }>();
  for (const it of items) {
    if (it.geoPrecision !== 2) continue;
    const key = `${it.lon},${it.lat}`;
    const entry = byKey.get(key) ?? { item: it, ids: [] };
    entry.ids.push(it.id);
    byKey.set(key, entry);
  }
  const features: Feature<Polygon, { precision: GeoPrecision; incidentIds: string[] }>[] = [...byKey.values()].map(({ item, ids }) =>
    circle([item.lon, item.lat], TOWN_RADIUS_KM, {
      steps: 64,
      units: 'kilometers',
      properties: { precision: item.geoPrecision, incidentIds: ids },
    }),
  );
  return { type: 'FeatureCollection', features };
}
