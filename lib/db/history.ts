/**
 * The history of editors' changes (migration 15): one row a change, written in the transaction
 * of the change itself, with who made it, when (the transaction's time), and the record before
 * and after (as the API gives it; null before a creation and after a deletion).
 *
 * `stateAsOf` reads a record as it stood at a moment: the `after` of the last change at or
 * before it; else, when the record has changed since, the `before` of the first change after it;
 * else the record as it is now, when nothing has changed it since that moment.
 */
import 'server-only';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;

export const CHANGE_KINDS = ['incident', 'view', 'place', 'source', 'actor'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeAction = 'create' | 'update' | 'delete' | 'restore';

/** Who made a change: a signed-in editor, a script with the service token, or an import (named by its dataset). */
export type Author = { kind: 'editor'; editorId: string; name: string } | { kind: 'service' } | { kind: 'import'; name: string };

export interface Change<T = unknown> {
  seq: number;
  at: string;
  kind: ChangeKind;
  entityId: string;
  action: ChangeAction;
  author: { kind: 'editor' | 'service' | 'import'; name: string | null };
  /** the change this one restored, for a restore */
  restoredFrom: number | null;
  before: T | null;
  after: T | null;
}

interface ChangeRow {
  seq: string;
  at: string;
  kind: ChangeKind;
  entity_id: string;
  action: ChangeAction;
  author_kind: 'editor' | 'service' | 'import';
  author_name: string | null;
  restored_from: string | null;
  before: unknown;
  after: unknown;
}

// microseconds kept: two changes a moment apart must read apart
const AT = `to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`;
const COLUMNS = `c.seq, ${AT}, c.kind, c.entity_id, c.action, c.author_kind, c.author_name, c.restored_from, c.before, c.after`;
const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const toChange = <T>(r: ChangeRow): Change<T> => ({
  seq: Number(r.seq),
  at: r.at,
  kind: r.kind,
  entityId: r.entity_id,
  action: r.action,
  author: { kind: r.author_kind, name: r.author_name },
  restoredFrom: r.restored_from === null ? null : Number(r.restored_from),
  before: (parse(r.before) ?? null) as T | null,
  after: (parse(r.after) ?? null) as T | null,
});

export async function recordChange(
  tx: Q,
  c: { kind: ChangeKind; entityId: string; action: ChangeAction; author: Author; before: unknown; after: unknown; restoredFrom?: number },
): Promise<number> {
  const [row] = await tx.query<{ seq: string }>(
    `INSERT INTO changes (kind, entity_id, action, author_kind, editor_id, author_name, restored_from, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb) RETURNING seq`,
    [
      c.kind,
      c.entityId,
      c.action,
      c.author.kind,
      c.author.kind === 'editor' ? c.author.editorId : null,
      c.author.kind === 'service' ? null : c.author.name,
      c.restoredFrom ?? null,
      c.before === null ? null : JSON.stringify(c.before),
      c.after === null ? null : JSON.stringify(c.after),
    ],
  );
  return Number(row?.seq);
}

/**
 * An import's changes to incidents, in the transaction of its batch, one row an incident: each
 * incident it rewrote with both versions; each it created without a copy of what it became (that
 * version is the next change's `before`, or the incident as it is now), so that a million rows are
 * not written twice.
 */
export async function recordImport(
  tx: Q,
  dataset: string,
  created: readonly string[],
  rewritten: readonly { id: string; before: unknown; after: unknown }[],
): Promise<void> {
  if (created.length)
    await tx.query(
      `INSERT INTO changes (kind, entity_id, action, author_kind, author_name, before, after)
       SELECT 'incident', id, 'create', 'import', $2, NULL, NULL FROM unnest($1::text[]) AS u(id)`,
      [[...created], dataset],
    );
  if (rewritten.length)
    await tx.query(
      `INSERT INTO changes (kind, entity_id, action, author_kind, author_name, before, after)
       SELECT 'incident', id, 'update', 'import', $2, b::jsonb, a::jsonb FROM unnest($1::text[], $3::text[], $4::text[]) AS u(id, b, a)`,
      [rewritten.map((r) => r.id), dataset, rewritten.map((r) => JSON.stringify(r.before)), rewritten.map((r) => JSON.stringify(r.after))],
    );
}

/** A record's changes, newest first, `limit` at most, older than `beforeSeq` when given. */
export async function changesOf<T>(
  db: Q,
  kind: ChangeKind,
  id: string,
  { limit = 50, beforeSeq }: { limit?: number; beforeSeq?: number } = {},
) {
  const rows = await db.query<ChangeRow>(
    `SELECT ${COLUMNS} FROM changes c WHERE c.kind = $1 AND c.entity_id = $2 AND ($3::bigint IS NULL OR c.seq < $3::bigint)
     ORDER BY c.seq DESC LIMIT $4`,
    [kind, id, beforeSeq ?? null, limit],
  );
  return rows.map((r) => toChange<T>(r));
}

export async function getChange<T>(db: Q, kind: ChangeKind, id: string, seq: number): Promise<Change<T> | null> {
  const [row] = await db.query<ChangeRow>(`SELECT ${COLUMNS} FROM changes c WHERE c.kind = $1 AND c.entity_id = $2 AND c.seq = $3`, [
    kind,
    id,
    seq,
  ]);
  return row ? toChange<T>(row) : null;
}

/**
 * The record as it stood at `asOf`: `{ known: true, state }` (state null when it did not exist
 * then), or `{ known: false }` when no change tells and the record has been written since by a
 * path that keeps no history (an import), so its state then is not known.
 */
export async function stateAsOf<T>(
  db: Q,
  kind: ChangeKind,
  id: string,
  asOf: string,
  current: () => Promise<(T & { updatedAt?: string }) | null>,
): Promise<{ known: true; state: T | null } | { known: false }> {
  const [last] = await db.query<{ after: unknown }>(
    'SELECT c.after FROM changes c WHERE c.kind = $1 AND c.entity_id = $2 AND c.at <= $3::timestamptz ORDER BY c.seq DESC LIMIT 1',
    [kind, id, asOf],
  );
  const lastState = last ? ((parse(last.after) ?? null) as T | null) : undefined;
  const [next] = await db.query<{ before: unknown }>(
    'SELECT c.before FROM changes c WHERE c.kind = $1 AND c.entity_id = $2 AND c.at > $3::timestamptz ORDER BY c.seq LIMIT 1',
    [kind, id, asOf],
  );
  if (next) return { known: true, state: lastState !== undefined ? lastState : ((parse(next.before) ?? null) as T | null) };
  // nothing recorded since: the record now, unless a write without history came after that moment
  const now = await current();
  if (now === null) return { known: true, state: null };
  if (!now.updatedAt || Date.parse(now.updatedAt) <= Date.parse(asOf)) return { known: true, state: now };
  return lastState !== undefined ? { known: true, state: lastState } : { known: false };
}

/** A change as the desk lists it: who, when, what, and the record's title in the version it left (or had, for a deletion). */
export type RecentChange = Omit<Change, 'before' | 'after'> & { title: Record<string, string> | null };

/**
 * The newest changes to any record made by editors and scripts, `limit` at most: the desk's
 * "recent changes" (an import's thousands of rows would bury them; each incident's history shows them).
 */
export async function recentChanges(db: Q, limit = 20): Promise<RecentChange[]> {
  const rows = await db.query<ChangeRow & { title: unknown }>(
    `SELECT c.seq, ${AT}, c.kind, c.entity_id, c.action, c.author_kind, c.author_name, c.restored_from, NULL AS before, NULL AS after,
       CASE WHEN c.kind = 'view' THEN coalesce(c.after, c.before) -> 'spec' -> 'title'
            WHEN c.kind IN ('place', 'source', 'actor') THEN coalesce(c.after, c.before) -> 'name'
            ELSE coalesce(c.after, c.before) -> 'title' END AS title
     FROM changes c WHERE c.author_kind <> 'import' ORDER BY c.seq DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => {
    const { before: _b, after: _a, ...change } = toChange(r);
    return { ...change, title: (parse(r.title) ?? null) as Record<string, string> | null };
  });
}
