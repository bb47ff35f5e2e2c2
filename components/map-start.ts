/**
 * What the map starts from, without MapLibre itself (unit-tested against the style specification):
 * the overlay's sources holding the first data, their layers, and the whole first style.
 */
import type { GeoJSONSourceSpecification, StyleSpecification } from 'maplibre-gl';
import { foldText } from '@/lib/domain/text';
import { AREA_SOURCES } from './map-areas';
import { type GroupItem, groupMarks } from '@/geo/grouping';
import { INITIAL_VIEW } from '@/geo/region';
import { GROUP_FROM, groupRadiusPx, incidentRadiusPx, spreadDistance } from '@/geo/symbols';
import { basemapStyle, type BasemapGeography, splitBasemap } from '@/geo/basemap-style';
import { PALETTES, type PaletteName } from '@/geo/palette';
import type { FeatureCollection, IncidentBriefProps } from '@/lib/incident/geojson';
import { groupItemsOf, groupMarker, incidentMarker } from '@/lib/incident/marker';
import type { PlacePointProps } from '@/lib/api/geojson';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { textIn } from '@/lib/i18n/text';
import { KEEP_CLEAR, overlayLayers, SELECTED_PLACE, SOURCES } from './map-layers';
import { isIncidentSymbol, startCircleLayers } from './map-start-layers';

export type BBox = [number, number, number, number];
export interface Camera {
  zoom: number;
  lat: number;
  lon: number;
}

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The marks drawn at a zoom (geo/grouping), with flat properties for the map's sources (MapLibre
 * cannot style nested objects): an incident's own, or a group's count, deaths, rings and type mix.
 */
function incidentSourceData(
  fc: FeatureCollection<IncidentBriefProps> | undefined,
  items: readonly GroupItem[],
  lang: Lang,
  zoom: number,
): GeoJSON.FeatureCollection {
  if (!fc) return EMPTY;
  const byId = new Map(fc.features.map((f) => [f.id, f]));
  const ringed = new Set(items.filter((it) => it.highlighted).map((it) => it.id));
  const features: GeoJSON.Feature[] = [];
  for (const m of groupMarks(items, Math.floor(zoom))) {
    const geometry: GeoJSON.Point = { type: 'Point', coordinates: [m.lon, m.lat] };
    if (m.kind === 'group') {
      const marker = groupMarker({ ...m, count: m.ids.length });
      features.push({ type: 'Feature', geometry, properties: { ...marker, group: m.key, ids: JSON.stringify(m.ids) } });
      continue;
    }
    const f = byId.get(m.id);
    if (!f) continue;
    const marker = incidentMarker({
      id: f.id,
      eventType: f.properties.eventType,
      geoPrecision: f.properties.geoPrecision,
      killedMax: f.properties.killed?.high ?? 0,
      contested: f.properties.contested.length > 0,
      highlighted: ringed.has(f.id),
      dir: m.dir,
      d: m.d,
    });
    features.push({ type: 'Feature', geometry, properties: { ...marker, title: textIn(f.properties.title, lang) } });
  }
  return { type: 'FeatureCollection', features };
}

export function placeSourceData(
  fc: FeatureCollection<PlacePointProps> | undefined,
  incidents: FeatureCollection<IncidentBriefProps> | undefined,
): GeoJSON.FeatureCollection {
  if (!fc) return EMPTY;
  const room = labelRoom(incidents);
  const named = namedPlaces(fc, incidents);
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        id: f.id,
        kind: f.properties.kind,
        // the places the incidents shown name are labelled first, then those with the most incidents
        rank: (named.has(f.id) ? 1_000_000 : 0) + incidentCountOf(f.properties),
        // how far the name stands from its point: clear of the incidents drawn there, grouped (`gap`) and,
        // zoomed in past the groups, spread around it (`gapSpread`)
        // (a dot alone: its 3 px, its edge, the 4 px its icon holds beyond it, and a pixel)
        gap: room.get(f.geometry.coordinates.join(','))?.grouped ?? 9,
        gapSpread: room.get(f.geometry.coordinates.join(','))?.spread ?? 9,
        name_en: f.properties.name.en,
        name_fr: f.properties.name.fr,
        name_ar: f.properties.name.ar,
      },
    })),
  };
}

/** A place's incident count, when the places came with one (GET /api/places). */
const incidentCountOf = (p: PlacePointProps): number => {
  const n = (p as { incidentCount?: unknown }).incidentCount;
  return typeof n === 'number' ? n : 0;
};

/**
 * The places the incidents name: where each is located, and those their titles and summaries
 * mention by a name in any language (Saraqib, Sarmin, Idlib in the seed's texts). Skipped for large
 * sets, whose places are ranked by their incident counts alone.
 */
