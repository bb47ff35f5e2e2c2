'use client';
/**
 * Making the map: its style from the first data (map-start), the images its symbols use, the
 * basemap layers added once it has drawn its first frame, its controls; and the setters the map's
 * child components use, which leave an equal value alone.
 */
import * as maplibregl from 'maplibre-gl';
import { PALETTES } from '@/geo/palette';
import type { Located } from '@/geo/precision';
import { INITIAL_VIEW, WIDE_BBOX } from '@/geo/region';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
import type { Lang } from '@/lib/i18n/messages';
import { DISC_PREFIX, DISC_RADII, discImage, discRadius, mixImage, mixOfName, mixSize } from './map-icons';
import { keepNamesClearOfControls } from './map-keep-clear';
import { INTERACTIVE_LAYERS } from './map-layers';
import { TILE_LAYERS } from './map-tile-layers';
import { groupItemsOf } from '@/lib/incident/marker';
import { MAX_ZOOM, MIN_ZOOM, type MapStart, startStyle, startZoom } from './map-start';
import type { GroupItem } from '@/geo/grouping';

/** MapLibre's worker, copied to our origin at build time (scripts/prepare-assets.ts) */
export const MAPLIBRE_WORKER_PATH = '/generated/maplibre-gl-worker.mjs';

export function setSource(map: maplibregl.Map, id: string, data: GeoJSON.FeatureCollection) {
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
export function setFilter(map: maplibregl.Map, layer: string, filter: maplibregl.FilterSpecification) {
  if (!same(map.getFilter(layer), filter)) map.setFilter(layer, filter);
}
export function setLayout(map: maplibregl.Map, layer: string, name: 'text-field', value: maplibregl.ExpressionSpecification) {
  if (map.getLayer(layer) && !same(map.getLayoutProperty(layer, name), value)) map.setLayoutProperty(layer, name, value);
}

/** The incidents a map's sources group (geo/grouping), and the whole zoom they are grouped for. */
export interface Grouped {
  items: GroupItem[];
  zoom: number;
}
/** What each map's incident sources were last grouped from (MapData keeps it; a click on a group reads it). */
export const groupedOn = new WeakMap<maplibregl.Map, Grouped>();

/** Where a feature under the pointer may lie: an incident by its precision, a province's group as its province. */
export function locatedOf(f: maplibregl.MapGeoJSONFeature): Located | null {
  if (f.geometry.type !== 'Point') return null;
  const [lon, lat] = f.geometry.coordinates as [number, number];
  if (f.layer.id === INTERACTIVE_LAYERS.provinceGroups) return { id: `group-${f.properties.group}`, lon, lat, geoPrecision: 3 };
  const incidentLayers: string[] = [INTERACTIVE_LAYERS.incidents, INTERACTIVE_LAYERS.provinceIncidents, TILE_LAYERS.incidents];
  const precision = Number(f.properties.geoPrecision);
  if (!incidentLayers.includes(f.layer.id) || (precision !== 1 && precision !== 2 && precision !== 3)) return null;
  return { id: String(f.properties.id), lon, lat, geoPrecision: precision };
}

/** The layers a click or hover looks at: ours, and the tiles' when the map has them. */
export const interactiveLayers = (m: maplibregl.Map) => [
  ...Object.values(INTERACTIVE_LAYERS),
  ...(m.getLayer(TILE_LAYERS.incidents) ? [TILE_LAYERS.incidents, TILE_LAYERS.clusters] : []),
];

export function createMap(container: HTMLElement, o: MapStart): maplibregl.Map {
  maplibregl.setWorkerUrl(new URL(o.workerUrl ?? MAPLIBRE_WORKER_PATH, window.location.origin).href);
  const zoom = startZoom(o, container.clientWidth, container.clientHeight);
  const { style, later, firstOverlay, names, symbols } = startStyle(o, window.location.origin, zoom);
  const grouped: Grouped = { items: groupItemsOf(o.incidents?.features ?? [], o.highlighted ?? []), zoom: Math.floor(zoom) };
  const m = new maplibregl.Map({
    container,
    style,
    center: o.initialCamera ? [o.initialCamera.lon, o.initialCamera.lat] : INITIAL_VIEW.center,
    zoom: o.initialCamera?.zoom ?? INITIAL_VIEW.zoom,
    ...(o.initialBounds ? { bounds: o.initialBounds, fitBoundsOptions: { padding: 24 } } : {}),
    maxZoom: MAX_ZOOM,
    // the offline style is made by our own code and checked against the style specification by a unit
    // test (tests/unit/style-valid.test.ts), every palette and language: not again on every page load
    validateStyle: typeof style === 'string',
    // no frame beyond the basemap's data: MapLibre zooms in rather than show past it
    minZoom: MIN_ZOOM,
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
    // a group's ring split by type: one image per radius and mix of shares. A view of many groups asks
    // for many at once: each is laid empty at once (the layout needs its size) and drawn a few at a time
    // between frames, so that no long task holds the page
    else if (mix) {
      const size = mixSize(mix.r);
      m.addImage(id, { width: size, height: size, data: new Uint8Array(size * size * 4) });
      ringsToDraw.push({ id, r: mix.r, shares: mix.shares });
      if (ringsToDraw.length === 1) setTimeout(drawRings, 0);
    }
  });
  const ringsToDraw: { id: string; r: number; shares: number[] }[] = [];
  const drawRings = () => {
    const until = performance.now() + RING_BUDGET_MS;
    while (ringsToDraw.length && performance.now() < until) {
      const ring = ringsToDraw.shift();
      if (ring && m.hasImage(ring.id)) m.updateImage(ring.id, mixImage(ring.r, ring.shares, typeColours));
    }
    if (ringsToDraw.length) setTimeout(drawRings, 0);
  };
  m.once('remove', () => {
    ringsToDraw.length = 0;
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
  groupedOn.set(m, grouped);
  // the map instance, reachable from its element for browser tests and debugging (read-only use)
  Object.defineProperty(container, 'maplibreMap', { value: m, configurable: true });
  m.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  // the credits start folded behind their (i) button, as they do once the map is moved: unfolded,
  // the basemap's long credit line would cover the bottom of the frame
  m.once('idle', () => container.querySelector('.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show'));
  return m;
}

/** How long a turn of drawing groups' rings may take before the page gets its thread back. */
const RING_BUDGET_MS = 8;

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
export function placeZoomButtons(m: maplibregl.Map, lang: Lang): boolean {
  const corner = lang === 'ar' ? 'top-left' : 'top-right';
  const known = zoomButtons.get(m);
  if (known?.corner === corner) return false;
  if (known) m.removeControl(known.control);
  const control = new maplibregl.NavigationControl({ showCompass: false });
  zoomButtons.set(m, { control, corner });
  m.addControl(control, corner);
  return true;
}

export const sameStart = (a: MapStart, b: MapStart) =>
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

export const earlyMaps = new WeakMap<HTMLElement, { map: maplibregl.Map; options: MapStart; loaded: boolean }>();

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
