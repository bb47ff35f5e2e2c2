import { editorWrite } from '@/lib/api/handlers';
import { issuesToParams, notFound, otherMethods, serverError, unprocessable } from '@/lib/api/problem';
import { getDb } from '@/lib/db';
import { deleteIncident, isUniqueViolation, RevisionConflictError, saveIncident, unknownReferences } from '@/lib/db/corrections';
import { listActors, listSources } from '@/lib/db/catalog';
import type { Db } from '@/lib/db/store';
import { incidentSchema } from '@/lib/domain/schema';
import { incidentDetailFeature } from '@/lib/api/geojson';
import { claimIdTaken, incidentResponse, revisionConflict } from '@/lib/history/respond';

export const dynamic = 'force-dynamic';

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');

/** The incident with its claims; `?asOf=` an ISO date-time for the incident as it stood then. */
export const GET = incidentResponse;

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
export async function PUT(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
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
export async function DELETE(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx, { body: false });
  if (!write.ok) return write.response;
  try {
    const removed = await deleteIncident(await getDb(), write.id, { author: write.author });
    return removed ? new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } }) : notFound('Incident', write.id);
  } catch (err) {
    return serverError(err);
  }
}
