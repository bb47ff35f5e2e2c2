'use client';
/**
 * What a click and the pointer do on the map: a click opens an incident, lists the incidents that
 * share a point, zooms into a group, or opens a place; the pointer shows what it is over.
 */
import type * as maplibregl from 'maplibre-gl';
import type { Located } from '@/geo/precision';
import { interactiveLayers, locatedOf } from './map-create';
import { INTERACTIVE_LAYERS, SOURCES, TOWN_GROUPS_TO } from './map-layers';
import { TILE_LAYERS } from './map-tile-layers';

/** Incidents at one point, listed for the reader to choose from. */
export type Chooser = { lngLat: [number, number]; ids: string[] } | null;

export interface Interactions {
  onSelectIncident(id: string | null): void;
  onSelectPlace(id: string): void;
  choose(c: Chooser): void;
  /** the incident (or province group) under the pointer changed */
  hover(next: Located | null): void;
}

/** Binds the map's click and pointer listeners; returns what unbinds them. */
export function bindInteractions(m: maplibregl.Map, on: () => Interactions): () => void {
  const onClick = async (e: maplibregl.MapMouseEvent) => {
    const { onSelectIncident, onSelectPlace, choose } = on();
    const hits = m.queryRenderedFeatures(e.point, { layers: interactiveLayers(m) });
    // tiles: an incident opens; a cluster opens closer in, around it
    const tileIds = [...new Set(hits.filter((f) => f.layer.id === TILE_LAYERS.incidents).map((f) => String(f.properties.id)))];
    const tileCluster = hits.find((f) => f.layer.id === TILE_LAYERS.clusters);
    if (tileIds.length === 1 && tileIds[0]) {
      choose(null);
      return onSelectIncident(tileIds[0]);
    }
    if (tileIds.length === 0 && tileCluster) {
      choose(null);
      return void m.easeTo({ center: e.lngLat, zoom: Math.min(m.getMaxZoom(), m.getZoom() + 2) });
    }
    const incidentLayers: string[] = [INTERACTIVE_LAYERS.incidents, INTERACTIVE_LAYERS.provinceIncidents, TILE_LAYERS.incidents];
    const incidentIds = [...new Set(hits.filter((f) => incidentLayers.includes(f.layer.id)).map((f) => String(f.properties.id)))];
    const cluster = hits.find((f) => f.layer.id === INTERACTIVE_LAYERS.clusters || f.layer.id === INTERACTIVE_LAYERS.provinceGroups);
    const placeLayers: string[] = [INTERACTIVE_LAYERS.placeDots, INTERACTIVE_LAYERS.placeLabels, INTERACTIVE_LAYERS.governorateLabels];
    const place = hits.find((f) => placeLayers.includes(f.layer.id));
    choose(null);
    const [only] = incidentIds;
    if (incidentIds.length === 1 && only) return onSelectIncident(only);
    if (incidentIds.length > 1) return choose({ lngLat: e.lngLat.toArray() as [number, number], ids: incidentIds });
    if (cluster) {
      const source = m.getSource(cluster.source) as maplibregl.GeoJSONSource;
      const clusterId = Number(cluster.properties.cluster_id);
      const center = (cluster.geometry as GeoJSON.Point).coordinates as [number, number];
      const zoom = cluster.source === SOURCES.incidents ? await source.getClusterExpansionZoom(clusterId) : Infinity;
      if (zoom <= TOWN_GROUPS_TO) return void m.easeTo({ center, zoom });
      // the incidents share one point (e.g. several located only to the province): list them
      const leaves = await source.getClusterLeaves(clusterId, 100, 0);
      return choose({ lngLat: center, ids: leaves.map((l) => String(l.properties?.id)) });
    }
    if (place) return onSelectPlace(String(place.properties.id));
    onSelectIncident(null);
  };
  let hoverKey = '';
  const hover = (next: Located | null) => {
    const key = next ? `${next.id}@${next.lon},${next.lat}` : '';
    if (key === hoverKey) return;
    hoverKey = key;
    on().hover(next);
  };
  const onMove = (e: maplibregl.MapMouseEvent) => {
    const hits = m.queryRenderedFeatures(e.point, { layers: interactiveLayers(m) });
    m.getCanvas().style.cursor = hits.length > 0 ? 'pointer' : '';
    hover(hits.map(locatedOf).find((l) => l !== null) ?? null);
  };
  const onOut = () => hover(null);
  m.on('click', onClick);
  m.on('mousemove', onMove);
  m.on('mouseout', onOut);
  return () => {
    m.off('click', onClick);
    m.off('mousemove', onMove);
    m.off('mouseout', onOut);
  };
}
