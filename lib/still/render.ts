import 'server-only';
import { placeFeature } from '@/lib/api/geojson';
import { basemapGeography } from '@/lib/basemap-files';
import { listLabelPlaces } from '@/lib/db/queries';
import type { Db } from '@/lib/db/store';
import { viewIncidents, viewSnapshot } from '@/lib/views/incidents';
import type { View } from '@/lib/domain/view';
import { viewText } from '@/lib/i18n/text';
import type { Lang } from '@/lib/i18n/messages';
import { staticMapSvg } from '@/lib/still/draw';

/** A view's still image: its snapshot when pinned, else the current incidents. */
export async function viewStaticSvg(db: Db, view: View, opts: { lang?: Lang; width?: number; height?: number } = {}): Promise<string> {
  const snapshot = view.pinned ? await viewSnapshot(db, view.id) : null;
  const [incidents, places] = await Promise.all([
    snapshot ? snapshot.incidents : viewIncidents(db, view.spec),
    listLabelPlaces(db, view.spec.bounds ?? null),
  ]);
  const lang = opts.lang ?? view.spec.lang;
  return staticMapSvg({
    title: viewText(view.spec.title, lang, view.spec.lang) ?? '',
    credit: viewText(view.spec.credit, lang, view.spec.lang) ?? null,
    lang,
    palette: view.spec.theme === 'dark' ? 'dark' : 'light',
    bounds: view.spec.bounds,
    geography: basemapGeography(),
    places: places.map(placeFeature),
    incidents,
    highlighted: view.spec.highlighted,
    width: opts.width ?? 800,
    height: opts.height ?? 520,
  });
}
