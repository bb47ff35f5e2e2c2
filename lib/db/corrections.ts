import 'server-only';
import type { FieldProblem, Incident } from '../domain/schema';
import { upsertIncidents } from './seed';
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

/** Writes an editor's version of an incident in one transaction; true when it was new. */
export async function saveIncident(db: Pick<Db, 'transaction'>, inc: Incident): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [inc.id]);
    await upsertIncidents(tx, [inc]);
    return !existing;
  });
}

/** A claim id another incident already uses (ids are global). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/**
 * Deletes an incident and what it carries (claims, lines, actors, sources: ON DELETE CASCADE);
 * toll lines elsewhere counted in it are set loose (counted_in NULL) first. True when it existed.
 */
export async function deleteIncident(db: Pick<Db, 'transaction'>, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const dependents = await summaryDependents(tx, [id]);
    await tx.query('UPDATE claim_casualties SET counted_in = NULL WHERE counted_in = $1', [id]);
    const deleted = (await tx.query('DELETE FROM incidents WHERE id = $1 RETURNING id', [id])).length > 0;
    await refreshSummaries(tx, [], dependents);
    return deleted;
  });
}
