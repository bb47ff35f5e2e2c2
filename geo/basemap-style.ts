import type { StyleSpecification } from 'maplibre-gl';
import { PALETTES, type PaletteName } from './palette';

export type Lang = 'fr' | 'en';

export interface BasemapOptions {
  palette: PaletteName;
  lang: Lang;
  /** absolute origin the assets are served from, e.g. "http://localhost:3000" (workers need absolute URLs) */
  origin: string;
  /** the geography itself, when the page carries it (an embed): no requests for it then */
  geography?: BasemapGeography | null;
}

/** The basemap's GeoJSON layers, as the build writes them (public/generated/basemap/{name}.geojson). */
export const BASEMAP_LAYERS = ['land', 'borders', 'country-labels'] as const;
export type BasemapGeography = Record<(typeof BASEMAP_LAYERS)[number], GeoJSON.FeatureCollection>;

/** The font stack map labels use; `font-faces` maps it to local files per script, so no glyph server is needed. */
export const LABEL_FONT = 'Noto Sans Regular';

/** The label font's files (public/generated/fonts/{name}.woff2), each for the scripts it covers. */
const LABEL_FONT_FILES = {
  'noto-sans-latin-400': [
    'U+0000-00FF',
    'U+0131',
    'U+0152-0153',
    'U+02BB-02BC',
    'U+02C6',
    'U+02DA',
    'U+02DC',
    'U+2000-206F',
    'U+20AC',
    'U+2122',
    'U+2212',
  ],
  'noto-sans-latin-ext-400': ['U+0100-02AF', 'U+1E00-1EFF', 'U+2C60-2C7F', 'U+A720-A7FF'],
  'noto-sans-arabic-400': ['U+0600-06FF', 'U+0750-077F', 'U+0870-08FF', 'U+FB50-FDFF', 'U+FE70-FEFF'],
} as const;

/**
 * The font files every offline map draws with, as paths: Latin for names and numbers, Arabic for
 * the Arabic name under each place. A page can fetch them ahead of the map (<link rel=preload>),
 * which otherwise asks for them only once its labels are laid out.
 */
export const ESSENTIAL_FONT_PATHS = ['noto-sans-latin-400', 'noto-sans-arabic-400'].map((name) => `/generated/fonts/${name}.woff2`);

/**
 * The offline basemap: sea, land and borders clipped from Natural Earth at build time, country
 * names in the page's language. Everything it loads comes from our own origin.
 */
export function basemapStyle({ palette, lang, origin, geography = null }: BasemapOptions): StyleSpecification {
  const c = PALETTES[palette];
  const asset = (p: string) => `${origin}/generated/${p}`;
  return {
    version: 8,
    name: `offline-${palette}-${lang}`,
    'font-faces': {
      [LABEL_FONT]: Object.entries(LABEL_FONT_FILES).map(([name, ranges]) => ({
        url: asset(`fonts/${name}.woff2`),
        'unicode-range': [...ranges],
      })),
    },
    sources: {
      land: { type: 'geojson', data: geography?.land ?? asset('basemap/land.geojson') },
      borders: { type: 'geojson', data: geography?.borders ?? asset('basemap/borders.geojson') },
      'country-labels': { type: 'geojson', data: geography?.['country-labels'] ?? asset('basemap/country-labels.geojson') },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': c.sea } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': c.land } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': c.border, 'line-width': 1.2, 'line-dasharray': [3, 2] } },
      {
        id: 'country-labels',
        type: 'symbol',
        source: 'country-labels',
        layout: {
          'text-field': ['get', lang],
          'text-font': [LABEL_FONT],
          'text-size': 15,
          'text-letter-spacing': 0.2,
          'text-transform': 'uppercase',
        },
        paint: { 'text-color': c.countryLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
      },
    ],
  };
}
