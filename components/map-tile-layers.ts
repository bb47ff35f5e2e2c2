/** The incidents' vector tiles and their layers, drawn as the GeoJSON incidents are. */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from '@/geo/basemap-style';
import type { Palette } from '@/geo/palette';
import { CLUSTER_LAYER, INCIDENT_LAYER } from '@/lib/tiles/schema';
import { DISC_PREFIX } from './map-icons';
import { circlePaint, iconLayout, iconPaint, typeColour, typeColourFaint } from './map-paint';

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
