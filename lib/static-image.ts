import path from 'node:path';
import { placeFeature } from './api/geojson';
import { basemapGeography } from './basemap-files';
import { listPlaceRecords } from './db/queries';
import type { Db } from './db/store';
import { getSnapshot, viewIncidents } from './db/views';
import type { View } from './domain/view';
import type { Lang } from './i18n/messages';
import { staticMapSvg } from '../geo/static-map';

/** A view's still image: its snapshot when pinned, else the current incidents. */
export async function viewStaticSvg(db: Db, view: View, opts: { lang?: Lang; width?: number; height?: number } = {}): Promise<string> {
  const snapshot = view.pinned ? await getSnapshot(db, view.id) : null;
  const [incidents, places] = await Promise.all([snapshot ? snapshot.incidents : viewIncidents(db, view.spec), listPlaceRecords(db)]);
  const lang = opts.lang ?? view.spec.lang;
  return staticMapSvg({
    title: view.spec.title[lang] ?? view.spec.title.fr ?? view.spec.title.en ?? '',
    credit: view.spec.credit[lang] ?? null,
    lang,
    palette: view.spec.theme === 'dark' ? 'dark' : 'light',
    bounds: view.spec.bounds,
    land: basemapGeography().land,
    borders: basemapGeography().borders,
    places: places.map(placeFeature),
    incidents,
    highlighted: view.spec.highlighted,
    width: opts.width ?? 800,
    height: opts.height ?? 520,
  });
}

/** The same still image as PNG (social cards, print pipelines), rasterised by resvg with our own fonts. */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const fonts = path.join(process.cwd(), 'public', 'generated', 'fonts');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: {
      loadSystemFonts: false,
      fontFiles: [path.join(fonts, 'noto-sans-latin-400.ttf'), path.join(fonts, 'noto-sans-latin-ext-400.ttf')],
      defaultFontFamily: 'Noto Sans',
    },
  });
  return Buffer.from(resvg.render().asPng());
}
