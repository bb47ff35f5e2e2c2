'use client';
import * as maplibregl from 'maplibre-gl';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { AREA_SOURCES, areasOf } from './map-areas';
import { DISC_PREFIX, DISC_RADII, discImage, discRadius, mixImage, mixOfName } from './map-icons';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
import { PALETTES, type PaletteName } from '@/geo/palette';
import type { Located } from '@/geo/precision';
import { INITIAL_VIEW, WIDE_BBOX } from '@/geo/region';
import type { FeatureCollection, IncidentBriefProps, PlacePointProps } from '@/lib/api/geojson';
import type { Lang } from '@/lib/i18n/messages';
import IncidentChoice from './IncidentChoice';
import { type BBox, type Camera, EMPTY, type MapStart, incidentSources, overlayOf, placeSourceData, startStyle } from './map-start';
import { keepNamesClearOfControls, layKeepClear } from './map-keep-clear';
import {
  INTERACTIVE_LAYERS,
  placeLabelField,
  SELECTED_PLACE,
  SOURCES,
  TILE_LAYERS,
  TILE_SOURCE,
  TOWN_GROUPS_TO,
  tileLayers,
} from './map-layers';

export type { BBox, Camera, MapStart } from './map-start';

interface Props extends Omit<MapStart, 'palette'> {
  /** 'auto': the reader's setting (prefers-color-scheme), read when the map is made and followed when it changes */
  palette?: PaletteName | 'auto';
  selectedIncident: string | null;
  /** what stands in the map's place, under the note, when the browser cannot draw it (the embed: its still image) */
  unavailable?: ReactNode;
  onSelectIncident(id: string | null): void;
  onSelectPlace(id: string): void;
  onBoundsChange(b: BBox, camera: Camera): void;
  /** the place whose panel is open: ringed, and brought to the middle of the map when it opens */
  focusPlace?: { id: string; at: [number, number] } | null;
  /** the popup's content for an incident, rendered by React into the popup */
  renderIncident(id: string): ReactNode;
  /**
   * A vector tile URL template (from /api/tiles.json): when set, the map draws the tiles and not
   * `incidents`, which then only serve the selected incident's popup.
   */
  tiles?: string | null;
  /** a source's name, for the chooser of incidents at one point (who reports each) */
  sourceName?: (id: string) => string;
}

const DARK_SCHEME = '(prefers-color-scheme: dark)';

/** MapLibre's worker, copied to our origin at build time (scripts/prepare-assets.ts) */
export const MAPLIBRE_WORKER_PATH = '/generated/maplibre-gl-worker.mjs';

type Chooser = { lngLat: [number, number]; ids: string[] } | null;

