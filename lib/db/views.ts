import 'server-only';
import { newViewId, viewSpecSchema, type View, type ViewSpec } from '../domain/view';
import { type Author, type ChangeAction, recordChange } from './history';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;
/** a store that can also open a transaction: a change made with an author is recorded in the same one */
type W = Q & Partial<Pick<Db, 'transaction'>>;

/**
 * Runs a write to one view; with an author, in one transaction with its history row (the view
 * before and after, its snapshot left out: the snapshot is the data's, kept whole on the view).
 */
async function recorded(
  db: W,
  author: Author | undefined,
  action: ChangeAction,
  id: string | null,
  write: (tx: Q) => Promise<View | null>,
): Promise<View | null> {
  if (!author || !db.transaction) return write(db);
  return db.transaction(async (tx) => {
    const before = id ? await getView(tx, id) : null;
    const after = await write(tx);
    const changed = after ?? before;
    if (changed) await recordChange(tx, { kind: 'view', entityId: changed.id, action: after ? action : 'delete', author, before, after });
    return after;
  });
}

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

export async function createView(db: W, spec: ViewSpec, author?: Author): Promise<View> {
  const view = await recorded(db, author, 'create', null, async (tx) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows = await tx.query<ViewRow>(
        `INSERT INTO views (id, spec) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING ${VIEW_COLUMNS}`,
        [newViewId(), JSON.stringify(spec)],
      );
      if (rows[0]) return toView(rows[0]);
    }
    return null;
  });
  if (!view) throw new Error('could not find a free view id');
  return view;
}

export async function getView(db: Q, id: string): Promise<View | null> {
  const [row] = await db.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM views WHERE id = $1`, [id]);
  return row ? toView(row) : null;
}

export async function updateView(db: W, id: string, spec: ViewSpec, author?: Author): Promise<View | null> {
  return recorded(db, author, 'update', id, async (tx) => {
    const [row] = await tx.query<ViewRow>(`UPDATE views SET spec = $2, updated_at = now() WHERE id = $1 RETURNING ${VIEW_COLUMNS}`, [
      id,
      JSON.stringify(spec),
    ]);
    return row ? toView(row) : null;
  });
}

/**
 * The snapshot a pinned view keeps showing, as the store keeps it: what the map showed at
 * publication (its shape is the embed's, decided above the store), with a hash of it.
 */
export interface StoredSnapshot<T = unknown> {
  takenAt: string;
  hash: string;
  incidents: T[];
  /** how many incidents the view matched when published (older snapshots do not say) */
  matched?: { n: number; exact: boolean };
}

export async function getSnapshot<T = unknown>(db: Q, id: string): Promise<StoredSnapshot<T> | null> {
  const [row] = await db.query<{ snapshot: StoredSnapshot<T> | null }>('SELECT snapshot FROM views WHERE id = $1 AND pinned', [id]);
  return row?.snapshot ?? null;
}

/**
 * Publishes a view: with a snapshot, pinned to it; without, following the data. Publishing
 * again replaces the snapshot.
 */
export async function publishView(db: W, id: string, snapshot: StoredSnapshot | null, author?: Author): Promise<View | null> {
  return recorded(db, author, 'update', id, async (tx) => {
    const [row] = await tx.query<ViewRow>(
      `UPDATE views SET published_at = now(), pinned = $2, snapshot = $3, snapshot_hash = $4 WHERE id = $1 RETURNING ${VIEW_COLUMNS}`,
      [id, snapshot !== null, snapshot && JSON.stringify(snapshot), snapshot?.hash ?? null],
    );
    return row ? toView(row) : null;
  });
}

/** Takes a view down: no longer public, snapshot dropped. */
export async function unpublishView(db: W, id: string, author?: Author): Promise<View | null> {
  return recorded(db, author, 'update', id, async (tx) => {
    const [row] = await tx.query<ViewRow>(
      `UPDATE views SET published_at = NULL, pinned = false, snapshot = NULL, snapshot_hash = NULL WHERE id = $1 RETURNING ${VIEW_COLUMNS}`,
      [id],
    );
    return row ? toView(row) : null;
  });
}

/** Deletes a view for good; true when there was one. */
export async function deleteView(db: W, id: string, author?: Author): Promise<boolean> {
  let existed = false;
  await recorded(db, author, 'delete', id, async (tx) => {
    existed = (await tx.query('DELETE FROM views WHERE id = $1 RETURNING id', [id])).length > 0;
    return null;
  });
  return existed;
}

/** The newest views first (by their last change), `limit` at most, and how many there are in all. */
export async function listViews(db: Q, limit = 200): Promise<{ views: View[]; total: number }> {
  const rows = await db.query<ViewRow & { total: string }>(
    `SELECT ${VIEW_COLUMNS}, (SELECT count(*) FROM views) AS total FROM views ORDER BY updated_at DESC, id LIMIT $1`,
    [limit],
  );
  return { views: rows.map(toView), total: Number(rows[0]?.total ?? 0) };
}
