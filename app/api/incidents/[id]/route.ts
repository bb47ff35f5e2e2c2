import { getDb } from '@/lib/db';
import { deleteIncident, isUniqueViolation, saveIncident, unknownReferences } from '@/lib/db/corrections';
import { getIncident, listActors, listSources } from '@/lib/db/queries';
import { incidentSchema } from '@/lib/domain/schema';
import { incidentDetailFeature } from '@/lib/api/geojson';
import { editorWrite, getById } from '@/lib/api/handlers';
import { issuesToParams, notFound, otherMethods, problemResponse, serverError, unprocessable } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');

export const GET = getById('Incident', async (db, id) => {
  const incident = await getIncident(db, id);
  if (!incident) return null;
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  return incidentDetailFeature(incident, sources, actors);
});

/**
 * An editor's correction or addition: the whole incident, as GET gives its coded fields
 * (claims included). 200 when replaced, 201 when new; every id it names must exist.
 */
export async function PUT(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx);
  if (!write.ok) return write.response;
  const parsed = incidentSchema.safeParse(write.body);
  if (!parsed.success) return unprocessable(issuesToParams(parsed.error.issues));
  if (parsed.data.id !== write.id)
    return unprocessable([{ name: 'id', reason: `the body's id "${parsed.data.id}" is not the URL's "${write.id}"` }]);
  try {
    const db = await getDb();
    const unknown = await unknownReferences(db, parsed.data);
    if (unknown.length) return unprocessable(unknown);
    const created = await saveIncident(db, parsed.data);
    const [incident, sources, actors] = await Promise.all([getIncident(db, write.id), listSources(db), listActors(db)]);
    if (!incident) throw new Error(`incident ${write.id} was saved but cannot be read back`);
    return Response.json(incidentDetailFeature(incident, sources, actors), {
      status: created ? 201 : 200,
      headers: {
        'content-type': 'application/geo+json',
        'cache-control': 'no-store',
        ...(created ? { location: `/api/incidents/${write.id}` } : {}),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      return problemResponse({
        type: '/problems/conflict',
        title: 'A claim id is already used by another incident',
        status: 409,
        detail: 'Claim ids are global: choose new ones.',
      });
    }
    return serverError(err);
  }
}

/** Deletes an incident with its claims (editors only): 204. A dataset row deleted so comes back on its next import. */
export async function DELETE(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx, { body: false });
  if (!write.ok) return write.response;
  try {
    const removed = await deleteIncident(await getDb(), write.id);
    return removed ? new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } }) : notFound('Incident', write.id);
  } catch (err) {
    return serverError(err);
  }
}
