import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { EVENT_TYPE_COLOURS } from '@/lib/domain/taxonomy';
import { LABEL_FONT } from '@/geo/basemap-style';
import type { Palette } from '@/geo/palette';
import type { Lang } from '@/lib/i18n/messages';

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
 * Layers that differ only by a constant are split rather than given a data-driven property: each
 * combination of data-driven properties is one more shader program to compile before the first
 * frame (measured: ~30 ms each on a software GPU), and the map's first draw waits for them.
 */

/**
 * Two sources: incidents located to a town or near one (clustered when they crowd), and
 * incidents located only to a province, kept apart so that they never merge into a town's
 * cluster; those sharing an anchor are drawn as one ring with their count.
 */
export const SOURCES = { incidents: 'incidents', province: 'province-incidents' } as const;

const typeColour: ExpressionSpecification = [
  'match',
  ['get', 'eventType'],
  ...Object.entries(EVENT_TYPE_COLOURS).flat(),
  '#475569',
] as unknown as ExpressionSpecification;

/** A located incident has a white edge; one located only to its province, a ring in its type's colour. */
const incidentStroke: ExpressionSpecification = ['case', ['==', ['get', 'geoPrecision'], 3], typeColour, '#ffffff'];

/** Symbol radius grows with the square root of the highest death figure claimed (area ∝ deaths). */
export const incidentRadius: ExpressionSpecification = ['interpolate', ['linear'], ['sqrt', ['get', 'killedMax']], 0, 7, 2, 10, 10, 24];

export function placeLabelField(lang: Lang): ExpressionSpecification {
  return ['format', ['get', `name_${lang}`], {}, '\n', {}, ['get', 'name_ar'], { 'font-scale': 0.85 }];
}

export function overlayLayers(c: Palette, lang: Lang): LayerSpecification[] {
  const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];
  return [
    // a province's area fainter than a town's surroundings
    ...([['precision-areas-fill-province', ['==', ['get', 'precision'], 3], 0.1], ['precision-areas-fill', ['!=', ['get', 'precision'], 3], 0.16]] as const).map(
      ([id, filter, opacity]): LayerSpecification => ({ id, type: 'fill', source: 'precision-areas', filter: filter as unknown as ExpressionSpecification, paint: { 'fill-color': c.halo, 'fill-opacity': opacity } }),
    ),
    {
      id: 'precision-areas-line',
      type: 'line',
      source: 'precision-areas',
      paint: { 'line-color': c.halo, 'line-width': 1.2, 'line-dasharray': [2, 2] },
    },
    {
      id: 'place-dots',
      type: 'circle',
      source: 'places',
      filter: ['!=', ['get', 'kind'], 'governorate'],
      paint: { 'circle-radius': 3.5, 'circle-color': c.placeDot, 'circle-stroke-color': c.labelHalo, 'circle-stroke-width': 1 },
    },
    {
      id: 'incident-clusters',
      type: 'circle',
      source: 'incidents',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#334155',
        'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 14, 50, 26],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'incident-cluster-count',
      type: 'symbol',
      source: 'incidents',
      filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': [LABEL_FONT], 'text-size': 13, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff' },
    },
    ...(['incidents', 'province-incidents'] as const).flatMap((source): LayerSpecification[] => {
      const province = source === 'province-incidents';
      const suffix = province ? '-province' : '';
      return [
        {
          id: `incidents-contested${suffix}`,
          type: 'circle',
          source,
          filter: ['all', notCluster, ['==', ['get', 'contested'], true]],
          paint: { 'circle-radius': ['+', incidentRadius, 5], 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111827', 'circle-stroke-width': 2 },
        },
        {
          id: province ? INTERACTIVE_LAYERS.provinceIncidents : INTERACTIVE_LAYERS.incidents,
          type: 'circle',
          source,
          filter: notCluster,
          // located to the province only: a hollow ring, not a pin on a town
          // (one stroke expression for both layers: one shader program for both)
          paint: province
            ? { 'circle-radius': incidentRadius, 'circle-color': typeColour, 'circle-opacity': 0.25, 'circle-stroke-color': incidentStroke, 'circle-stroke-width': 3 }
            : { 'circle-radius': incidentRadius, 'circle-color': typeColour, 'circle-opacity': 0.9, 'circle-stroke-color': incidentStroke, 'circle-stroke-width': 1.5 },
        },
        {
          id: `incident-highlighted${suffix}`,
          type: 'circle',
          source,
          filter: ['in', ['get', 'id'], ['literal', []]],
          paint: { 'circle-radius': ['+', incidentRadius, 6], 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#b45309', 'circle-stroke-width': 3 },
        },
        {
          id: `incident-selected${suffix}`,
          type: 'circle',
          source,
          filter: ['==', ['get', 'id'], ''],
          paint: { 'circle-radius': ['+', incidentRadius, 9], 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#2563eb', 'circle-stroke-width': 3 },
        },
      ];
    }),
    {
      id: INTERACTIVE_LAYERS.provinceGroups,
      type: 'circle',
      source: 'province-incidents',
      filter: ['has', 'point_count'],
      paint: { 'circle-radius': 16, 'circle-color': 'rgba(51,65,85,0.2)', 'circle-stroke-color': '#334155', 'circle-stroke-width': 3 },
    },
    {
      id: 'province-group-count',
      type: 'symbol',
      source: 'province-incidents',
      filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': [LABEL_FONT], 'text-size': 14, 'text-allow-overlap': true },
      paint: { 'text-color': '#0f172a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    // governorates' names larger than towns'
    ...([[INTERACTIVE_LAYERS.placeLabels, ['!=', ['get', 'kind'], 'governorate'], 13], [INTERACTIVE_LAYERS.governorateLabels, ['==', ['get', 'kind'], 'governorate'], 15]] as const).map(
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
  ];
}
