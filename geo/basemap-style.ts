import type { LayerSpecification, StyleSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { PALETTES, type PaletteName } from './palette';

export type Lang = 'fr' | 'en' | 'ar';

export interface BasemapOptions {
  palette: PaletteName;
  lang: Lang;
  /** absolute origin the assets are served from, e.g. "http://localhost:3000" (workers need absolute URLs) */
  origin: string;
  /** the geography itself, when the page carries it (an embed): no requests for it then */
  geography?: Partial<BasemapGeography> | null;
}

/** The basemap's GeoJSON layers, as the build writes them (public/generated/basemap/{name}.geojson). */
export const BASEMAP_LAYERS = [
  'land-wide',
  'land',
  'urban',
  'lakes',
  'rivers',
  'admin1',
  'roads',
  'borders-wide',
  'borders',
  'country-labels-wide',
  'country-labels',
  // not drawn by the style: the locator inset's outline of Syria
  'syria-outline',
] as const;
export type BasemapGeography = Record<(typeof BASEMAP_LAYERS)[number], GeoJSON.FeatureCollection>;

/**
 * The layers a page carries in itself (an embed): the land, borders and country names of the first
 * frame, and the locator's outline. The others (governorate lines, roads, rivers, the wider land)
 * MapLibre's worker fetches beside them, off the page's main thread: carried inline they made the
 * embed's document three times larger and its first draw slower (bench:embed).
 */
export const INLINE_LAYERS = ['land', 'borders', 'country-labels', 'syria-outline'] as const;
export type InlineGeography = Pick<BasemapGeography, (typeof INLINE_LAYERS)[number]>;

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
 * The credit lines the basemap's open data asks for (geo/basemap-nw-syria/SOURCES.md, copied as
 * it requires), shown by the map's attribution control and under still images.
 */
export const BASEMAP_CREDITS = {
  naturalEarth: 'Made with Natural Earth.',
  boundaries: 'Boundaries: UN OCHA / UNCS, COD-AB Syria 2020-12-17 (CC BY 3.0 IGO).',
  roads: 'Roads and urban areas: Natural Earth.',
  water: 'Rivers and lakes: GSHHG 2.3.7 / CIA World Data Bank II (LGPL-3.0-or-later).',
  disclaimer:
    'The boundaries and names shown and the designations used on this map do not imply official endorsement or acceptance by the United Nations.',
} as const;

/** The basemap's credit line as its sources require it, in one piece. */
export function basemapCredit(): string {
  const { boundaries, roads, water, disclaimer, naturalEarth } = BASEMAP_CREDITS;
  return `${boundaries} ${roads} ${water} ${disclaimer} ${naturalEarth}`;
}

/**
 * The zooms each layer is drawn at. Roads, rivers and built-up areas cover north-western Syria
 * only (35.5–38°E, 34.8–37°N): they appear once the frame is about that size, so a country-wide
 * view shows no line ending in the middle of nowhere; their minor parts come a step later. Roads
 * are good to about zoom 9 (Natural Earth 1:10m through z7 tiles, ~370 m): they fade out past 11
 * rather than suggest which street an incident was on.
 */
const REGION_ZOOM = 7.5;
const DETAIL_ZOOM = 8.5;
const ROADS_UNTIL = 11.5;

/**
 * The offline basemap, drawn to stay behind the data: land and sea in calm tints (Natural Earth
 * 1:10m in the region, 1:50m around it), built-up areas a shade off the land, rivers and roads
 * thin and quiet (the M4 and M5 numbered), governorate lines clear but light, borders dashed,
 * country, river and road names in the page's language. Everything it loads comes from our own
 * origin; each source carries its credit for the attribution control.
 */
