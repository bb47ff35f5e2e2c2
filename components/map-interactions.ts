'use client';
/**
 * What a click and the pointer do on the map: a click opens an incident, lists the incidents that
 * share a point, zooms into a group, or opens a place; the pointer shows what it is over.
 */
import type * as maplibregl from 'maplibre-gl';
import type { Located } from '@/geo/precision';
import { expansionZoom } from '@/geo/grouping';
import { groupedOn, interactiveLayers, locatedOf } from './map-create';
import { INTERACTIVE_LAYERS, SOURCES } from './map-layers';
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
  const onClick = (e: maplibregl.MapMouseEvent) => {
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
      const ids = JSON.parse(String(cluster.properties.ids)) as string[];
      const center = (cluster.geometry as GeoJSON.Point).coordinates as [number, number];
      const grouped = groupedOn.get(m);
      // a town's group opens at the zoom where it comes apart; one that never does (its incidents share
      // one point, or are located only to the province) is listed
      const zoom = cluster.source === SOURCES.incidents && grouped ? expansionZoom(grouped.items, ids, m.getZoom(), m.getMaxZoom()) : null;
      if (zoom !== null) return void m.easeTo({ center, zoom });
      return choose({ lngLat: center, ids });
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
