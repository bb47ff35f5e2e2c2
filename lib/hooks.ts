'use client';
import useSWR, { type SWRConfiguration } from 'swr';
import type { Actor, Source } from './domain/schema';
import type { EVENT_TYPES } from './domain/taxonomy';
import type { Histogram } from './timeline';
import type {
  Feature,
  FeatureCollection,
  IncidentBriefProps,
  IncidentCollection,
  IncidentDetailProps,
  IncidentProps,
} from '@/lib/incident/geojson';
import type { PlaceDetailProps, PlaceProps } from './api/geojson';

/** An API failure, carrying the problem+json title and status when the server sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('the server could not be reached', 0);
  }
  if (!res.ok) {
    const problem = await res.json().catch(() => null);
    throw new ApiError(problem?.title ?? `HTTP ${res.status}`, res.status);
  }
  return res.json() as Promise<T>;
}

export interface IncidentSet extends FeatureCollection<IncidentProps> {
  /** how many incidents match the filters in all (or at least, when `exact` is false) */
  numberMatched: number;
  exact: boolean;
  /** whether `features` holds every one of them */
  complete: boolean;
}

/** Follows `nextCursor` so the map holds every incident matching the filters, when they are at most `small`. */
async function fetchAllIncidents([url, small]: readonly [string, number]): Promise<IncidentSet> {
  const first = await fetchJson<IncidentCollection>(url);
  const exact = first.numberMatchedAtLeast === undefined;
  const numberMatched = first.numberMatched ?? first.numberMatchedAtLeast ?? first.features.length;
  const features = [...first.features];
  if (!exact || numberMatched > small) return { type: 'FeatureCollection', features, numberMatched, exact, complete: false };
  let next: string | null = first.nextCursor ? `${url}&cursor=${encodeURIComponent(first.nextCursor)}` : null;
  while (next) {
    const body: IncidentCollection = await fetchJson<IncidentCollection>(next);
    features.push(...body.features);
    next = body.nextCursor ? `${url}&cursor=${encodeURIComponent(body.nextCursor)}` : null;
  }
  return { type: 'FeatureCollection', features, numberMatched, exact, complete: true };
}

const opts: SWRConfiguration = { revalidateOnFocus: false, shouldRetryOnError: false, keepPreviousData: true };

export function useIncidents(url: string, small: number) {
  return useSWR([url, small] as const, fetchAllIncidents, opts);
}

/** One page of incidents with how many match in all (a list of those in view). */
export function useIncidentPage(url: string | null) {
  return useSWR(url, (u: string) => fetchJson<IncidentCollection<IncidentBriefProps>>(u), opts);
}

/** The URL template of the map's vector tiles for some filters (from their TileJSON). */
export function useTiles(url: string | null) {
  return useSWR(url, async (u: string) => (await fetchJson<{ tiles: string[] }>(u)).tiles[0] ?? null, opts);
}

export function useHistogram(url: string | null) {
  return useSWR(url, (u: string) => fetchJson<Histogram>(u), opts);
}

/** Syria's outline for the locator inset (a static file of the build, cached for good by the browser). */
export function useSyriaOutline() {
  return useSWR('/generated/basemap/syria-outline.geojson', (u: string) => fetchJson<GeoJSON.FeatureCollection>(u), opts);
}

/** Places to label, from `placesQuery` (null: not yet known). */
export function usePlaces(url: string | null) {
  return useSWR(url, (u: string) => fetchJson<FeatureCollection<PlaceProps>>(u), opts);
}

export function useIncident(id: string | null) {
  return useSWR(id ? `/api/incidents/${encodeURIComponent(id)}` : null, (u: string) => fetchJson<Feature<IncidentDetailProps>>(u), opts);
}

/** A place's details; as a pinned view published them when `viewId` is given. */
export function usePlace(id: string | null, viewId: string | null = null) {
  const key =
    id && (viewId ? `/api/views/${encodeURIComponent(viewId)}/places/${encodeURIComponent(id)}` : `/api/places/${encodeURIComponent(id)}`);
  return useSWR(key || null, (u: string) => fetchJson<Feature<PlaceDetailProps>>(u), opts);
}

export interface Catalogue {
  eventTypes: typeof EVENT_TYPES;
  actors: Actor[];
  sources: Source[];
  /** the store holds generated (synthetic) incidents */
  synthetic: boolean;
}

/** What GET /api/session says: the signed-in editor and the CSRF token their writes carry, or `editor: null`. */
export interface EditorSession {
  editor: { name: string; role: string } | null;
  csrf?: string;
  /** signed in with a one-time password, not yet changed: nothing may be written */
  mustChangePassword?: boolean;
}

/** The signed-in editor, when there is one (GET /api/session; the cookie is sent to /api only). */
export function useEditorSession() {
  return useSWR('/api/session', (u: string) => fetchJson<EditorSession>(u), {
    ...opts,
    shouldRetryOnError: false,
  });
}

export function useCatalogue() {
  return useSWR('/api/catalogue', (u: string) => fetchJson<Catalogue>(u), opts);
}