function namedPlaces(
  places: FeatureCollection<PlacePointProps>,
  incidents: FeatureCollection<IncidentBriefProps> | undefined,
): Set<string> {
  const named = new Set<string>();
  if (!incidents || incidents.features.length > 500) return named;
  for (const f of incidents.features) named.add(f.properties.placeId);
  const texts = foldText(
    incidents.features.flatMap((f) => [...Object.values(f.properties.title), ...Object.values(f.properties.summary)]).join(' \n '),
  );
  for (const p of places.features) {
    const names = [p.properties.name.en, p.properties.name.fr, ...(p.properties.aliases ?? [])].map(foldText).filter((n) => n.length > 3);
    if (names.some((n) => new RegExp(`(^|[^a-z0-9])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`).test(texts))) named.add(p.id);
  }
  return named;
}

/**
 * For each point incidents are drawn at, how far a name must stand from it (pixels): clear of the
 * largest disc there. Incidents spread around the point hold their own room, so a name placed on
 * their side is refused and moves to a side that is free, close to them, rather than standing as far
 * as the widest spread in every direction (and seeming to name the next town's dot).
 */
function labelRoom(fc: FeatureCollection<IncidentBriefProps> | undefined): Map<string, { grouped: number; spread: number }> {
  const room = new Map<string, { grouped: number; spread: number }>();
  if (!fc) return room;
  const at = new Map<string, { n: number; killed: number; rMax: number; province: boolean }>();
  for (const f of fc.features) {
    const key = f.geometry.coordinates.join(',');
    const killed = f.properties.killed?.high ?? 0;
    const known = at.get(key) ?? { n: 0, killed: 0, rMax: 0, province: false };
    at.set(key, {
      n: known.n + 1,
      killed: known.killed + killed,
      rMax: Math.max(known.rMax, incidentRadiusPx(killed)),
      province: known.province || f.properties.geoPrecision === 3,
    });
  }
  // the icons hold 4 px beyond their discs (map-icons), and the name a few more; four and more at one
  // point are drawn as one group, as large as their deaths make it, until the town's incidents are
  // ungrouped (past TOWN_GROUPS_TO): then spread around the point (up to eight), the name beyond them
  for (const [key, p] of at) {
    const grouped = (p.n >= GROUP_FROM ? groupRadiusPx(p.killed) : p.rMax) + 9;
    const d = p.n >= GROUP_FROM && !p.province ? spreadDistance(p.rMax, p.n) : 0;
    room.set(key, { grouped, spread: d ? d + p.rMax + 9 : grouped });
  }
  return room;
}

export const isProvinceOnly = (f: GeoJSON.Feature) => f.properties?.geoPrecision === 3;

/**
 * The incidents, grouped at a zoom, split between the two incident sources: located points, and
 * province-level ones; with what they were grouped from (a click on a group reads it).
 */
export function incidentSources(
  fc: FeatureCollection<IncidentBriefProps> | undefined,
  lang: Lang,
  highlighted: readonly string[],
  zoom: number,
) {
  const items = groupItemsOf(fc?.features ?? [], highlighted);
  const data = incidentSourceData(fc, items, lang, zoom);
  return {
    items,
    points: { type: 'FeatureCollection' as const, features: data.features.filter((f) => !isProvinceOnly(f)) },
    province: { type: 'FeatureCollection' as const, features: data.features.filter(isProvinceOnly) },
  };
}

/**
 * The overlay's sources holding the data known when the map is created, so that the basemap
 * and the incidents load together (an embed carries its incidents in the page).
 */
function overlaySources(o: MapStart, zoom: number): Record<string, GeoJSONSourceSpecification> {
  const split = incidentSources(o.incidents, o.lang, o.highlighted ?? [], zoom);
  return {
    // empty until an incident is selected or hovered (map-areas)
    [AREA_SOURCES.town]: { type: 'geojson', data: EMPTY },
    [AREA_SOURCES.province]: { type: 'geojson', data: EMPTY },
    // the open place, ringed (empty while no place panel is open)
    [SELECTED_PLACE]: { type: 'geojson', data: EMPTY },
    // laid once the map has drawn (map-keep-clear)
    [KEEP_CLEAR]: { type: 'geojson', data: EMPTY },
    places: { type: 'geojson', data: placeSourceData(o.places, o.incidents) },
    // grouped by geo/grouping at the map's zoom (set again as the zoom crosses a whole number: MapData)
    [SOURCES.incidents]: { type: 'geojson', data: split.points },
    [SOURCES.province]: { type: 'geojson', data: split.province },
  };
}

