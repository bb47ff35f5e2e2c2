import { createHash } from 'node:crypto';
import type { Feature, IncidentDetailProps } from '../api/geojson';
import { incidentDetailFeature } from '../api/geojson';
import { newViewId, viewSpecSchema, type View, type ViewSpec } from '../domain/view';
import { listActors, listIncidents, listSources, type IncidentFilter } from './queries';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;

interface ViewRow {
  id: string;
  spec: unknown;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  pinned: boolean;
}
const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ${col}`;
const VIEW_COLUMNS = `id, spec, ${ISO('created_at')}, ${ISO('updated_at')}, ${ISO('published_at')}, pinned`;

function toView(r: ViewRow): View {
  // specs are validated on the way in; parsing again guards against rows written by hand
  return {
    id: r.id,
    spec: viewSpecSchema.parse(r.spec),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    pinned: r.pinned,
  };
}

export async function createView(db: Q, spec: ViewSpec): Promise<View> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const rows = await db.query<ViewRow>(
      `INSERT INTO views (id, spec) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING ${VIEW_COLUMNS}`,
      [newViewId(), JSON.stringify(spec)],
    );
    if (rows[0]) return toView(rows[0]);
  }
  throw new Error('could not find a free view id');
}

export async function getView(db: Q, id: string): Promise<View | null> {
  const [row] = await db.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM views WHERE id = $1`, [id]);
  return row ? toView(row) : null;
}

export async function updateView(db: Q, id: string, spec: ViewSpec): Promise<View | null> {
  const [row] = await db.query<ViewRow>(`UPDATE views SET spec = $2, updated_at = now() WHERE id = $1 RETURNING ${VIEW_COLUMNS}`, [
    id,
    JSON.stringify(spec),
  ]);
  return row ? toView(row) : null;
}

/** The snapshot a pinned view keeps showing: its incidents as they were at publication. */
export interface Snapshot {
  takenAt: string;
  hash: string;
  incidents: Feature<IncidentDetailProps>[];
}

export async function getSnapshot(db: Q, id: string): Promise<Snapshot | null> {
  const [row] = await db.query<{ snapshot: Snapshot | null }>('SELECT snapshot FROM views WHERE id = $1 AND pinned', [id]);
  return row?.snapshot ?? null;
}

/**
 * Publishes a view. Pinned, it keeps the incidents as they are now; unpinned, it follows the
 * data. Publishing again takes a new snapshot.
 */
export async function publishView(db: Q, id: string, pin: boolean): Promise<View | null> {
  const view = await getView(db, id);
  if (!view) return null;
  let snapshot: Snapshot | null = null;
  if (pin) {
    const incidents = await viewIncidents(db, view.spec);
    snapshot = { takenAt: new Date().toISOString(), hash: contentHash(incidents), incidents };
  }
  const [row] = await db.query<ViewRow>(
    `UPDATE views SET published_at = now(), pinned = $2, snapshot = $3, snapshot_hash = $4 WHERE id = $1 RETURNING ${VIEW_COLUMNS}`,
    [id, pin, snapshot && JSON.stringify(snapshot), snapshot?.hash ?? null],
  );
  return row ? toView(row) : null;
}

const MAX_VIEW_INCIDENTS = 2000;

/** The incidents a view shows (its filters; its bounds only frame the map), with everything their popups need, oldest first. */
export async function viewIncidents(db: Q, spec: ViewSpec): Promise<Feature<IncidentDetailProps>[]> {
  const f = spec.filters;
  const filter: IncidentFilter = {
    limit: 500,
    order: 'oldest',
    from: f.from,
    to: f.to,
    types: f.types?.length ? f.types : undefined,
    places: f.places?.length ? f.places : undefined,
    actors: f.actors?.length ? f.actors : undefined,
  };
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  const out: Feature<IncidentDetailProps>[] = [];
  for (let cursor: IncidentFilter['cursor']; out.length < MAX_VIEW_INCIDENTS; ) {
    const page = await listIncidents(db, { ...filter, cursor });
    out.push(...page.incidents.map((i) => incidentDetailFeature(i, sources, actors)));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** A hash of what readers see (not of bookkeeping such as update times): equal hashes, same map. */
export function contentHash(incidents: Feature<IncidentDetailProps>[]): string {
  const seen = incidents.map(({ properties: { updatedAt: _u, ...p }, ...f }) => ({ ...f, properties: p }));
  return createHash('sha256').update(JSON.stringify(seen)).digest('base64url');
}