const EMPTY_HTML = { __html: '' };
function setSource(map: maplibregl.Map, id: string, data: GeoJSON.FeatureCollection) {
  if (id === 'places') namesLater.delete(map);
  (map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
}

/** The places a map was made with, set once it has drawn its first frame (map-start startStyle); dropped when newer places are set first. */
const namesLater = new WeakMap<maplibregl.Map, GeoJSON.FeatureCollection>();

/**
 * Style setters that do nothing when the value is already set: MapLibre ignores an equal value
 * but still redraws, which restarts symbol placement (and its fade) on a map that was done.
 */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
function setFilter(map: maplibregl.Map, layer: string, filter: maplibregl.FilterSpecification) {
  if (!same(map.getFilter(layer), filter)) map.setFilter(layer, filter);
}
function setLayout(map: maplibregl.Map, layer: string, name: 'text-field', value: maplibregl.ExpressionSpecification) {
  if (map.getLayer(layer) && !same(map.getLayoutProperty(layer, name), value)) map.setLayoutProperty(layer, name, value);
}

/** Where a feature under the pointer may lie: an incident by its precision, a province's group as its province. */
function locatedOf(f: maplibregl.MapGeoJSONFeature): Located | null {
  if (f.geometry.type !== 'Point') return null;
  const [lon, lat] = f.geometry.coordinates as [number, number];
  if (f.layer.id === INTERACTIVE_LAYERS.provinceGroups) return { id: `group-${f.properties.cluster_id}`, lon, lat, geoPrecision: 3 };
  const incidentLayers: string[] = [INTERACTIVE_LAYERS.incidents, INTERACTIVE_LAYERS.provinceIncidents, TILE_LAYERS.incidents];
  const precision = Number(f.properties.geoPrecision);
  if (!incidentLayers.includes(f.layer.id) || (precision !== 1 && precision !== 2 && precision !== 3)) return null;
  return { id: String(f.properties.id), lon, lat, geoPrecision: precision };
}

/** The layers a click or hover looks at: ours, and the tiles' when the map has them. */
const interactiveLayers = (m: maplibregl.Map) => [
  ...Object.values(INTERACTIVE_LAYERS),
  ...(m.getLayer(TILE_LAYERS.incidents) ? [TILE_LAYERS.incidents, TILE_LAYERS.clusters] : []),
];

function createMap(container: HTMLElement, o: MapStart): maplibregl.Map {
  maplibregl.setWorkerUrl(new URL(o.workerUrl ?? MAPLIBRE_WORKER_PATH, window.location.origin).href);
  const { style, later, firstOverlay, names, symbols } = startStyle(o, window.location.origin);
  const m = new maplibregl.Map({
    container,
    style,
    center: o.initialCamera ? [o.initialCamera.lon, o.initialCamera.lat] : INITIAL_VIEW.center,
    zoom: o.initialCamera?.zoom ?? INITIAL_VIEW.zoom,
    ...(o.initialBounds ? { bounds: o.initialBounds, fitBoundsOptions: { padding: 24 } } : {}),
    maxZoom: 14,
    // the offline style is made by our own code and checked against the style specification by a unit
    // test (tests/unit/style-valid.test.ts), every palette and language: not again on every page load
    validateStyle: typeof style === 'string',
    // no frame beyond the basemap's data: MapLibre zooms in rather than show past it
    minZoom: 4,
    maxBounds: WIDE_BBOX,
    // the basemap's sources carry their credits (a production style brings its own)
    attributionControl: { compact: true },
    cooperativeGestures: o.cooperative ?? false,
    locale: {
      'CooperativeGesturesHandler.WindowsHelpText': o.t('gestureWindows'),
      'CooperativeGesturesHandler.MacHelpText': o.t('gestureMac'),
      'CooperativeGesturesHandler.MobileHelpText': o.t('gestureMobile'),
    },
  });
  // the incident symbols' disc images, every radius the layers use, there before the first layout (a
  // missing image costs its tiles a second layout); any other radius made when a layer asks for it
  for (const r of DISC_RADII) m.addImage(`${DISC_PREFIX}${r}`, discImage(r), { sdf: true });
  const typeColours = EVENT_TYPE_IDS.map((type) => PALETTES[o.palette].types[type]);
  m.setMissingStyleImageResolver((id) => {
    if (m.hasImage(id)) return;
    const r = discRadius(id);
    const mix = mixOfName(id);
    if (r !== null) m.addImage(id, discImage(r), { sdf: true });
    // a group's ring split by type: one image per radius and mix of shares, made when first drawn
    else if (mix) m.addImage(id, mixImage(mix.r, mix.shares, typeColours));
  });
  if (names) {
    namesLater.set(m, names);
    afterFirstFrame(m, () => {
      const held = namesLater.get(m);
      if (held) setSource(m, 'places', held);
    });
  }
  if (symbols) afterFirstFrame(m, () => showIncidentSymbols(m, symbols));
  if (later) {
    const rest = later;
    m.once('load', () => {
      for (const [id, source] of Object.entries(rest.sources)) if (!m.getSource(id)) m.addSource(id, source);
      for (const { layer, before } of rest.layers) if (!m.getLayer(layer.id)) m.addLayer(layer, before ?? firstOverlay);
    });
  }
  placeZoomButtons(m, o.lang);
  keepNamesClearOfControls(m);
  // the map instance, reachable from its element for browser tests and debugging (read-only use)
  Object.defineProperty(container, 'maplibreMap', { value: m, configurable: true });
  m.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  // the credits start folded behind their (i) button, as they do once the map is moved: unfolded,
  // the basemap's long credit line would cover the bottom of the frame
  m.once('idle', () => container.querySelector('.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show'));
  return m;
}

/** The longest what waits for the map's first frame waits (the map may be slow to load, or fail to). */
const FIRST_FRAME_WAIT = 2500;

/** Runs `fn` once: when the map has loaded (its first frame drawn), or after FIRST_FRAME_WAIT ms, whichever is first. */
function afterFirstFrame(m: maplibregl.Map, fn: () => void) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    fn();
  };
  const timer = setTimeout(run, FIRST_FRAME_WAIT);
  m.once('load', run);
  m.once('remove', () => {
    done = true;
    clearTimeout(timer);
  });
}