/** What a map is created from: the first data and the options that cannot change without a new map. */
export interface MapStart {
  lang: Lang;
  t: Translate;
  palette: PaletteName;
  /** a production basemap style; the offline one is used when null */
  styleUrl: string | null;
  /** the offline basemap's geography, when the page carries it (fetched otherwise) */
  geography?: Partial<BasemapGeography> | null;
  /** MapLibre's worker script (the dashboard's copy when not given) */
  workerUrl?: string;
  incidents: FeatureCollection<IncidentBriefProps> | undefined;
  places: FeatureCollection<PlacePointProps> | undefined;
  /** incidents the editor points out (ringed), also when they sit in a group */
  highlighted?: string[];
  /** where the map opens; the region's default view when null */
  initialCamera: Camera | null;
  /** or the box it opens on (an embed's bounds) */
  initialBounds?: BBox | null;
  /** inside an article: a plain wheel or one finger scrolls the page, ctrl/⌘ or two fingers move the map */
  cooperative?: boolean;
}

/** Our sources, holding the data the map starts with, and our layers on top of the basemap. */
export function overlayOf(o: MapStart, zoom: number) {
  return { sources: overlaySources(o, zoom), layers: overlayLayers(PALETTES[o.palette], o.lang) };
}

/** The map's zooms: no frame wider than the basemap's data, none closer than its roads hold. */
export const MIN_ZOOM = 4;
export const MAX_ZOOM = 14;

/** The zoom a map of `width` × `height` pixels opens at: its camera's, or the one that fits its bounds (as MapLibre fits them). */
export function startZoom(o: Pick<MapStart, 'initialCamera' | 'initialBounds'>, width: number, height: number, padding = 24): number {
  if (o.initialCamera) return o.initialCamera.zoom;
  if (!o.initialBounds) return INITIAL_VIEW.zoom;
  const [w, s, e, n] = o.initialBounds;
  const y = (lat: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  };
  const dx = ((e - w) / 360) * 512;
  const dy = (y(s) - y(n)) * 512;
  const z = Math.log2(Math.min((width - 2 * padding) / Math.max(dx, 1e-9), (height - 2 * padding) / Math.max(dy, 1e-9)));
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(z) ? z : INITIAL_VIEW.zoom));
}

/**
 * The style the map is made with: the offline basemap's first frame (geo/basemap-style
 * splitBasemap) with the overlay and its data in it, and the rest of the basemap to add once the
 * map has loaded, before the first overlay layer; or a production style's URL, which gets the
 * overlay once loaded.
 */
export function startStyle(
  o: MapStart,
  origin: string,
  /** the zoom it opens at (startZoom): the incidents are grouped for it */
  zoom: number,
): {
  style: string | StyleSpecification;
  later: ReturnType<typeof splitBasemap>['later'] | null;
  firstOverlay: string | undefined;
  /** the places, to set once the map has drawn its first frame (their source starts empty), or null */
  names: GeoJSON.FeatureCollection | null;
  /**
   * the incident symbol layers, hidden in the first style, to show once the map has loaded; and the
   * circles that stand in for them until then (map-layers startCircleLayers), to drop once they are drawn
   */
  symbols: { show: string[]; circles: string[] } | null;
} {
  if (o.styleUrl) return { style: o.styleUrl, later: null, firstOverlay: undefined, names: null, symbols: null };
  const split = splitBasemap(basemapStyle({ palette: o.palette, lang: o.lang, origin, geography: o.geography }));
  const { sources, layers } = overlayOf(o, zoom);
  // laying out the places' names has the page's thread draw every glyph they use (TinySDF, 70–160 ms on two
  // cores), which held back the frame with the first incidents (bench:embed, BENCH_CPU_PROFILE): they come after it
  const names = sources.places?.data as GeoJSON.FeatureCollection;
  // the incidents drawn first as circles, under where their symbols go (see startCircleLayers)
  const show = layers.filter(isIncidentSymbol).map((l) => l.id);
  const circles = startCircleLayers(PALETTES[o.palette]);
  const at = layers.findIndex(isIncidentSymbol);
  const overlay = layers.map((l) => (isIncidentSymbol(l) ? { ...l, layout: { ...l.layout, visibility: 'none' as const } } : l));
  return {
    style: {
      ...split.first,
      sources: { ...split.first.sources, ...sources, places: { type: 'geojson', data: EMPTY } },
      layers: [...split.first.layers, ...overlay.slice(0, at), ...circles, ...overlay.slice(at)],
    },
    later: split.later,
    firstOverlay: layers[0]?.id,
    names: names.features.length ? names : null,
    symbols: { show, circles: circles.map((l) => l.id) },
  };
}
