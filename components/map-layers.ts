import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from '@/geo/basemap-style';
import type { Palette } from '@/geo/palette';
import type { Lang } from '@/lib/i18n/messages';
import { AREA_SOURCES } from './map-areas';
import { TOWN_GROUPS_TO } from '@/geo/symbols';
import { DISC_PREFIX } from './map-icons';
import { type MarkerSource, markerLayers } from './map-marker-layers';
import { iconPaint, rgba, TRANSPARENT } from './map-paint';

/** Our data layers on top of any basemap. Pure data: no map instance here. */
export const INTERACTIVE_LAYERS = {
  incidents: 'incidents',
  clusters: 'incident-clusters',
  provinceIncidents: 'province-incidents',
  provinceGroups: 'province-groups',
  placeDots: 'place-dots',
  placeLabels: 'place-labels',
  governorateLabels: 'governorate-labels',
} as const;

/**
 * Shader programs. Each combination of data-driven paint properties is one more shader program
 * to compile before the first frame (measured: 30–170 ms each on a software GPU), and the map's
 * first draw waits for them. So layers that differ only by a constant are split rather than
 * given a data-driven property, and every circle layer has the same combination as the
 * incidents layer: radius, colour and stroke colour data-driven, the rest constant.
 */

/** The source and layer of the place whose panel is open. */
export const SELECTED_PLACE = 'selected-place';

/** The source and layer of the room the controls take over the map. */
export const KEEP_CLEAR = 'keep-clear';

/**
 * Two sources of marks (geo/grouping): incidents located to a town or near one, and incidents
 * located only to a province, kept apart so that they never merge into a town's group.
 */
export const SOURCES = { incidents: 'incidents', province: 'province-incidents' } as const;

/** The incidents located to a town or near one, and their groups (a GeoJSON source: see markerLayers). */
export const TOWN_MARKERS: MarkerSource = {
  source: SOURCES.incidents,
  located: 'town',
  ids: {
    contested: 'incidents-contested',
    highlighted: 'incident-highlighted',
    incidents: INTERACTIVE_LAYERS.incidents,
    selected: 'incident-selected',
    groups: INTERACTIVE_LAYERS.clusters,
  },
};
/** The incidents located only to their province, and their groups, never merged into a town's. */
export const PROVINCE_MARKERS: MarkerSource = {
  source: SOURCES.province,
  located: 'province',
  ids: {
    contested: 'incidents-contested-province',
    highlighted: 'incident-highlighted-province',
    incidents: INTERACTIVE_LAYERS.provinceIncidents,
    selected: 'incident-selected-province',
    groups: INTERACTIVE_LAYERS.provinceGroups,
  },
};

/** A place's name in the reader's language and, smaller beneath it, in Arabic; for Arabic readers, Arabic first and English beneath. */
export function placeLabelField(lang: Lang): ExpressionSpecification {
  const [first, second] = lang === 'ar' ? ['name_ar', 'name_en'] : [`name_${lang}`, 'name_ar'];
  return ['format', ['get', first], {}, '\n', {}, ['get', second], { 'font-scale': 0.85 }];
}

