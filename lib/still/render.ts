import 'server-only';
import { LRUCache } from 'lru-cache';
import type { Feature } from '@/lib/incident/geojson';
import { type PlacePointProps, placeFeature } from '@/lib/api/geojson';
import { listLabelPlaces } from '@/lib/db/places';
import type { Db } from '@/lib/db/store';
import type { View } from '@/lib/domain/view';
import { viewText } from '@/lib/i18n/text';
import type { Lang } from '@/lib/i18n/messages';
import { type StillIncidentProps, stillIncident } from '@/lib/incident/geojson';
import { drawStill } from '@/lib/still/raster';
import { viewIncidents, viewSnapshot } from '@/lib/views/incidents';

type StillData = { incidents: Feature<StillIncidentProps>[]; places: Feature<PlacePointProps>[] };

/** Incidents a part of a still's read holds: short parts, the requests that came meanwhile answered between them. */
const STILL_PAGE = 50;

// what a view's stills are drawn from, read once for all its sizes, languages and formats (one
// view has about a hundred), kept by the store's version
const KEY = Symbol.for('conflict-map.still-data');
type Holder = { [KEY]?: LRUCache<string, Promise<StillData>> };
const kept = () => ((globalThis as Holder)[KEY] ??= new LRUCache<string, Promise<StillData>>({ max: 64 }));

/** A view's incidents (its snapshot when pinned; only those within its bounds) and places to label. */
function stillData(db: Db, view: View, version: string): Promise<StillData> {
  // any change to the view raises the store's version too
  const key = JSON.stringify([view.id, version]);
  let data = kept().get(key);
  if (!data) {
    data = (async () => {
      const snapshot = view.pinned ? await viewSnapshot(db, view.id) : null;
      const [incidents, places] = await Promise.all([
        snapshot ? snapshot.incidents : viewIncidents(db, view.spec, { bbox: view.spec.bounds ?? undefined, partSize: STILL_PAGE }),
        listLabelPlaces(db, view.spec.bounds ?? null),
      ]);
      // only what is drawn is kept, and sent to the worker
      return { incidents: incidents.map(stillIncident), places: places.map(placeFeature) };
    })();
    kept().set(key, data);
    data.catch(() => kept().delete(key));
  }
  return data;
}

/**
 * A view's still image: its snapshot when pinned, else the current incidents. The data is read
 * here (once per view and store version); drawing and rasterising are the worker's
 * (lib/still/raster.ts), off the request thread.
 */
export async function viewStill(
  db: Db,
  view: View,
  version: string,
  opts: { lang?: Lang; width?: number; height?: number; png: boolean },
): Promise<{ svg: string; png: Uint8Array | null }> {
  const { incidents, places } = await stillData(db, view, version);
  const lang = opts.lang ?? view.spec.lang;
  return drawStill(
    {
      title: viewText(view.spec.title, lang, view.spec.lang) ?? '',
      credit: viewText(view.spec.credit, lang, view.spec.lang) ?? null,
      lang,
      palette: view.spec.theme === 'dark' ? 'dark' : 'light',
      bounds: view.spec.bounds,
      places,
      incidents,
      highlighted: view.spec.highlighted,
      width: opts.width ?? 800,
      height: opts.height ?? 520,
    },
    { png: opts.png },
  );
}
