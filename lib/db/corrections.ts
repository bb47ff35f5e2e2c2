import 'server-only';
import type { FieldProblem, Incident } from '../domain/schema';
import { type Author, recordChange } from './history';
import { getIncident } from './incident-read';
import type { IncidentView } from '@/lib/incident/view';
import { upsertIncidents } from '@/lib/db/bulk';
import type { Db } from './store';
import { refreshSummaries, summaryDependents } from './summaries';

/**
 * What an incident refers to that the store does not hold: its place, sources, actors and the
 * incidents its toll lines are counted in. Empty when the incident can be written.
 */
export async function unknownReferences(db: Pick<Db, 'query'>, inc: Incident): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const sources = new Set([...inc.reportedBy, ...inc.claims.flatMap((c) => [c.claimant, ...(c.via ? [c.via] : [])])]);
  const actors = new Set([
    ...inc.actors.map((a) => a.actor),
    ...inc.claims.flatMap((c) => [...c.perpetrators, ...c.targets, ...c.equipment.flatMap((e) => (e.owner ? [e.owner] : []))]),
    ...inc.claims.flatMap((c) => c.casualties.map((l) => l.group)).filter((g) => g !== 'civilians' && g !== 'unknown' && g !== 'all'),
  ]);
  const countedIn = new Set(inc.claims.flatMap((c) => c.casualties.flatMap((l) => (l.countedIn ? [l.countedIn] : []))));
  const known = async (table: string, ids: Set<string>) =>
    new Set((await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [[...ids]])).map((r) => r.id));
  const [kp, ks, ka, ki] = await Promise.all([
    known('places', new Set([inc.place])),
    known('sources', sources),
    known('actors', actors),
    known('incidents', countedIn),
  ]);
  if (!kp.has(inc.place)) problems.push({ name: 'place', reason: `unknown place "${inc.place}"` });
  for (const s of sources) if (!ks.has(s)) problems.push({ name: 'sources', reason: `unknown source "${s}"` });
  for (const a of actors) if (!ka.has(a)) problems.push({ name: 'actors', reason: `unknown actor "${a}"` });
  for (const i of countedIn) if (!ki.has(i)) problems.push({ name: 'countedIn', reason: `unknown incident "${i}"` });
  return problems;
}

/** A save made on an older revision than the store's: nothing was written. */
export class RevisionConflictError extends Error {
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly current: IncidentView,
  ) {
    super(`incident ${id} is at revision ${current.revision}, the save was made on revision ${expected}`);
    this.name = 'RevisionConflictError';
  }
}

export interface SaveOptions {
  author: Author;
  /** the revision the editor's copy was made from; a save on any other is refused (absent: no check, as scripts do) */
  revision?: number;
  /** a restore of the version that change left (or had before it), recorded as such */
  restoredFrom?: number;
}

/**
 * Writes an editor's version of an incident, and its history row, in one transaction: the
 * incident is locked first, so of two saves made on one revision the second is refused.
 */
export async function saveIncident(
  db: Pick<Db, 'transaction'>,
  inc: Incident,
  o: SaveOptions,
): Promise<{ created: boolean; incident: IncidentView }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ revision: number }>('SELECT revision FROM incidents WHERE id = $1 FOR UPDATE', [inc.id]);
    const before = existing ? await getIncident(tx, inc.id) : null;
    if (before && o.revision !== undefined && o.revision !== before.revision) throw new RevisionConflictError(inc.id, o.revision, before);
    await upsertIncidents(tx, [inc]);
    const after = await getIncident(tx, inc.id);
    if (!after) throw new Error(`incident ${inc.id} was saved but cannot be read back`);
    await recordChange(tx, {
      kind: 'incident',
      entityId: inc.id,
      action: o.restoredFrom !== undefined ? 'restore' : before ? 'update' : 'create',
      author: o.author,
      before,
      after,
      restoredFrom: o.restoredFrom,
    });
    return { created: !existing, incident: after };
  });
}

/** The coded record (what an editor writes) out of an incident as the store gives it. */
export function codedRecord(view: IncidentView): Incident {
  const { dateEnd, place, lon, lat, contested, casualties, updatedAt, revision, ...coded } = view;
  return { ...coded, place: place.id };
}

/** A claim id another incident already uses (ids are global). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/**
 * Deletes an incident and what it carries (claims, lines, actors, sources: ON DELETE CASCADE);
 * toll lines elsewhere counted in it are set loose (counted_in NULL) first, and those incidents'
 * changes recorded too. True when it existed.
 */
export async function deleteIncident(
  db: Pick<Db, 'transaction'>,
  id: string,
  o: Pick<SaveOptions, 'author' | 'revision' | 'restoredFrom'>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ revision: number }>('SELECT revision FROM incidents WHERE id = $1 FOR UPDATE', [id]);
    if (!existing) return false;
    const before = await getIncident(tx, id);
    if (before && o.revision !== undefined && o.revision !== before.revision) throw new RevisionConflictError(id, o.revision, before);
    const loosened = (
      await tx.query<{ incident_id: string }>(
        `SELECT DISTINCT c.incident_id FROM claim_casualties l JOIN claims c ON c.id = l.claim_id
         WHERE l.counted_in = $1 AND c.incident_id <> $1 ORDER BY 1`,
        [id],
      )
    ).map((r) => r.incident_id);
    const loosenedBefore = await Promise.all(loosened.map((other) => getIncident(tx, other)));
    const dependents = await summaryDependents(tx, [id]);
    await tx.query('UPDATE claim_casualties SET counted_in = NULL WHERE counted_in = $1', [id]);
    await tx.query('DELETE FROM incidents WHERE id = $1', [id]);
    if (loosened.length)
      await tx.query('UPDATE incidents SET revision = revision + 1, updated_at = now() WHERE id = ANY($1::text[])', [loosened]);
    await refreshSummaries(tx, [], dependents);
    await recordChange(tx, {
      kind: 'incident',
      entityId: id,
      action: o.restoredFrom !== undefined ? 'restore' : 'delete',
      author: o.author,
      before,
      after: null,
      restoredFrom: o.restoredFrom,
    });
    for (const [n, other] of loosened.entries())
      await recordChange(tx, {
        kind: 'incident',
        entityId: other,
        action: 'update',
        author: o.author,
        before: loosenedBefore[n],
        after: await getIncident(tx, other),
      });
    return true;
  });
}
