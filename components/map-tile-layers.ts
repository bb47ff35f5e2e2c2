/** The incidents' vector tiles and their layers: the same layers as the GeoJSON incidents' (map-marker-layers). */
import type { LayerSpecification } from 'maplibre-gl';
import type { Palette } from '@/geo/palette';
import { CLUSTER_LAYER, INCIDENT_LAYER } from '@/lib/tiles/schema';
import { type MarkerSource, markerLayers } from './map-marker-layers';

/** The vector tiles' source (GET /api/tiles.json): the map's data when the filters match too many incidents to send. */
export const TILE_SOURCE = 'incident-tiles';

/** The tiles' marks: groups (grouped on the server by geo/grouping) and, zoomed in, single incidents of either location. */
export const TILE_MARKERS: MarkerSource = {
  source: TILE_SOURCE,
  sourceLayers: { groups: CLUSTER_LAYER, incidents: INCIDENT_LAYER },
  located: 'either',
  ids: {
    contested: 'tile-contested',
    highlighted: 'tile-highlighted',
    incidents: 'tile-incidents',
    selected: 'tile-selected',
    groups: 'tile-clusters',
  },
};

export const TILE_LAYERS = {
  clusters: TILE_MARKERS.ids.groups,
  incidents: TILE_MARKERS.ids.incidents,
  selected: TILE_MARKERS.ids.selected,
} as const;

export function tileLayers(c: Palette): LayerSpecification[] {
  return markerLayers(c, TILE_MARKERS);
}

/** Every layer id the tiles add, to take them away again. */
export const tileLayerIds = (c: Palette) => tileLayers(c).map((l) => l.id);