/**
 * Once the map has loaded: the incident symbols, hidden in its first style, shown; and the circles
 * that stood in for them (map-layers startCircleLayers) dropped, a source's as soon as a frame has
 * drawn that source's symbols, every one once the map is idle (a source with nothing in view).
 */
function showIncidentSymbols(m: maplibregl.Map, { show, circles }: { show: string[]; circles: string[] }) {
  for (const id of show) if (m.getLayer(id)) m.setLayoutProperty(id, 'visibility', 'visible');
  const bySource = (ids: string[]) => {
    const of = new Map<string, string[]>();
    for (const id of ids) {
      const source = (m.getLayer(id) as { source?: string } | undefined)?.source;
      if (source) of.set(source, [...(of.get(source) ?? []), id]);
    }
    return of;
  };
  const symbolsOf = bySource(show);
  const left = bySource(circles);
  const drop = (source: string) => {
    for (const id of left.get(source) ?? []) if (m.getLayer(id)) m.removeLayer(id);
    left.delete(source);
    if (!left.size) {
      m.off('render', drawn);
      m.off('idle', all);
    }
  };
  const drawn = () => {
    for (const source of [...left.keys()]) {
      const layers = (symbolsOf.get(source) ?? []).filter((id) => m.getLayer(id));
      if (layers.length && m.queryRenderedFeatures({ layers }).length) drop(source);
    }
  };
  const all = () => {
    for (const source of [...left.keys()]) drop(source);
  };
  m.on('render', drawn);
  m.once('idle', all);
}

const zoomButtons = new WeakMap<maplibregl.Map, { control: maplibregl.NavigationControl; corner: 'top-left' | 'top-right' }>();
/**
 * The zoom buttons at the top corner where a reader of the language ends a line (right, or left in
 * Arabic): the locator inset holds the other one. True when they moved.
 */
function placeZoomButtons(m: maplibregl.Map, lang: Lang): boolean {
  const corner = lang === 'ar' ? 'top-left' : 'top-right';
  const known = zoomButtons.get(m);
  if (known?.corner === corner) return false;
  if (known) m.removeControl(known.control);
  const control = new maplibregl.NavigationControl({ showCompass: false });
  zoomButtons.set(m, { control, corner });
  m.addControl(control, corner);
  return true;
}

const sameStart = (a: MapStart, b: MapStart) =>
  a.lang === b.lang &&
  a.palette === b.palette &&
  a.styleUrl === b.styleUrl &&
  a.workerUrl === b.workerUrl &&
  a.cooperative === b.cooperative &&
  a.incidents?.features === b.incidents?.features &&
  a.places === b.places &&
  String(a.highlighted ?? []) === String(b.highlighted ?? []) &&
  a.initialCamera === b.initialCamera &&
  a.initialBounds === b.initialBounds;

const earlyMaps = new WeakMap<HTMLElement, { map: maplibregl.Map; options: MapStart; loaded: boolean }>();

/**
 * Starts the map on its server-rendered element before the page hydrates, so that the basemap
 * and the incidents load while the rest of the page comes alive (the embed's entry calls it).
 * The IncidentMap rendered on that element adopts it and owns it from then on; one made from
 * other options is removed and made again.
 */
export function startMapEarly(container: HTMLElement, options: MapStart): maplibregl.Map {
  const entry = { map: createMap(container, options), options, loaded: false };
  entry.map.once('load', () => {
    entry.loaded = true;
  });
  earlyMaps.set(container, entry);
  return entry.map;
}

