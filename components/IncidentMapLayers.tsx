'use client';
/**
 * The map's children that keep one MapLibre object each in step with the page, in the manner of
 * react-maplibre: each calls only the setter of what changed, and draws nothing of its own.
 */
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { PALETTES, type PaletteName } from '@/geo/palette';
import type { Located } from '@/geo/precision';
import type { FeatureCollection, IncidentBriefProps } from '@/lib/incident/geojson';
import type { PlacePointProps } from '@/lib/api/geojson';
import type { Lang } from '@/lib/i18n/messages';
import { AREA_SOURCES, areasOf } from './map-areas';
import { groupedOn, placeZoomButtons, setLayout, setSource } from './map-create';
import { layKeepClear } from './map-keep-clear';
import { INTERACTIVE_LAYERS, placeLabelField, SELECTED_PLACE, SOURCES } from './map-layers';
import { TILE_SOURCE, tileLayerIds, tileLayers } from './map-tile-layers';
import { EMPTY, incidentSources, placeSourceData } from './map-start';

/** What the map's sources hold: set when the map is made from its first data, then by MapData. */
export interface SentData {
  incidents?: FeatureCollection<IncidentBriefProps>;
  places?: FeatureCollection<PlacePointProps>;
  lang?: Lang;
  highlighted?: string[];
  /** the whole zoom the incidents are grouped for */
  zoom?: number;
}

/** The incidents' vector tiles, when the map draws them: their source made once, its URL changed with the filters. */
export function TileLayers({ map, tiles, palette }: { map: maplibregl.Map; tiles: string | null; palette: PaletteName }) {
  useEffect(() => {
    const source = map.getSource(TILE_SOURCE) as maplibregl.VectorTileSource | undefined;
    if (!tiles) {
      if (!source) return;
      for (const id of tileLayerIds(PALETTES[palette])) if (map.getLayer(id)) map.removeLayer(id);
      map.removeSource(TILE_SOURCE);
      return;
    }
    if (source) return void source.setTiles([tiles]);
    map.addSource(TILE_SOURCE, { type: 'vector', tiles: [tiles], minzoom: 0, maxzoom: 14 });
    // above the names, as the incidents' own layers are: placed before them, so the names go around them
    for (const layer of tileLayers(PALETTES[palette])) map.addLayer(layer, 'incidents-contested');
  }, [map, tiles, palette]);
  return null;
}

/** The map's zoom, rounded down: it changes only as the zoom crosses a whole number. */
function useWholeZoom(map: maplibregl.Map): number {
  const [zoom, setZoom] = useState(() => Math.floor(map.getZoom()));
  useEffect(() => {
    const onZoom = () => setZoom(Math.floor(map.getZoom()));
    map.on('zoom', onZoom);
    onZoom();
    return () => void map.off('zoom', onZoom);
  }, [map]);
  return zoom;
}

/**
 * The incidents' and the places' sources. Later data replaces what they hold (not what the map was
 * made with: it holds that already), and the incidents are grouped again (geo/grouping) as the zoom
 * crosses a whole number; with tiles, the incidents are not drawn from here.
 */
export function MapData({
  map,
  sent,
  incidents,
  places,
  lang,
  highlighted,
}: {
  map: maplibregl.Map;
  sent: { current: SentData };
  incidents: FeatureCollection<IncidentBriefProps> | undefined;
  places: FeatureCollection<PlacePointProps> | undefined;
  lang: Lang;
  highlighted: string[] | undefined;
}) {
  const zoom = useWholeZoom(map);
  useEffect(() => {
    const s = sent.current;
    if (s.incidents === incidents && s.lang === lang && String(s.highlighted ?? []) === String(highlighted ?? []) && s.zoom === zoom)
      return;
    sent.current = { ...s, incidents, lang, highlighted, zoom };
    const split = incidentSources(incidents, lang, highlighted ?? [], zoom);
    groupedOn.set(map, { items: split.items, zoom });
    setSource(map, SOURCES.incidents, split.points);
    setSource(map, SOURCES.province, split.province);
    // the names make room for the incidents now drawn at their places
    if (s.incidents !== incidents) setSource(map, 'places', placeSourceData(sent.current.places, incidents));
  }, [map, sent, incidents, lang, highlighted, zoom]);
  useEffect(() => {
    if (sent.current.places === places) return;
    sent.current = { ...sent.current, places };
    setSource(map, 'places', placeSourceData(places, sent.current.incidents));
  }, [map, sent, places]);
  return null;
}

/** Names in the reader's language, and the zoom buttons at the corner where its lines end. */
export function MapLanguage({ map, lang }: { map: maplibregl.Map; lang: Lang }) {
  useEffect(() => {
    for (const layer of [INTERACTIVE_LAYERS.placeLabels, INTERACTIVE_LAYERS.governorateLabels])
      setLayout(map, layer, 'text-field', placeLabelField(lang));
    for (const layer of ['country-labels', 'country-labels-wide', 'river-labels']) setLayout(map, layer, 'text-field', ['get', lang]);
    if (placeZoomButtons(map, lang)) layKeepClear(map);
  }, [map, lang]);
  return null;
}

/** The open place: ringed, and centred once when its panel opens (not again when its data is refetched). */
export function FocusedPlace({
  map,
  place,
  incidentOpen,
}: {
  map: maplibregl.Map;
  place: { id: string; at: [number, number] } | null | undefined;
  /** read when the place opens: an open incident keeps the middle */
  incidentOpen: () => boolean;
}) {
  const focusId = place?.id ?? null;
  const [focusLon, focusLat] = place?.at ?? [Number.NaN, Number.NaN];
  const open = useRef(incidentOpen);
  open.current = incidentOpen;
  useEffect(() => {
    if (!focusId) {
      setSource(map, SELECTED_PLACE, EMPTY);
      return;
    }
    setSource(map, SELECTED_PLACE, {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [focusLon, focusLat] }, properties: { id: focusId } }],
    });
    // an open incident keeps the middle (its popup needs the room); the place is ringed where it is
    if (!open.current()) map.easeTo({ center: [focusLon, focusLat], zoom: Math.max(map.getZoom(), 9) });
  }, [map, focusId, focusLon, focusLat]);
  return null;
}

/** The selected and the hovered incident's areas; the sources are left alone while there are none to show. */
export function IncidentAreas({ map, selected, hovered }: { map: maplibregl.Map; selected: Located | null; hovered: Located | null }) {
  const areasShown = useRef(false);
  const selId = selected?.id ?? null;
  const selLon = selected?.lon ?? Number.NaN;
  const selLat = selected?.lat ?? Number.NaN;
  const selPrecision = selected?.geoPrecision ?? null;
  useEffect(() => {
    const items: Located[] = [
      ...(selId && selPrecision ? [{ id: selId, lon: selLon, lat: selLat, geoPrecision: selPrecision }] : []),
      ...(hovered ? [hovered] : []),
    ];
    if (items.length === 0 && !areasShown.current) return;
    areasShown.current = items.length > 0;
    let live = true;
    void areasOf(items).then((a) => {
      if (!live) return;
      setSource(map, AREA_SOURCES.town, a.town);
      setSource(map, AREA_SOURCES.province, a.province);
    });
    return () => {
      live = false;
    };
  }, [map, selId, selLon, selLat, selPrecision, hovered]);
  return null;
}
