/**
 * One incident over HTTP: read now or as it stood at a moment (`?asOf=`), an editor's save (PUT,
 * with the revision it was read at), deletion, and restoring an earlier version (itself a change).
 */
import 'server-only';
import { incidentDetailFeature } from '@/lib/incident/geojson';
import { editorWrite } from '@/lib/auth/editor-write';
import { issuesToParams, notFound, serverError, unprocessable } from '@/lib/api/problem';
import { getDb } from '@/lib/db';
import { listActors, listSources } from '@/lib/db/catalog';
import { RevisionConflictError, deleteIncident, isUniqueViolation, saveIncident, unknownReferences } from '@/lib/db/corrections';
import type { Db } from '@/lib/db/store';
import { incidentSchema } from '@/lib/domain/schema';

import { z } from 'zod';
import { authorizeWrite, authorOf } from '@/lib/auth/guard';
import { asOfSchema, parseId, parseQuery } from '@/lib/api/params';
import { badRequest, problemResponse, readJson } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/prepared';
import { codedRecord } from '@/lib/db/corrections';
import { changedSince, incidentAsOf } from '@/lib/db/as-of';
import { getChange } from '@/lib/db/history';
import { getIncident } from '@/lib/db/incident-read';
import type { IncidentView } from '@/lib/incident/view';

type Ctx = { params: Promise<{ id: string }> };
const GEOJSON = 'application/geo+json';

async function detail(db: Db, i: IncidentView) {
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  return incidentDetailFeature(i, sources, actors);
}

/** GET /api/incidents/{id}[?asOf=]: the incident now, or as it stood at that moment. */
export async function incidentGet(req: Request, ctx: Ctx): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const q = parseQuery(new URL(req.url).searchParams, z.object({ asOf: asOfSchema.optional() }).passthrough());
  if (!q.ok) return badRequest(q.errors);
  try {
    const db = await getDb();
    const asOf = q.value.asOf;
    if (!asOf) {
      const now = await getIncident(db, id.value);
      return now ? cachedJson(req, await detail(db, now), { contentType: GEOJSON }) : notFound('Incident', id.value);
    }
    const then = await incidentAsOf(db, await changedSince(db, asOf, [id.value]), id.value);
    if (!then.known)
      return problemResponse({
        type: '/problems/history-unknown',
        title: 'Not known as of then',
        status: 404,
        detail: `Incident "${id.value}" has been written since ${asOf} by a path that keeps no history (the seed, generated data), and no change before tells how it stood then.`,
      });
    if (then.state === null)
      return problemResponse({
        type: '/problems/not-found',
        title: 'Incident not found as of then',
        status: 404,
        detail: `No incident had the id "${id.value}" at ${asOf}.`,
      });
    return cachedJson(req, { ...(await detail(db, then.state)), asOf }, { contentType: GEOJSON });
  } catch (err) {
    return serverError(err);
  }
}

/** the revision an editor's copy was made from, when the body says (a whole number) */
const revisionOf = (body: unknown): number | undefined | null => {
  const r = (body as { revision?: unknown } | null)?.revision;
  if (r === undefined) return undefined;
  return Number.isInteger(r) && (r as number) >= 1 ? (r as number) : null;
};

/**
 * An editor's correction or addition: the whole incident, as GET gives its coded fields
 * (claims included). 200 when replaced, 201 when new; every id it names must exist. With the
 * `revision` GET gave, a save on a copy that has changed since is refused with 409 (and the
 * current version); without it (scripts), the save replaces whatever is there.
 */
export async function incidentPut(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx);
  if (!write.ok) return write.response;
  const parsed = incidentSchema.safeParse(write.body);
  if (!parsed.success) return unprocessable(issuesToParams(parsed.error.issues));
  if (parsed.data.id !== write.id)
    return unprocessable([{ name: 'id', reason: `the body's id "${parsed.data.id}" is not the URL's "${write.id}"` }]);
  const revision = revisionOf(write.body);
  if (revision === null) return unprocessable([{ name: 'revision', reason: 'a whole number from 1, as GET gave it' }]);
  let db: Db | null = null;
  try {
    db = await getDb();
    const unknown = await unknownReferences(db, parsed.data);
    if (unknown.length) return unprocessable(unknown);
    const { created, incident } = await saveIncident(db, parsed.data, { author: write.author, revision });
    const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
    return Response.json(incidentDetailFeature(incident, sources, actors), {
      status: created ? 201 : 200,
      headers: {
        'content-type': 'application/geo+json',
        'cache-control': 'no-store',
        ...(created ? { location: `/api/incidents/${write.id}` } : {}),
      },
    });
  } catch (err) {
    if (err instanceof RevisionConflictError && db) return revisionConflict(db, err);
    if (isUniqueViolation(err)) return claimIdTaken('Claim ids are global: choose new ones.');
    return serverError(err);
  }
}

