import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from '@/geo/basemap-style';
import type { Palette } from '@/geo/palette';
import type { Lang } from '@/lib/i18n/messages';
import { CLUSTER_LAYER, INCIDENT_LAYER } from '@/lib/tiles/schema';
import { AREA_SOURCES } from './map-areas';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
import { TYPE_SHARE_UNITS } from '@/geo/symbols';
import { DISC_PREFIX, MIX_PREFIX, spreadOffset } from './map-icons';

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

/**
 * A constant written as a data-driven value: the engine evaluates it per feature, so its layer
 * shares the incidents layer's shader program instead of needing one of its own.
 */
function perFeature(value: number | string): ExpressionSpecification {
  return ['case', ['has', 'point_count'], value, value];
}

/** The paint of a circle layer, in the one form all circle layers share (see above). */
function circlePaint(p: {
  radius: number | ExpressionSpecification;
  color: string | ExpressionSpecification;
  strokeColor: string | ExpressionSpecification;
  strokeWidth: number;
  opacity?: number;
}) {
  const dd = (v: number | string | ExpressionSpecification) => (typeof v === 'object' ? v : perFeature(v));
  return {
    'circle-radius': dd(p.radius),
    'circle-color': dd(p.color),
    'circle-stroke-color': dd(p.strokeColor),
    'circle-stroke-width': p.strokeWidth,
    ...(p.opacity !== undefined ? { 'circle-opacity': p.opacity } : {}),
  };
}

/**
 * Two sources: incidents located to a town or near one (clustered when they crowd), and
 * incidents located only to a province, kept apart so that they never merge into a town's
 * cluster; those sharing an anchor are drawn as one ring with their count.
 */
/** The source and layer of the place whose panel is open. */
export const SELECTED_PLACE = 'selected-place';

/** The source and layer of the room the controls take over the map. */
export const KEEP_CLEAR = 'keep-clear';

export const SOURCES = { incidents: 'incidents', province: 'province-incidents' } as const;

/** The last zoom at which a town's incidents (four and more close together) are drawn as one group; spread beyond. */
export const TOWN_GROUPS_TO = 11;

/**
 * What a group tells of its incidents (both sources' clusterProperties): whether any of them is
 * contested or highlighted, so that its ring shows though the incident itself is not drawn.
 */
export const CLUSTER_PROPERTIES = {
  contested: ['any', ['==', ['get', 'contested'], true]],
  highlighted: ['any', ['==', ['get', 'highlighted'], true]],
  // what sizes a group: the deaths its incidents report (each one's highest claim)
  killed: ['+', ['get', 'killedMax']],
  // and what its ring shows: how many of each type it holds
  ...Object.fromEntries(EVENT_TYPE_IDS.map((type) => [`n_${type}`, ['+', ['case', ['==', ['get', 'eventType'], type], 1, 0]]])),
};

/** A group's radius (geo/symbols groupRadiusPx, as an expression over its summed deaths). */
const groupRadius: ExpressionSpecification = ['round', ['+', 14, ['*', 1.2, ['min', ['sqrt', ['max', ['get', 'killed'], 0]], 10]]]];

/**
 * The image of a group's ring split by type (components/map-icons mixImage): its radius, then each
 * type's share in twelfths (geo/symbols typeShares), in the taxonomy's order.
 */
const mixOf: ExpressionSpecification = [
  'concat',
  MIX_PREFIX,
  ['to-string', groupRadius],
  '-',
  ...EVENT_TYPE_IDS.flatMap((type, i) => [
    ...(i ? ['.'] : []),
    ['to-string', ['ceil', ['/', ['*', TYPE_SHARE_UNITS, ['get', `n_${type}`]], ['get', 'point_count']]]],
  ]),
] as unknown as ExpressionSpecification;

/** An incident's colour: its event type's in the palette. */
const typeColour = (c: Palette): ExpressionSpecification =>
  [
    'match',
    ['get', 'eventType'],
    ...Object.entries(c.types).flat(),
    c.types['strategic-developments'],
  ] as unknown as ExpressionSpecification;

/** A type colour with some transparency, for the faint fill of a province-level incident's ring. */
const typeColourFaint = (c: Palette, alpha: number): ExpressionSpecification =>
  [
    'match',
    ['get', 'eventType'],
    ...Object.entries(c.types).flatMap(([type, hex]) => [type, rgba(hex, alpha)]),
    rgba(c.types['strategic-developments'], alpha),
  ] as unknown as ExpressionSpecification;

