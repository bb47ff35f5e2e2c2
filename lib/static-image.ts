import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { placeFeature } from './api/geojson';
import { listPlaceRecords } from './db/queries';
import type { Db } from './db/store';
import { getSnapshot, viewIncidents } from './db/views';
import type { View } from './domain/view';
import type { Lang } from './i18n/messages';
import { staticMapSvg } from '../geo/static-map';

const cache = new Map<string, FeatureCollection>();

/** The clipped basemap geography that the build wrote into public/generated/basemap. */
function basemapLayer(name: 'land' | 'borders'): FeatureCollection {
  let fc = cache.get(name);
  if (!fc) {
    fc = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'public', 'generated', 'basemap', `${name}.geojson`), 'utf8')) as FeatureCollection;
    cache.set(name, fc);
  }
  return fc;
}

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
    land: basemapLayer('land'),
    borders: basemapLayer('borders'),
    places: places.map(placeFeature),
    incidents,
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