export function basemapStyle({ palette, lang, origin, geography = null }: BasemapOptions): StyleSpecification {
  const c = PALETTES[palette];
  const source = (name: (typeof BASEMAP_LAYERS)[number], attribution?: string) => ({
    type: 'geojson' as const,
    data: geography?.[name] ?? `${origin}/generated/basemap/${name}.geojson`,
    ...(attribution ? { attribution } : {}),
  });
  const label = { 'text-font': [LABEL_FONT] };
  return {
    version: 8,
    name: `offline-${palette}-${lang}`,
    'font-faces': {
      [LABEL_FONT]: Object.entries(LABEL_FONT_FILES).map(([name, ranges]) => ({
        url: `${origin}/generated/fonts/${name}.woff2`,
        'unicode-range': [...ranges],
      })),
    },
    sources: {
      // the whole credit line on one source of the first frame (splitBasemap), in the order SOURCES.md gives it
      'land-wide': source('land-wide'),
      land: source('land', basemapCredit()),
      urban: source('urban'),
      lakes: source('lakes'),
      rivers: source('rivers'),
      admin1: source('admin1'),
      roads: source('roads'),
      'borders-wide': source('borders-wide'),
      borders: source('borders'),
      'country-labels-wide': source('country-labels-wide'),
      'country-labels': source('country-labels'),
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': c.sea } },
      { id: 'land-wide', type: 'fill', source: 'land-wide', paint: { 'fill-color': c.land } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': c.land } },
      { id: 'urban', type: 'fill', source: 'urban', minzoom: REGION_ZOOM, paint: { 'fill-color': c.urban } },
      { id: 'lakes', type: 'fill', source: 'lakes', paint: { 'fill-color': c.water } },
      {
        id: 'rivers-minor',
        type: 'line',
        source: 'rivers',
        minzoom: DETAIL_ZOOM,
        filter: ['>=', ['get', 'level'], 3],
        paint: { 'line-color': c.river, 'line-width': 0.7 },
      },
      {
        id: 'rivers',
        type: 'line',
        source: 'rivers',
        minzoom: REGION_ZOOM,
        filter: ['any', ['<', ['get', 'level'], 3], ['has', 'en']],
        paint: { 'line-color': c.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.8, 10, 1.6] },
      },
      {
        id: 'admin1',
        type: 'line',
        source: 'admin1',
        paint: { 'line-color': c.admin1, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.6, 10, 1.2], 'line-dasharray': [6, 2] },
      },
      {
        id: 'roads-minor',
        type: 'line',
        source: 'roads',
        minzoom: DETAIL_ZOOM,
        maxzoom: ROADS_UNTIL,
        filter: ['!', ['get', 'major']],
        paint: { 'line-color': c.road, 'line-width': 0.8 },
      },
      {
        id: 'roads-major',
        type: 'line',
        source: 'roads',
        minzoom: REGION_ZOOM,
        maxzoom: ROADS_UNTIL,
        filter: ['get', 'major'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': c.roadMajor,
          'line-width': ['interpolate', ['linear'], ['zoom'], 7.5, 1, 10, 2],
          'line-opacity': ['interpolate', ['linear'], ['zoom'], 10.5, 1, 11.5, 0],
        },
      },
      {
        id: 'borders-wide',
        type: 'line',
        source: 'borders-wide',
        paint: { 'line-color': c.border, 'line-width': 1.2, 'line-dasharray': [3, 2] },
      },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': c.border, 'line-width': 1.2, 'line-dasharray': [3, 2] } },
      {
        id: 'river-labels',
        type: 'symbol',
        source: 'rivers',
        minzoom: DETAIL_ZOOM,
        filter: ['has', 'en'],
        layout: {
          ...label,
          'symbol-placement': 'line',
          'symbol-spacing': 400,
          'text-field': ['get', lang],
          'text-size': 11,
          'text-letter-spacing': 0.1,
          'symbol-sort-key': 20,
        },
        paint: { 'text-color': c.waterLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.2 },
      },
      {
        id: 'road-refs',
        type: 'symbol',
        source: 'roads',
        minzoom: REGION_ZOOM,
        maxzoom: 11,
        filter: ['has', 'ref'],
        layout: {
          ...label,
          'symbol-placement': 'line',
          // often, so that some survive the towns' names and dots, which are placed first
          'symbol-spacing': 160,
          'text-field': ['get', 'ref'],
          'text-size': 10,
          'text-rotation-alignment': 'viewport',
          'text-padding': 4,
          'symbol-sort-key': 10,
        },
        paint: { 'text-color': c.roadLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'country-labels-wide',
        type: 'symbol',
        source: 'country-labels-wide',
        maxzoom: 7,
        layout: countryLabelLayout(lang),
        paint: { 'text-color': c.countryLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'country-labels',
        type: 'symbol',
        source: 'country-labels',
        minzoom: 7,
        layout: countryLabelLayout(lang),
        paint: { 'text-color': c.countryLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
      },
    ],
  };
}

/** The sources of the basemap's first frame: enough to place the incidents (land, borders, country names). */
export const FIRST_FRAME_SOURCES: readonly string[] = ['land', 'borders', 'country-labels'];

/** A basemap layer added after the first frame, and the layer it goes under (null: under our overlay). */
export interface LaterLayer {
  layer: LayerSpecification;
  before: string | null;
}

/**
 * The basemap in two parts: the first frame (the sea, and the layers of FIRST_FRAME_SOURCES), with
 * which the map is created, and the rest (built-up areas, lakes, rivers, governorate lines, roads,
 * the wider land, their names), added once the incidents are drawn. Each layer costs the first
 * frame its source and, on a software GPU, a shader compile; the news comes first, the context a
 * moment later, each later layer in its place in the stack.
 */
export function splitBasemap(style: StyleSpecification): {
  first: StyleSpecification;
  later: { sources: StyleSpecification['sources']; layers: LaterLayer[] };
} {
  const inFirst = (l: LayerSpecification) => !('source' in l) || FIRST_FRAME_SOURCES.includes(String(l.source));
  const first = style.layers.filter(inFirst);
  const layers = style.layers.flatMap((layer, i): LaterLayer[] => {
    if (inFirst(layer)) return [];
    const next = style.layers.slice(i + 1).find(inFirst);
    return [{ layer, before: next?.id ?? null }];
  });
  const sources = Object.fromEntries(Object.entries(style.sources).filter(([id]) => !FIRST_FRAME_SOURCES.includes(id)));
  return {
    first: {
      ...style,
      sources: Object.fromEntries(Object.entries(style.sources).filter(([id]) => FIRST_FRAME_SOURCES.includes(id))),
      layers: first,
    },
    later: { sources, layers },
  };
}

function countryLabelLayout(lang: Lang): SymbolLayerSpecification['layout'] {
  return {
    'text-field': ['get', lang],
    'text-font': [LABEL_FONT],
    'text-size': 15,
    'text-letter-spacing': 0.2,
    'text-transform': 'uppercase',
  };
}
