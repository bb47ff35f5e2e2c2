import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { type Located, precisionAreas } from '@/geo/precision';

/**
 * The areas an incident may lie in, drawn only while it is selected or hovered: a disc around a
 * town for one located near it, its governorate for one located only to the province. The
 * governorates' outlines (92 KB) are fetched the first time one is needed, never with the page.
 */
export const AREA_SOURCES = { town: 'precision-areas', province: 'province-areas' } as const;

export const GOVERNORATES_PATH = '/generated/basemap/governorates.geojson';

type Governorates = FeatureCollection<Polygon | MultiPolygon, { pcode: string; en: string; ar: string }>;
let governorates: Promise<Governorates> | null = null;

/** The governorates holding any of these points (fetched once per page, from our own origin). */
async function governoratesContaining(points: readonly Located[]): Promise<Feature[]> {
  if (points.length === 0) return [];
  governorates ??= fetch(GOVERNORATES_PATH).then((r) => {
    if (!r.ok) throw new Error(`governorates: HTTP ${r.status}`);
    return r.json() as Promise<Governorates>;
  });
  const all = await governorates.catch(() => {
    governorates = null;
    return null;
  });
  return all ? all.features.filter((g) => points.some((p) => booleanPointInPolygon([p.lon, p.lat], g))) : [];
}

/** What the two area sources should hold for these incidents (the selected one and the hovered one). */
export async function areasOf(items: readonly Located[]): Promise<{ town: FeatureCollection; province: FeatureCollection }> {
  return {
    town: precisionAreas(items),
    province: { type: 'FeatureCollection', features: await governoratesContaining(items.filter((i) => i.geoPrecision === 3)) },
  };
}
