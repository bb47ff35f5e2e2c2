import { EVENT_TYPE_IDS, type EventType } from './domain/taxonomy';
import type { Lang } from './i18n/messages';

/**
 * What the URL holds, so a link restores the same view: language, selection and filters.
 * Unknown or malformed values are dropped rather than trusted.
 */
export interface ViewState {
  lang: Lang;
  incident: string | null;
  place: string | null;
  from: string | null;
  to: string | null;
  types: EventType[];
  actor: string | null;
  /** the map's camera, as "zoom/lat/lon" in the URL (like OpenStreetMap's map=) */
  camera: Camera | null;
}

/** The filters of a view, all cleared. */
export const NO_FILTERS: Pick<ViewState, 'from' | 'to' | 'types' | 'actor'> = { from: null, to: null, types: [], actor: null };

export interface Camera {
  zoom: number;
  lat: number;
  lon: number;
}

export function parseCamera(v: string | null): Camera | null {
  if (!v) return null;
  const parts = v.split('/');
  if (parts.length !== 3 || parts.some((p) => p.trim() === '')) return null;
  const [zoom, lat, lon] = parts.map(Number) as [number, number, number];
  if (![zoom, lat, lon].every(Number.isFinite)) return null;
  if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return null;
  return { zoom, lat, lon };
}

export function formatCamera(c: Camera): string {
  return `${c.zoom.toFixed(2)}/${c.lat.toFixed(5)}/${c.lon.toFixed(5)}`;
}

const ID = /^[a-z0-9][a-z0-9-]{1,99}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(sp: Params, key: string): string | null {
  if (sp instanceof URLSearchParams) return sp.get(key);
  const v = sp[key];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

export function readViewState(sp: Params, lang: Lang): ViewState {
  const id = (k: string) => {
    const v = get(sp, k);
    return v && ID.test(v) ? v : null;
  };
  const day = (k: string) => {
    const v = get(sp, k);
    return v && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
  };
  const types = (get(sp, 'type') ?? '').split(',').filter((t): t is EventType => (EVENT_TYPE_IDS as string[]).includes(t));
  return {
    lang,
    incident: id('incident'),
    place: id('place'),
    from: day('from'),
    to: day('to'),
    types,
    actor: id('actor'),
    camera: parseCamera(get(sp, 'view')),
  };
}

export function viewStateToSearch(s: ViewState): string {
  const sp = new URLSearchParams();
  sp.set('lang', s.lang);
  if (s.incident) sp.set('incident', s.incident);
  if (s.place) sp.set('place', s.place);
  if (s.from) sp.set('from', s.from);
  if (s.to) sp.set('to', s.to);
  if (s.types.length) sp.set('type', s.types.join(','));
  if (s.actor) sp.set('actor', s.actor);
  if (s.camera) sp.set('view', formatCamera(s.camera));
  return `?${sp.toString()}`.replace(/%2F/g, '/');
}

function filterParams(s: Pick<ViewState, 'from' | 'to' | 'types' | 'actor'>, sp = new URLSearchParams()): URLSearchParams {
  if (s.from) sp.set('from', s.from);
  if (s.to) sp.set('to', s.to);
  if (s.types.length) sp.set('type', s.types.join(','));
  if (s.actor) sp.set('actor', s.actor);
  return sp;
}

/** The API query for the filters of a view (selection does not filter). */
export function incidentsQuery(s: Pick<ViewState, 'from' | 'to' | 'types' | 'actor'>): string {
  return `/api/incidents?${filterParams(s, new URLSearchParams({ limit: '500' })).toString()}`;
}

/** The export routes' query for the filters of a view ("" when nothing is filtered). */
export function exportQuery(s: Pick<ViewState, 'from' | 'to' | 'types' | 'actor'>): string {
  const sp = filterParams(s);
  return sp.size ? `?${sp.toString()}` : '';
}

type Filters = Pick<ViewState, 'from' | 'to' | 'types' | 'actor'>;

/** The TileJSON of the map's vector tiles for the filters of a view. */
export function tilesQuery(s: Filters): string {
  const sp = filterParams(s);
  return `/api/tiles.json${sp.size ? `?${sp.toString()}` : ''}`;
}

/** The histogram of the filters of a view (its net deaths in all). */
export function histogramQuery(s: Filters, bin: 'day' | 'week' | 'month' = 'month'): string {
  return `/api/histogram?${filterParams(s, new URLSearchParams({ bin })).toString()}`;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The places to label for a view: those in its box, widened to a grid whose step follows the
 * box's size, so small pans ask the same URL again (and hit the cache) and labels at the edge
 * are already there. At most `limit`, the busiest first.
 */
export function placesQuery([w, south, e, n]: [number, number, number, number], limit = 500): string {
  const span = Math.max(e - w, n - south, 1e-6);
  const step = Math.max(1 / 64, 2 ** Math.ceil(Math.log2(span / 2)));
  const box = [
    clamp(Math.floor(w / step) * step, -180, 180),
    clamp(Math.floor(south / step) * step, -90, 90),
    clamp(Math.ceil(e / step) * step, -180, 180),
    clamp(Math.ceil(n / step) * step, -90, 90),
  ];
  return `/api/places?${new URLSearchParams({ bbox: box.join(','), limit: String(limit) }).toString()}`;
}

/** The newest incidents inside a box (the map's view), for the list when the whole set is too large to send: as a list shows them. */
export function viewportQuery(s: Filters, [w, south, e, n]: [number, number, number, number], limit = 200): string {
  const box = [clamp(w, -180, 180), clamp(south, -90, 90), clamp(e, -180, 180), clamp(n, -90, 90)].map((v) => v.toFixed(4)).join(',');
  return `/api/incidents?${filterParams(s, new URLSearchParams({ limit: String(limit), bbox: box, fields: 'brief' })).toString()}`;
}