function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/**
 * A symbol's radius in pixels: an incident's own (`r`, from its highest claimed toll: see
 * incidentRadiusPx), a group's from the deaths its incidents report (groupRadiusPx).
 */
const radius: ExpressionSpecification = ['case', ['has', 'point_count'], groupRadius, ['get', 'r']];

/** The disc image of a symbol's radius plus `gap` pixels (a ring is a transparent disc's halo). */
const discOf = (gap: number): ExpressionSpecification => ['concat', DISC_PREFIX, ['to-string', gap ? ['+', radius, gap] : radius]];

/** The paint of an incident symbol, in the one form all of them share (colours data-driven, the rest constant). */
function iconPaint(p: {
  color: string | ExpressionSpecification;
  halo: string | ExpressionSpecification;
  haloWidth: number;
  opacity?: number;
}) {
  const dd = (v: string | ExpressionSpecification) => (typeof v === 'object' ? v : perFeature(v));
  return {
    'icon-color': dd(p.color),
    'icon-halo-color': dd(p.halo),
    'icon-halo-width': p.haloWidth,
    ...(p.opacity !== undefined ? { 'icon-opacity': p.opacity } : {}),
  };
}

/** How the incident symbols scale with zoom: three fifths of their size at a country's zoom, whole from a province's. */
export const ICON_SIZE_BY_ZOOM: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 5, 0.6, 8, 1];

/**
 * The layout of an incident symbol: always drawn, never hidden by a name, but holding its room so
 * that the names (placed after it) go around it; spread from its point when it shares it; the
 * larger under the smaller.
 */
function iconLayout(image: ExpressionSpecification, extra: Record<string, unknown> = {}) {
  return {
    'icon-image': image,
    'icon-allow-overlap': true,
    'icon-ignore-placement': false,
    'icon-offset': spreadOffset,
    // the image's margin (4 px around the disc) is the room it holds: no more padding
    'icon-padding': 0,
    // smaller at the zoom of a country than of a province, in proportion (sizes still compare; offsets scale alike)
    'icon-size': ICON_SIZE_BY_ZOOM,
    'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'r'], ['get', 'point_count'], 0]] as ExpressionSpecification,
    ...extra,
  };
}

/** A place's name in the reader's language and, smaller beneath it, in Arabic; for Arabic readers, Arabic first and English beneath. */
export function placeLabelField(lang: Lang): ExpressionSpecification {
  const [first, second] = lang === 'ar' ? ['name_ar', 'name_en'] : [`name_${lang}`, 'name_ar'];
  return ['format', ['get', first], {}, '\n', {}, ['get', second], { 'font-scale': 0.85 }];
}

/** A group's ring in the colours of the types it holds, over the group's own symbol (`of`). */
function typesRing(of: string, source: (typeof SOURCES)[keyof typeof SOURCES]): LayerSpecification {
  return {
    id: `${of}-types`,
    type: 'symbol',
    source,
    filter: ['has', 'point_count'],
    layout: {
      'icon-image': mixOf,
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-padding': 0,
      'icon-size': ICON_SIZE_BY_ZOOM,
    },
  };
}

