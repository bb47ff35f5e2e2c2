import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from '@/geo/basemap-style';
import type { Palette } from '@/geo/palette';
import type { Lang } from '@/lib/i18n/messages';
import { CLUSTER_LAYER, INCIDENT_LAYER } from '@/lib/tiles/schema';
import { AREA_SOURCES } from './map-areas';

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
export const SOURCES = { incidents: 'incidents', province: 'province-incidents' } as const;

/**
 * What a group tells of its incidents (both sources' clusterProperties): whether any of them is
 * contested or highlighted, so that its ring shows though the incident itself is not drawn.
 */
export const CLUSTER_PROPERTIES = {
  contested: ['any', ['==', ['get', 'contested'], true]],
  highlighted: ['any', ['==', ['get', 'highlighted'], true]],
};

/** An incident's colour: its event type's in the palette. */
const typeColour = (c: Palette): ExpressionSpecification =>
  [
    'match',
    ['get', 'eventType'],
    ...Object.entries(c.types).flat(),
    c.types['strategic-developments'],
  ] as unknown as ExpressionSpecification;

/** Symbol radius grows with the square root of the highest death figure claimed (area ∝ deaths). */
export const incidentRadius: ExpressionSpecification = ['interpolate', ['linear'], ['sqrt', ['get', 'killedMax']], 0, 7, 2, 10, 10, 24];

/** A group's radius: a town's cluster grows with its count; a province's group is one size. */
const groupRadius = (source: (typeof SOURCES)[keyof typeof SOURCES]): number | ExpressionSpecification =>
  source === SOURCES.province ? 16 : ['interpolate', ['linear'], ['get', 'point_count'], 2, 14, 50, 26];

/** A ring `gap` pixels outside an incident's symbol, or its group's. */
const ringRadius = (source: (typeof SOURCES)[keyof typeof SOURCES], gap: number): ExpressionSpecification => [
  'case',
  ['has', 'point_count'],
  ['+', groupRadius(source), gap],
  ['+', incidentRadius, gap],
];

export function placeLabelField(lang: Lang): ExpressionSpecification {
  return ['format', ['get', `name_${lang}`], {}, '\n', {}, ['get', 'name_ar'], { 'font-scale': 0.85 }];
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
    {
      id: 'place-dots',
      type: 'circle',
      source: 'places',
      filter: ['!=', ['get', 'kind'], 'governorate'],
      paint: circlePaint({ radius: 3.5, color: c.placeDot, strokeColor: c.labelHalo, strokeWidth: 1 }),
    },
    {
      id: 'incident-clusters',
      type: 'circle',
      source: 'incidents',
      filter: ['has', 'point_count'],
      paint: circlePaint({ radius: groupRadius(SOURCES.incidents), color: c.clusterFill, strokeColor: '#ffffff', strokeWidth: 2 }),
    },
    ...(['incidents', 'province-incidents'] as const).flatMap((source): LayerSpecification[] => {
      const province = source === 'province-incidents';
      const suffix = province ? '-province' : '';
      return [
        {
          id: `incidents-contested${suffix}`,
          type: 'circle',
          source,
          // on an incident, or on a group holding one
          filter: ['==', ['get', 'contested'], true],
          paint: circlePaint({ radius: ringRadius(source, 5), color: 'rgba(0,0,0,0)', strokeColor: c.contestedRing, strokeWidth: 2 }),
        },
        {
          id: province ? INTERACTIVE_LAYERS.provinceIncidents : INTERACTIVE_LAYERS.incidents,
          type: 'circle',
          source,
          filter: notCluster,
          // located to a town: a filled disc with a white edge; to the province only: a ring in its type's colour, not a pin on a town
          paint: circlePaint({
            radius: incidentRadius,
            color: typeColour(c),
            strokeColor: province ? typeColour(c) : '#ffffff',
            strokeWidth: province ? 3 : 1.5,
            opacity: province ? 0.25 : 0.9,
          }),
        },
        {
          id: `incident-highlighted${suffix}`,
          type: 'circle',
          source,
          filter: ['==', ['get', 'highlighted'], true],
          paint: circlePaint({ radius: ringRadius(source, 7), color: 'rgba(0,0,0,0)', strokeColor: c.highlightRing, strokeWidth: 3 }),
        },
        {
          id: `incident-selected${suffix}`,
          type: 'circle',
          source,
          filter: ['==', ['get', 'id'], ''],
          paint: circlePaint({ radius: ['+', incidentRadius, 10], color: 'rgba(0,0,0,0)', strokeColor: c.selectedRing, strokeWidth: 3 }),
        },
      ];
    }),
    {
      id: INTERACTIVE_LAYERS.provinceGroups,
      type: 'circle',
      source: 'province-incidents',
      filter: ['has', 'point_count'],
      paint: circlePaint({
        radius: groupRadius(SOURCES.province),
        color: c.groupRing,
        strokeColor: c.groupRing,
        strokeWidth: 3,
        opacity: 0.2,
      }),
    },
    // governorates' names larger than towns'
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
          'text-anchor': 'top',
          'text-offset': [0, 0.6],
          'text-max-width': 12,
        },
        paint: { 'text-color': c.placeLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.6 },
      }),
    ),
    // counts last, drawn over the names; they take no room from them (ignore-placement), so every name
    // still shows. Names moving aside (variable anchors) looked better but cost about 5% of the embed's
    // time to first incidents on bench:embed (1.24–1.29× against 1.16–1.23×), more than its budget allows
    {
      id: 'incident-cluster-count',
      type: 'symbol',
      source: 'incidents',
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [LABEL_FONT],
        'text-size': 13,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'province-group-count',
      type: 'symbol',
      source: 'province-incidents',
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [LABEL_FONT],
        'text-size': 14,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': c.placeLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
    },
  ];
}

/** The vector tiles' source (GET /api/tiles.json): the map's data when the filters match too many incidents to send. */
export const TILE_SOURCE = 'incident-tiles';
export const TILE_LAYERS = {
  clusters: 'tile-clusters',
  incidents: 'tile-incidents',
  selected: 'tile-selected',
  count: 'tile-cluster-count',
} as const;

/**
 * The tiles drawn as the GeoJSON incidents are: clusters as grey discs growing with their count
 * (area ∝ count), a number on each; zoomed in, each incident a disc in its type's colour sized
 * by its highest claimed toll, a ring for one located only to its province.
 */
export function tileLayers(c: Palette): LayerSpecification[] {
  const killed: ExpressionSpecification = ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'killedMax'], 0]], 0, 7, 2, 10, 10, 24];
  const province: ExpressionSpecification = ['==', ['get', 'geoPrecision'], 3];
  return [
    {
      id: TILE_LAYERS.clusters,
      type: 'circle',
      source: TILE_SOURCE,
      'source-layer': CLUSTER_LAYER,
      paint: circlePaint({
        // clusters are 32 px apart: discs at most 28 px across keep clear of each other; the smallest still holds its number
        radius: ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 9, 10, 11, 100, 14],
        color: c.clusterFill,
        strokeColor: ['case', ['>', ['get', 'contested'], 0], c.contestedRing, '#ffffff'],
        strokeWidth: 2,
      }),
    },
    {
      id: TILE_LAYERS.incidents,
      type: 'circle',
      source: TILE_SOURCE,
      'source-layer': INCIDENT_LAYER,
      paint: circlePaint({
        radius: killed,
        color: typeColour(c),
        strokeColor: ['case', province, typeColour(c), ['get', 'contested'], c.contestedRing, '#ffffff'],
        strokeWidth: 1.5,
        opacity: 0.85,
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
