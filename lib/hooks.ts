'use client';
import useSWR, { type SWRConfiguration } from 'swr';
import type { Actor, Source } from './domain/schema';
import type { EVENT_TYPES } from './domain/taxonomy';
import type {
  Feature,
  FeatureCollection,
  IncidentCollection,
  IncidentDetailProps,
  IncidentProps,
  PlaceDetailProps,
  PlaceProps,
} from './api/geojson';

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

/** Follows `nextCursor` so the map holds every incident matching the filters (capped at 20 pages). */
async function fetchAllIncidents(url: string): Promise<FeatureCollection<IncidentProps>> {
  const features: Feature<IncidentProps>[] = [];
  let next: string | null = url;
  for (let page = 0; next && page < 20; page++) {
    const body: IncidentCollection = await fetchJson<IncidentCollection>(next);
    features.push(...body.features);
    next = body.nextCursor ? `${url}&cursor=${encodeURIComponent(body.nextCursor)}` : null;
  }
  return { type: 'FeatureCollection', features };
}

const opts: SWRConfiguration = { revalidateOnFocus: false, shouldRetryOnError: false, keepPreviousData: true };

export function useIncidents(url: string) {
  return useSWR(url, fetchAllIncidents, opts);
}

export function usePlaces() {
  return useSWR('/api/places', (u: string) => fetchJson<FeatureCollection<PlaceProps>>(u), opts);
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

export function useCatalogue() {
  return useSWR('/api/catalogue', (u: string) => fetchJson<Catalogue>(u), opts);
}