export function overlayLayers(c: Palette, lang: Lang): LayerSpecification[] {
  const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];
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
    ...(['incidents', 'province-incidents'] as const).flatMap((source): LayerSpecification[] => {
      const province = source === 'province-incidents';
      const suffix = province ? '-province' : '';
      return [
        {
          id: `incidents-contested${suffix}`,
          type: 'symbol',
          source,
          // on an incident, or on a group holding one
          filter: ['==', ['get', 'contested'], true],
          layout: iconLayout(discOf(5)),
          paint: iconPaint({ color: TRANSPARENT, halo: c.contestedRing, haloWidth: 2 }),
        },
        {
          id: `incident-highlighted${suffix}`,
          type: 'symbol',
          source,
          filter: ['==', ['get', 'highlighted'], true],
          layout: iconLayout(discOf(7)),
          paint: iconPaint({ color: TRANSPARENT, halo: c.highlightRing, haloWidth: 3 }),
        },
        {
          id: province ? INTERACTIVE_LAYERS.provinceIncidents : INTERACTIVE_LAYERS.incidents,
          type: 'symbol',
          source,
          filter: notCluster,
          layout: iconLayout(discOf(0)),
          // located to a town: a filled disc with a white edge; to the province only: a ring in its type's colour, not a pin on a town
          paint: province
            ? iconPaint({ color: typeColourFaint(c, 0.25), halo: typeColour(c), haloWidth: 3 })
            : iconPaint({ color: typeColour(c), halo: '#ffffff', haloWidth: 1.5, opacity: 0.92 }),
        },
        {
          id: `incident-selected${suffix}`,
          type: 'symbol',
          source,
          filter: ['==', ['get', 'id'], ''],
          layout: iconLayout(discOf(10)),
          paint: iconPaint({ color: TRANSPARENT, halo: c.selectedRing, haloWidth: 3 }),
        },
      ];
    }),
    // groups, with their count: a town's a dark disc, a province's a ring
    {
      id: INTERACTIVE_LAYERS.clusters,
      type: 'symbol',
      source: 'incidents',
      filter: ['has', 'point_count'],
      layout: iconLayout(discOf(0), {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [LABEL_FONT],
        'text-size': 13,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      }),
      paint: { ...iconPaint({ color: c.clusterFill, halo: '#ffffff', haloWidth: 2 }), 'text-color': '#ffffff' },
    },
    // the types a group holds, as its ring split in their colours (drawn over its disc, holding no room of its own)
    typesRing(INTERACTIVE_LAYERS.clusters, SOURCES.incidents),
    {
      id: INTERACTIVE_LAYERS.provinceGroups,
      type: 'symbol',
      source: 'province-incidents',
      filter: ['has', 'point_count'],
      layout: iconLayout(discOf(0), {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [LABEL_FONT],
        'text-size': 14,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      }),
      paint: {
        ...iconPaint({ color: rgba(c.groupRing, 0.2), halo: c.groupRing, haloWidth: 3 }),
        'text-color': c.placeLabel,
        'text-halo-color': c.labelHalo,
        'text-halo-width': 1.5,
      },
    },
    typesRing(INTERACTIVE_LAYERS.provinceGroups, SOURCES.province),
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

const TRANSPARENT = 'rgba(0,0,0,0)';

/** The incident symbol layers (on the incidents' two sources), which the map's first frame draws as circles instead. */
export const isIncidentSymbol = (l: LayerSpecification) =>
  l.type === 'symbol' && (l.source === SOURCES.incidents || l.source === SOURCES.province);

/**
 * The incidents as plain circles, for the map's first frames only (components/map-start startStyle):
 * the same discs, sizes, colours, edges and rings as the symbols, and the groups, but without their
 * counts or their rings split by type, and a town's two or three incidents drawn on its point, not
 * yet spread around it (a circle cannot be offset by a value of its own).
 *
 * A symbol's tile is laid out in MapLibre's worker only once the page's thread has handed it the
 * icons (a round trip, and that thread is busy drawing the map's first frames): with the incidents
 * as symbols the first frame that showed them came at about 1.3× a bare MapLibre page's time (bench:embed),
 * and with these circles first 0.780× that (bench:ab, 15 pairs in one run, quicker in all 15: 1.14–1.15×
 * the bare page after; 2 December 2026). So the map starts
 * with these and the symbols hidden, shows the symbols once it has loaded, and drops these as soon
 * as the symbols of their source are drawn (components/IncidentMap).
 */