export default function IncidentMap(props: Props) {
  const { lang, t, palette: asked = 'light', styleUrl, incidents, places, selectedIncident } = props;
  // the reader's setting, read at once in the browser (not from a hook, whose first answer is the
  // server's "light": the map would be made twice); a change of it later makes the map again
  const [schemeChanged, setSchemeChanged] = useState(0);
  useEffect(() => {
    if (asked !== 'auto') return;
    const mq = window.matchMedia(DARK_SCHEME);
    const changed = () => setSchemeChanged((n) => n + 1);
    mq.addEventListener('change', changed);
    return () => mq.removeEventListener('change', changed);
  }, [asked]);
  const [palette, setPalette] = useState<PaletteName>(asked === 'auto' ? 'light' : asked);
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  // the data the map's sources hold
  const sent = useRef<{
    incidents?: FeatureCollection<IncidentBriefProps>;
    places?: FeatureCollection<PlacePointProps>;
    lang?: Lang;
    highlighted?: string[];
  }>({});
  // containers for the popups' React content; none on the server (the map only exists in a browser)
  const [popupNode] = useState(() => (typeof document === 'undefined' ? null : document.createElement('div')));
  const [chooserNode] = useState(() => (typeof document === 'undefined' ? null : document.createElement('div')));
  const [chooser, setChooser] = useState<Chooser>(null);
  // the incident (or province group) under the pointer: its area is drawn while it is there
  const [hovered, setHovered] = useState<Located | null>(null);
  // the map could not be made (no WebGL): said in its place, with the open incident's details there
  const [failed, setFailed] = useState(false);
  // the latest callbacks, read by listeners bound once
  const cb = useRef(props);
  cb.current = props;

  // create the map once; everything later updates it in place. A layout effect: the map starts
  // right after the first render (hydration), not a frame later
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once from the first props; every later change goes through the map's own setters below
  useLayoutEffect(() => {
    if (!container.current) return;
    const { incidents: firstIncidents, places: firstPlaces, lang: firstLang } = cb.current;
    const drawn: PaletteName = asked === 'auto' ? (window.matchMedia(DARK_SCHEME).matches ? 'dark' : 'light') : asked;
    setPalette(drawn);
    const options: MapStart = {
      lang: firstLang,
      t,
      palette: drawn,
      styleUrl,
      geography: props.geography,
      workerUrl: props.workerUrl,
      incidents: firstIncidents,
      places: firstPlaces,
      highlighted: props.highlighted,
      initialCamera: props.initialCamera,
      initialBounds: props.initialBounds,
      cooperative: props.cooperative,
    };
    // a map the page started before hydrating (the embed) is adopted when it was made from the same
    // data; otherwise, or without one, the map is made here
    const early = earlyMaps.get(container.current);
    earlyMaps.delete(container.current);
    const adopt = !!early && sameStart(early.options, options);
    if (early && !adopt) early.map.remove();
    let m: maplibregl.Map;
    try {
      m = adopt && early ? early.map : createMap(container.current, options);
    } catch (error) {
      // MapLibre throws when the browser gives it no WebGL context (GPUInitializationError)
      console.warn('map: cannot be drawn in this browser', error);
      setFailed(true);
      return;
    }
    sent.current = { incidents: firstIncidents, places: firstPlaces, lang: firstLang, highlighted: props.highlighted };

    const reportView = () => {
      const c = m.getCenter();
      cb.current.onBoundsChange(m.getBounds().toArray().flat() as BBox, { zoom: m.getZoom(), lat: c.lat, lon: c.lng });
    };
    const onLoad = () => {
      if (!m.getSource(SOURCES.incidents)) {
        const { sources, layers } = overlayOf(options);
        for (const [id, source] of Object.entries(sources)) m.addSource(id, source);
        for (const layer of layers) m.addLayer(layer);
      }
      setMap(m);
      reportView();
    };

    const onClick = async (e: maplibregl.MapMouseEvent) => {
      const hits = m.queryRenderedFeatures(e.point, { layers: interactiveLayers(m) });
      // tiles: an incident opens; a cluster opens closer in, around it
      const tileIds = [...new Set(hits.filter((f) => f.layer.id === TILE_LAYERS.incidents).map((f) => String(f.properties.id)))];
      const tileCluster = hits.find((f) => f.layer.id === TILE_LAYERS.clusters);
      if (tileIds.length === 1 && tileIds[0]) {
        setChooser(null);
        return cb.current.onSelectIncident(tileIds[0]);
      }
      if (tileIds.length === 0 && tileCluster) {
        setChooser(null);
        return void m.easeTo({ center: e.lngLat, zoom: Math.min(m.getMaxZoom(), m.getZoom() + 2) });
      }
      const incidentLayers: string[] = [INTERACTIVE_LAYERS.incidents, INTERACTIVE_LAYERS.provinceIncidents, TILE_LAYERS.incidents];
      const incidentIds = [...new Set(hits.filter((f) => incidentLayers.includes(f.layer.id)).map((f) => String(f.properties.id)))];
      const cluster = hits.find((f) => f.layer.id === INTERACTIVE_LAYERS.clusters || f.layer.id === INTERACTIVE_LAYERS.provinceGroups);
      const placeLayers: string[] = [INTERACTIVE_LAYERS.placeDots, INTERACTIVE_LAYERS.placeLabels, INTERACTIVE_LAYERS.governorateLabels];
      const place = hits.find((f) => placeLayers.includes(f.layer.id));
      setChooser(null);
      const [only] = incidentIds;
      if (incidentIds.length === 1 && only) return cb.current.onSelectIncident(only);
      if (incidentIds.length > 1) return setChooser({ lngLat: e.lngLat.toArray() as [number, number], ids: incidentIds });
      if (cluster) {
        const source = m.getSource(cluster.source) as maplibregl.GeoJSONSource;
        const clusterId = Number(cluster.properties.cluster_id);
        const center = (cluster.geometry as GeoJSON.Point).coordinates as [number, number];
        const zoom = cluster.source === SOURCES.incidents ? await source.getClusterExpansionZoom(clusterId) : Infinity;
        if (zoom <= TOWN_GROUPS_TO) return void m.easeTo({ center, zoom });
        // the incidents share one point (e.g. several located only to the province): list them
        const leaves = await source.getClusterLeaves(clusterId, 100, 0);
        return setChooser({ lngLat: center, ids: leaves.map((l) => String(l.properties?.id)) });
      }
      if (place) return cb.current.onSelectPlace(String(place.properties.id));
      cb.current.onSelectIncident(null);
    };
    let hoverKey = '';
    const hover = (next: Located | null) => {
      const key = next ? `${next.id}@${next.lon},${next.lat}` : '';
      if (key === hoverKey) return;
      hoverKey = key;
      setHovered(next);
    };
    const onMove = (e: maplibregl.MapMouseEvent) => {
      const hits = m.queryRenderedFeatures(e.point, { layers: interactiveLayers(m) });
      m.getCanvas().style.cursor = hits.length > 0 ? 'pointer' : '';
      hover(hits.map(locatedOf).find((l) => l !== null) ?? null);
    };
    const onOut = () => hover(null);
    const onMoveEnd = () => reportView();

    m.on('load', onLoad);
    if (adopt && early?.loaded) onLoad();
    m.on('click', onClick);
    m.on('mousemove', onMove);
    m.on('mouseout', onOut);
    m.on('moveend', onMoveEnd);
    return () => {
      m.off('load', onLoad);
      m.off('click', onClick);
      m.off('mousemove', onMove);
      m.off('mouseout', onOut);
      m.off('moveend', onMoveEnd);
      m.remove();
      setMap(null);
    };
    // the map is created once per mount; language, data and selection update it in place below
  }, [styleUrl, asked, schemeChanged]);

  // the tiles, when the map draws them: their source made once, its URL changed with the filters
  const tiles = props.tiles ?? null;
  useEffect(() => {
    if (!map) return;
    const source = map.getSource(TILE_SOURCE) as maplibregl.VectorTileSource | undefined;
    if (!tiles) {
      if (!source) return;
      for (const id of Object.values(TILE_LAYERS)) if (map.getLayer(id)) map.removeLayer(id);
      map.removeSource(TILE_SOURCE);
      return;
    }
    if (source) return void source.setTiles([tiles]);
    map.addSource(TILE_SOURCE, { type: 'vector', tiles: [tiles], minzoom: 0, maxzoom: 14 });
    // above the names, as the incidents' own layers are: placed before them, so the names go around them
    for (const layer of tileLayers(PALETTES[palette])) map.addLayer(layer, 'incidents-contested');
  }, [map, tiles, palette]);

  // later data replaces the sources' (not what the map was created with: it holds that already);
  // with tiles, the incidents are not drawn from here
  const highlighted = props.highlighted;
  const drawn = tiles ? undefined : incidents;
  useEffect(() => {
    const s = sent.current;
    if (!map || (s.incidents === drawn && s.lang === lang && String(s.highlighted ?? []) === String(highlighted ?? []))) return;
    sent.current = { ...s, incidents: drawn, lang, highlighted };
    const split = incidentSources(drawn, lang, highlighted ?? []);
    setSource(map, SOURCES.incidents, split.points);
    setSource(map, SOURCES.province, split.province);
    // the names make room for the incidents now drawn at their places
    if (s.incidents !== drawn) setSource(map, 'places', placeSourceData(sent.current.places, drawn));
  }, [map, drawn, lang, highlighted]);

  useEffect(() => {
    if (!map || sent.current.places === places) return;
    sent.current = { ...sent.current, places };
    setSource(map, 'places', placeSourceData(places, sent.current.incidents));
  }, [map, places]);

  useEffect(() => {
    if (!map) return;
    for (const layer of [INTERACTIVE_LAYERS.placeLabels, INTERACTIVE_LAYERS.governorateLabels])
      setLayout(map, layer, 'text-field', placeLabelField(lang));
    for (const layer of ['country-labels', 'country-labels-wide', 'river-labels']) setLayout(map, layer, 'text-field', ['get', lang]);
    if (placeZoomButtons(map, lang)) layKeepClear(map);
  }, [map, lang]);

  // the open place: ringed, and centred once when its panel opens (not again when its data is refetched)
  const focusId = props.focusPlace?.id ?? null;
  const [focusLon, focusLat] = props.focusPlace?.at ?? [Number.NaN, Number.NaN];
  useEffect(() => {
    if (!map) return;
    if (!focusId) {
      setSource(map, SELECTED_PLACE, EMPTY);
      return;
    }
    setSource(map, SELECTED_PLACE, {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [focusLon, focusLat] }, properties: { id: focusId } }],
    });
    // an open incident keeps the middle (its popup needs the room); the place is ringed where it is
    if (!cb.current.selectedIncident) map.easeTo({ center: [focusLon, focusLat], zoom: Math.max(map.getZoom(), 9) });
  }, [map, focusId, focusLon, focusLat]);

  // the selected incident: highlight, popup, and bring it into view — once per selection, keyed on its
  // id and position, so that refetched data (a new but equal object) does not move the map again
  const selectedFeature = incidents?.features.find((f) => f.id === selectedIncident) ?? null;
  const selectedId = selectedFeature?.id ?? null;
  const [selLon, selLat] = selectedFeature?.geometry.coordinates ?? [Number.NaN, Number.NaN];
  const selPrecision = selectedFeature?.properties.geoPrecision ?? null;
  // the selected and the hovered incident's areas; the sources are left alone while there are none to show
  const areasShown = useRef(false);
  useEffect(() => {
    if (!map) return;
    const items: Located[] = [
      ...(selectedId && selPrecision ? [{ id: selectedId, lon: selLon, lat: selLat, geoPrecision: selPrecision }] : []),
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
  }, [map, selectedId, selLon, selLat, selPrecision, hovered]);
  const popup = useRef<maplibregl.Popup | null>(null);
  const closingByCode = useRef(false);
  // a layout effect: the popup is in the page before its React content's effects run (focus moves into it)
  useLayoutEffect(() => {
    if (!map || !popupNode) return;
    for (const layer of ['incident-selected', 'incident-selected-province', TILE_LAYERS.selected])
      if (map.getLayer(layer)) setFilter(map, layer, ['==', ['get', 'id'], selectedId ?? '']);
    if (!selectedId) {
      closingByCode.current = true;
      popup.current?.remove();
      closingByCode.current = false;
      return;
    }
    let p = popup.current;
    if (!p) {
      p = new maplibregl.Popup({ closeOnClick: false, maxWidth: 'none', className: 'incident-popup', focusAfterOpen: false }).setDOMContent(
        popupNode,
      );
      p.on('close', () => {
        if (!closingByCode.current) cb.current.onSelectIncident(null);
      });
      popup.current = p;
    }
    const lngLat: [number, number] = [selLon, selLat];
    p.setLngLat(lngLat).addTo(map);
    // bring the point into the upper part of the map, so the popup below it has room
    const height = map.getContainer().clientHeight;
    map.easeTo({ center: lngLat, zoom: Math.max(map.getZoom(), 8), offset: [0, -height * 0.28] });
  }, [map, selectedId, selLon, selLat, popupNode]);

  useEffect(() => () => void popup.current?.remove(), []);

  // a chooser for incidents that share one point
  useEffect(() => {
    if (!map || !chooser || !chooserNode) return;
    const p = new maplibregl.Popup({ closeOnClick: true, maxWidth: '320px', className: 'incident-popup' })
      .setLngLat(chooser.lngLat)
      .setDOMContent(chooserNode)
      .addTo(map);
    p.on('close', () => setChooser(null));
    return () => void p.remove();
  }, [map, chooser, chooserNode]);

  // the chooser's rows: each says when, where, how many died and who reports it, newest first
  const choices = chooser
    ? chooser.ids
        .map((id) => ({ id, p: incidents?.features.find((x) => x.id === id)?.properties }))
        .sort((a, b) => (b.p?.date ?? '').localeCompare(a.p?.date ?? '') || a.id.localeCompare(b.id))
    : [];

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: MapLibre owns this element's children; a <section> would change nothing for readers */}
      <div
        ref={container}
        className="h-full w-full"
        role="region"
        aria-label={t('mapLabel')}
        data-testid="map"
        data-map-ready={map ? 'true' : 'false'}
        // the map's own elements live in here: neither hydration nor a re-render may touch them
        // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant empty string, so React never manages MapLibre's children
        dangerouslySetInnerHTML={EMPTY_HTML}
      />
      {failed && (
        <div
          // dark classes for a page that draws dark itself (the embed); a page themed by app/dark.css inverts the light ones
          className={`absolute inset-0 z-[3] overflow-auto p-4 text-sm ${asked === 'dark' ? 'bg-slate-900 text-slate-100' : 'bg-slate-50 text-slate-900'}`}
        >
          <p role="alert" data-testid="map-unavailable" className="max-w-prose">
            {t('mapUnavailable')}
          </p>
          {selectedIncident && <div className="mt-3 max-w-md">{props.renderIncident(selectedIncident)}</div>}
          {!selectedIncident && props.unavailable}
        </div>
      )}
      {selectedFeature && popupNode && createPortal(props.renderIncident(selectedFeature.id), popupNode)}
      {chooser &&
        chooserNode &&
        createPortal(
          <div className="p-3" data-testid="incident-chooser">
            <p className="mb-2 text-sm font-semibold">{t('clusterOf', { n: chooser.ids.length })}</p>
            {/* within the map's height (a size container): the popup stands above or below the group, whole */}
            <ul className="max-h-[min(18rem,30cqh)] space-y-1 overflow-y-auto">
              {choices.map(({ id, p }) => (
                <li key={id}>
                  <button
                    type="button"
                    className="w-full rounded px-2 py-1 text-start text-sm hover:bg-slate-100 focus:outline-2 focus:outline-blue-600"
                    onClick={() => {
                      setChooser(null);
                      cb.current.onSelectIncident(id);
                    }}
                  >
                    {p ? <IncidentChoice p={p} lang={lang} t={t} sourceName={props.sourceName ?? ((s) => s)} /> : id}
                  </button>
                </li>
              ))}
            </ul>
          </div>,
          chooserNode,
        )}
    </>
  );
}