export function overlayLayers(c: Palette, lang: Lang): LayerSpecification[] {
  return [
    // where the selected or hovered incident may lie: its governorate, lightly tinted, for one located only
    // to the province; a faint disc around the town for one located near it (the sources are empty otherwise)
    ...(
      [
        ['province-area', AREA_SOURCES.province, 0.1],
        ['precision-area', AREA_SOURCES.town, 0.16],
      ] as const
    ).flatMap(([id, source, opacity]): LayerSpecification[] => [
      { id, type: 'fill', source, paint: { 'fill-color': c.halo, 'fill-opacity': opacity } },
      { id: `${id}-line`, type: 'line', source, paint: { 'line-color': c.halo, 'line-width': 1.5, 'line-dasharray': [2, 2] } },
    ]),
    // the place whose panel is open: a ring round its dot, under the names and the incidents
    {
      id: SELECTED_PLACE,
      type: 'circle',
      source: SELECTED_PLACE,
      paint: {
        'circle-radius': 9,
        'circle-color': rgba(c.selectedRing, 0.15),
        'circle-stroke-color': c.selectedRing,
        'circle-stroke-width': 2.5,
      },
    },
    // names first in the list, so drawn under the incidents and placed after them (symbols are placed from the
    // top layer down): a name never sits under an incident; it moves to another side of its dot, or waits for room.
    // The places incidents name come first (sort key), governorates' names larger than towns'
    ...(
      [
        // a dataset's localities (hundreds of them) are named from zoom 10, where there is room
        [
          INTERACTIVE_LAYERS.placeLabels,
          ['all', ['!=', ['get', 'kind'], 'governorate'], ['any', ['!=', ['get', 'kind'], 'locality'], ['>=', ['zoom'], 10]]],
          13,
        ],
        [INTERACTIVE_LAYERS.governorateLabels, ['==', ['get', 'kind'], 'governorate'], 15],
      ] as const
    ).map(
      ([id, filter, size]): LayerSpecification => ({
        id,
        type: 'symbol',
        source: 'places',
        filter: filter as unknown as ExpressionSpecification,
        layout: {
          'text-field': placeLabelField(lang),
          'text-font': [LABEL_FONT],
          'text-size': size,
          'text-variable-anchor': ['top', 'bottom', 'right', 'left', 'top-right', 'bottom-right', 'top-left', 'bottom-left'],
          // clear of the incidents drawn at the place (`gap`, in pixels; the offset is in ems of this size); zoomed
          // in past the towns' groups, clear of the incidents spread around it (`gapSpread`): a name beside
          // a group of five would otherwise find every side taken and not be drawn
          'text-radial-offset': [
            'step',
            ['zoom'],
            ['/', ['coalesce', ['get', 'gap'], 9], size],
            TOWN_GROUPS_TO + 1,
            ['/', ['coalesce', ['get', 'gapSpread'], ['get', 'gap'], 9], size],
          ],
          'text-justify': 'auto',
          'text-max-width': 12,
          'text-padding': 1,
          'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'rank'], 0]],
        },
        paint: {
          'text-color': c.placeLabel,
          'text-halo-color': c.labelHalo,
          'text-halo-width': 1.6,
        },
      }),
    ),
    // towns' dots above their names, so placed first: always drawn, and no name is placed over one
    {
      id: INTERACTIVE_LAYERS.placeDots,
      type: 'symbol',
      source: 'places',
      filter: ['!=', ['get', 'kind'], 'governorate'],
      layout: { 'icon-image': `${DISC_PREFIX}3`, 'icon-allow-overlap': true, 'icon-ignore-placement': false, 'icon-padding': 0 },
      paint: iconPaint({ color: c.placeDot, halo: c.labelHalo, haloWidth: 1 }),
    },
    // the incidents and their groups, located to a town, then those located only to the province
    ...markerLayers(c, TOWN_MARKERS),
    ...markerLayers(c, PROVINCE_MARKERS),
    // last, so placed first: the room the controls over the map take (zoom buttons, the locator inset), which
    // names then avoid as they avoid each other (invisible squares, see components/map-keep-clear.ts)
    {
      id: KEEP_CLEAR,
      type: 'symbol',
      source: KEEP_CLEAR,
      layout: {
        'icon-image': KEEP_CLEAR,
        'icon-size': ['get', 'scale'],
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
        'icon-padding': 0,
      },
      // drawn with nothing in it (an empty distance field, transparent colours), in the incidents' paint form so
      // that it shares their compiled program: a layer of another form costs the first frame a shader compile
      paint: iconPaint({ color: TRANSPARENT, halo: TRANSPARENT, haloWidth: 0 }),
    },
  ];
}
