/**
 * An incident's history over HTTP: the incident as it stood at a moment (`?asOf=`), its changes
 * (editors only: they name who made them), and restoring an earlier version (itself a change).
 */
import 'server-only';
import { z } from 'zod';
import { authorizeWrite, authorOf } from '../api/auth';
import { incidentDetailFeature } from '../api/geojson';
import { asOfSchema, decimalInt, parseId, parseQuery } from '../api/params';
import { badRequest, issuesToParams, notFound, problemResponse, readJson, serverError, unprocessable } from '../api/problem';
import { cachedJson } from '../api/respond';
import { getDb } from '../db';
import { codedRecord, deleteIncident, isUniqueViolation, RevisionConflictError, saveIncident, unknownReferences } from '../db/corrections';
import { changedSince, incidentAsOf } from '../db/as-of';
import { type Change, type ChangeKind, changesOf, getChange } from '../db/history';
import { getView } from '../db/views';
import { getIncident, type IncidentView } from '../db/incident-read';
import { listActors, listSources } from '../db/catalog';
import type { Db } from '../db/store';
import { diffRecords } from '../domain/diff';

type Ctx = { params: Promise<{ id: string }> };
const GEOJSON = 'application/geo+json';
const PRIVATE = { 'cache-control': 'private, no-store' };

async function detail(db: Db, i: IncidentView) {
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  return incidentDetailFeature(i, sources, actors);
}

/** GET /api/incidents/{id}[?asOf=]: the incident now, or as it stood at that moment. */
export async function incidentResponse(req: Request, ctx: Ctx): Promise<Response> {
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

const historyQuery = z
  .object({
    // written plainly in decimal: not 0x10, +5, " 5 " or 1e3
    limit: decimalInt.pipe(z.number().min(1).max(100)).default(20),
    before: z
      .string()
      .regex(/^\d{1,15}$/, 'expected a change number in decimal digits')
      .transform(Number)
      .pipe(z.number().min(1))
      .optional(),
  })
  .strict();

type Coded = Record<string, unknown>;
/** what an editor writes, out of the version a change keeps: the coded record of an incident, a view as it is */
const codedOf = (kind: ChangeKind, v: unknown): Coded | null =>
  v === null ? null : kind === 'incident' ? (codedRecord(v as IncidentView) as unknown as Coded) : (v as Coded);

/** One change as the history shows it: who, when, what, and each field it changed. */
export function changeBody(c: Change<unknown>) {
  const before = codedOf(c.kind, c.before);
  const after = codedOf(c.kind, c.after);
  return {
    seq: c.seq,
    at: c.at,
    action: c.action,
    author: c.author,
    restoredFrom: c.restoredFrom,
    revision: (c.after as { revision?: number } | null)?.revision ?? null,
    fields: before && after ? diffRecords(before, after) : [],
    before,
    after,
  };
}

/**
 * GET /api/incidents/{id}/history and /api/views/{id}/history (editors): the changes, newest
 * first, `?limit=` and `?before=` a change's seq to page.
 */
export function historyResponse(kind: ChangeKind) {
  return async function history(req: Request, ctx: Ctx): Promise<Response> {
    const id = parseId((await ctx.params).id);
    if (!id.ok) return badRequest(id.errors);
    const q = parseQuery(new URL(req.url).searchParams, historyQuery);
    if (!q.ok) return badRequest(q.errors);
    try {
      // a read only editors may make (a GET: no CSRF token asked)
      const auth = await authorizeWrite(req);
      if (!auth.ok) return auth.response;
      const db = await getDb();
      const changes = await changesOf(db, kind, id.value, { limit: q.value.limit + 1, beforeSeq: q.value.before });
      const page = changes.slice(0, q.value.limit);
      const exists = async () =>
        kind === 'incident' ? (await getIncident(db, id.value)) !== null : (await getView(db, id.value)) !== null;
      if (page.length === 0 && !q.value.before && !(await exists())) return notFound(kind === 'incident' ? 'Incident' : 'View', id.value);
      return Response.json(
        { id: id.value, changes: page.map(changeBody), nextBefore: changes.length > q.value.limit ? (page.at(-1)?.seq ?? null) : null },
        { headers: PRIVATE },
      );
    } catch (err) {
      return serverError(err);
    }
  };
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
export async function restoreResponse(req: Request, ctx: Ctx): Promise<Response> {
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
