/**
 * The history over HTTP: an incident's or a view's changes, newest first (editors only: they name
 * who made them). Reading an incident as of a moment and restoring a version: lib/incidents/item.ts.
 */
import 'server-only';
import { z } from 'zod';
import { authorizeWrite } from '../auth/guard';
import { decimalInt, parseId, parseQuery } from '../api/params';
import { badRequest, notFound, serverError } from '../api/problem';
import { getDb } from '../db';
import { codedRecord } from '../db/corrections';
import { type Change, type ChangeKind, changesOf } from '../db/history';
import { getView } from '../db/views';
import { getIncident } from '../db/incident-read';
import type { IncidentView } from '@/lib/incident/view';
import { diffRecords } from '../domain/diff';
import { PRIVATE } from '../api/prepared';

type Ctx = { params: Promise<{ id: string }> };
const _GEOJSON = 'application/geo+json';

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