export function startCircleLayers(c: Palette): LayerSpecification[] {
  const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];
  const cluster: ExpressionSpecification = ['has', 'point_count'];
  // a symbol's radius scaled as the symbols are with zoom (ICON_SIZE_BY_ZOOM), plus `gap` pixels
  const r = (gap = 0): ExpressionSpecification => {
    const px: ExpressionSpecification = gap ? ['+', radius, gap] : radius;
    return ['interpolate', ['linear'], ['zoom'], 5, ['*', 0.6, px], 8, px];
  };
  return (['incidents', 'province-incidents'] as const).flatMap((source): LayerSpecification[] => {
    const province = source === SOURCES.province;
    const id = (name: string) => `${name}${province ? '-province' : ''}${START_SUFFIX}`;
    return [
      {
        id: id('incidents-contested'),
        type: 'circle',
        source,
        filter: ['==', ['get', 'contested'], true],
        paint: circlePaint({ radius: r(5), color: TRANSPARENT, strokeColor: c.contestedRing, strokeWidth: 2 }),
      },
      {
        id: id('incident-highlighted'),
        type: 'circle',
        source,
        filter: ['==', ['get', 'highlighted'], true],
        paint: circlePaint({ radius: r(7), color: TRANSPARENT, strokeColor: c.highlightRing, strokeWidth: 3 }),
      },
      {
        id: id('incidents'),
        type: 'circle',
        source,
        filter: notCluster,
        // a town's few incidents, not yet spread around it, drawn the larger under the smaller
        layout: { 'circle-sort-key': ['-', 0, ['coalesce', ['get', 'r'], 0]] },
        paint: province
          ? circlePaint({ radius: r(), color: typeColourFaint(c, 0.25), strokeColor: typeColour(c), strokeWidth: 3 })
          : circlePaint({ radius: r(), color: typeColour(c), strokeColor: '#ffffff', strokeWidth: 1.5, opacity: 0.92 }),
      },
      {
        id: id('groups'),
        type: 'circle',
        source,
        filter: cluster,
        paint: province
          ? circlePaint({ radius: r(), color: rgba(c.groupRing, 0.2), strokeColor: c.groupRing, strokeWidth: 3 })
          : circlePaint({ radius: r(), color: c.clusterFill, strokeColor: '#ffffff', strokeWidth: 2 }),
      },
    ];
  });
}

/** The ids of the first frame's circles end so. */
const START_SUFFIX = '-start';

/** The vector tiles' source (GET /api/tiles.json): the map's data when the filters match too many incidents to send. */
export const TILE_SOURCE = 'incident-tiles';
export const TILE_LAYERS = {
  clusters: 'tile-clusters',
  incidents: 'tile-incidents',
  selected: 'tile-selected',
  count: 'tile-cluster-count',
} as const;

/**
 * The tiles drawn as the GeoJSON incidents are, and as icons like them, so that names are placed
 * around them and never under one: clusters as grey discs growing with their count (area ∝
 * count), a number on each; zoomed in, each incident a disc in its type's colour sized by its
 * highest claimed toll (incidentRadiusPx), a ring for one located only to its province.
 */
export function tileLayers(c: Palette): LayerSpecification[] {
  const killed: ExpressionSpecification = ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'killedMax'], 0]], 0, 7, 2, 10, 10, 24];
  const province: ExpressionSpecification = ['==', ['get', 'geoPrecision'], 3];
  const disc = (r: ExpressionSpecification): ExpressionSpecification => ['concat', DISC_PREFIX, ['to-string', ['round', r]]];
  return [
    {
      id: TILE_LAYERS.clusters,
      type: 'symbol',
      source: TILE_SOURCE,
      'source-layer': CLUSTER_LAYER,
      // clusters are 32 px apart: discs at most 28 px across keep clear of each other; the smallest still holds its number
      layout: iconLayout(disc(['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 9, 10, 11, 100, 14])),
      paint: iconPaint({
        color: c.clusterFill,
        halo: ['case', ['>', ['get', 'contested'], 0], c.contestedRing, '#ffffff'],
        haloWidth: 2,
      }),
    },
    {
      id: TILE_LAYERS.incidents,
      type: 'symbol',
      source: TILE_SOURCE,
      'source-layer': INCIDENT_LAYER,
      layout: iconLayout(disc(killed)),
      paint: iconPaint({
        color: ['case', province, typeColourFaint(c, 0.25), typeColour(c)],
        halo: ['case', province, typeColour(c), ['get', 'contested'], c.contestedRing, '#ffffff'],
        haloWidth: 1.5,
        opacity: 0.9,
      }),
    },
    {
      id: TILE_LAYERS.selected,
      type: 'circle',
      source: TILE_SOURCE,
      'source-layer': INCIDENT_LAYER,
      filter: ['==', ['get', 'id'], ''],
      paint: circlePaint({ radius: ['+', killed, 10], color: 'rgba(0,0,0,0)', strokeColor: c.selectedRing, strokeWidth: 3 }),
    },
    {
      id: TILE_LAYERS.count,
      type: 'symbol',
      source: TILE_SOURCE,
      'source-layer': CLUSTER_LAYER,
      layout: {
        'text-field': ['number-format', ['get', 'count'], {}],
        'text-font': [LABEL_FONT],
        'text-size': 11,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}