/** Deletes an incident with its claims (editors only): 204. A dataset row deleted so comes back on its next import. */
export async function incidentDelete(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx, { body: false });
  if (!write.ok) return write.response;
  try {
    const removed = await deleteIncident(await getDb(), write.id, { author: write.author });
    return removed ? new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } }) : notFound('Incident', write.id);
  } catch (err) {
    return serverError(err);
  }
}

const restoreSchema = z
  .object({
    /** the change whose version to bring back */
    change: z.number().int().min(1),
    /** the version that change left (after, by default), or the one it replaced (before) */
    version: z.enum(['after', 'before']).default('after'),
    /** the revision the editor sees now: a restore over a newer one is refused */
    revision: z.number().int().min(1).optional(),
  })
  .strict();

/** A save refused because one of its claim ids belongs to another incident (claim ids are global). */
export const claimIdTaken = (detail: string) =>
  problemResponse({ type: '/problems/conflict', title: 'A claim id is already used by another incident', status: 409, detail });

/** A save refused because the incident changed since the editor's copy: both versions, so nothing is overwritten unseen. */
export async function revisionConflict(db: Db, err: RevisionConflictError): Promise<Response> {
  return problemResponse({
    type: '/problems/edit-conflict',
    title: 'The incident was changed meanwhile',
    status: 409,
    detail: `Incident "${err.id}" is at revision ${err.current.revision}; this save was made on revision ${err.expected}. Nothing was written: compare with the current version and save again.`,
    current: await detail(db, err.current),
  });
}

/** POST /api/incidents/{id}/restore (editors): brings back an earlier version, recorded as a new change. */
export async function incidentRestore(req: Request, ctx: Ctx): Promise<Response> {
  const auth = await authorizeWrite(req);
  if (!auth.ok) return auth.response;
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const r = restoreSchema.safeParse(body.value);
  if (!r.success) return unprocessable(issuesToParams(r.error.issues));
  const author = authorOf(auth.who);
  let db: Db | null = null;
  try {
    db = await getDb();
    const change = await getChange<IncidentView>(db, 'incident', id.value, r.data.change);
    if (!change) return unprocessable([{ name: 'change', reason: `incident "${id.value}" has no change ${r.data.change}` }]);
    const version = r.data.version === 'after' ? change.after : change.before;
    // an import's new incident is kept without a copy of what it became: that is a later change's before, or the incident now
    if (r.data.version === 'after' && version === null && change.action !== 'delete')
      return unprocessable([
        {
          name: 'change',
          reason: `change ${change.seq} is an import's creation, kept without a copy of the version it made: restore the "before" of the change after it`,
        },
      ]);
    const o = { author, revision: r.data.revision, restoredFrom: change.seq };
    if (version === null) {
      // the version was "no such incident": restoring it deletes the incident
      if (!(await deleteIncident(db, id.value, o))) return unprocessable([{ name: 'change', reason: 'the incident is already absent' }]);
      return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
    }
    const coded = codedRecord(version);
    const unknown = await unknownReferences(db, coded);
    if (unknown.length) return unprocessable(unknown);
    const saved = await saveIncident(db, coded, o);
    return Response.json(await detail(db, saved.incident), {
      status: saved.created ? 201 : 200,
      headers: { 'content-type': GEOJSON, 'cache-control': 'no-store' },
    });
  } catch (err) {
    if (err instanceof RevisionConflictError && db) return revisionConflict(db, err);
    if (isUniqueViolation(err))
      return claimIdTaken('A claim of that version now belongs to another incident: it cannot be brought back as it was.');
    return serverError(err);
  }
}
