/**
 * What a view shows: its incidents with everything their popups need, the snapshot a pinned
 * view keeps, and publication. Above the store (it shapes incidents as GeoJSON features).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { type Feature, type IncidentDetailProps, incidentDetailFeature } from '@/lib/incident/geojson';
import { type Count, type IncidentFilter, Params, pointFilter } from '@/lib/db/incident-filter';
import { countIncidents, listIncidents } from '@/lib/db/incident-lists';
import { listActors, listSources } from '@/lib/db/catalog';
import type { Author } from '@/lib/db/history';
import type { Db } from '@/lib/db/store';
import { getSnapshot, publishView, type StoredSnapshot } from '@/lib/db/views';
import type { View, ViewSpec } from '@/lib/domain/view';

type Q = Pick<Db, 'query'>;

export type Snapshot = StoredSnapshot<Feature<IncidentDetailProps>>;

/** A pinned view's snapshot, as the embed draws it. */
export function viewSnapshot(db: Q, id: string): Promise<Snapshot | null> {
  return getSnapshot<Feature<IncidentDetailProps>>(db, id);
}

/**
 * Publishes a view. Pinned, it keeps the incidents as they are now; unpinned, it follows the
 * data. Publishing again takes a new snapshot.
 */
export async function publish(db: Q & Partial<Pick<Db, 'transaction'>>, view: View, pin: boolean, author?: Author): Promise<View | null> {
  let snapshot: Snapshot | null = null;
  if (pin) {
    const [incidents, matched] = await Promise.all([viewIncidents(db, view.spec), viewCount(db, view.spec)]);
    snapshot = { takenAt: new Date().toISOString(), hash: contentHash(incidents), incidents, matched };
  }
  return publishView(db, view.id, snapshot, author);
}

/** At most this many incidents, the oldest, go in a pinned view's snapshot (a cut its embed states). */
export const MAX_VIEW_INCIDENTS = 2000;

/**
 * Up to this many matching incidents an embed carries them in its page (every popup ready, no
 * request); past it, it draws vector tiles and fetches an incident when a reader opens it.
 * EMBED_INLINE_MAX changes it.
 */
export const embedInlineMax = () => {
  const n = Number(process.env.EMBED_INLINE_MAX);
  return Number.isInteger(n) && n >= 0 ? n : 300;
};

/** How many incidents a part of a view's read holds on PGlite. */
const PGLITE_PAGE = 100;

/** A view's filters as the store reads them. */
export function viewFilter(spec: ViewSpec): IncidentFilter {
  const f = spec.filters;
  return {
    limit: 500,
    order: 'oldest',
    from: f.from,
    to: f.to,
    types: f.types?.length ? f.types : undefined,
    places: f.places?.length ? f.places : undefined,
    actors: f.actors?.length ? f.actors : undefined,
  };
}

/** How many incidents a view matches, counted no further than it needs to know. */
export function viewCount(db: Q, spec: ViewSpec): Promise<Count> {
  const { limit: _l, order: _o, ...f } = viewFilter(spec);
  return countIncidents(db, f);
}

/** The sources the incidents of a view cite (ids), read from the narrow table. */
export async function viewSourceIds(db: Q, spec: ViewSpec): Promise<string[]> {
  const { limit: _l, order: _o, ...f } = viewFilter(spec);
  const p = new Params();
  const where = pointFilter(f, p);
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT s AS id FROM incident_points p CROSS JOIN LATERAL unnest(p.sources) AS s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    p.values,
  );
  return rows.map((r) => r.id);
}

/** The incidents a view shows (its filters; its bounds only frame the map), with everything their popups need, oldest first. */
export async function viewIncidents(
  db: Q & Partial<Pick<Db, 'dialect' | 'whenIdle'>>,
  spec: ViewSpec,
  {
    bbox,
    partSize,
  }: {
    /** only those in this box (a still image draws its view's bounds, and nothing around them) */
    bbox?: [number, number, number, number];
    /** incidents a part of the read holds, each part after the requests that came meanwhile (PGlite's parts are shorter still) */
    partSize?: number;
  } = {},
): Promise<Feature<IncidentDetailProps>[]> {
  // on PGlite, which answers one query at a time, in short pages with the requests that came
  // meanwhile answered between them (a still image or a pinned view reads up to 2,000)
  const limit = Math.min(partSize ?? Number.POSITIVE_INFINITY, db.dialect === 'pglite' ? PGLITE_PAGE : Number.POSITIVE_INFINITY);
  const filter = { ...viewFilter(spec), ...(bbox ? { bbox } : {}), ...(Number.isFinite(limit) ? { limit } : {}) };
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  const out: Feature<IncidentDetailProps>[] = [];
  for (let cursor: IncidentFilter['cursor']; out.length < MAX_VIEW_INCIDENTS; ) {
    if (cursor) {
      await db.whenIdle?.();
      // this thread's own share (rows into features) given back between parts, on PostgreSQL too
      await new Promise((resolve) => setImmediate(resolve));
    }
    const page = await listIncidents(db, { ...filter, cursor });
    out.push(...page.incidents.map((i) => incidentDetailFeature(i, sources, actors)));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** A hash of what readers see (not of bookkeeping such as update times): equal hashes, same map. */
export function contentHash(incidents: Feature<IncidentDetailProps>[]): string {
  // what a reader sees: not when it was written, nor how many times (a correction undone reads as no correction)
  const seen = incidents.map(({ properties: { updatedAt: _u, revision: _r, ...p }, ...f }) => ({ ...f, properties: p }));
  return createHash('sha256').update(JSON.stringify(seen)).digest('base64url');
}
