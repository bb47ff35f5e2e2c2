import { getDb } from '@/lib/db';
import { getIncident, listActors, listSources } from '@/lib/db/queries';
import { incidentDetailFeature } from '@/lib/api/geojson';
import { parseId } from '@/lib/api/params';
import { badRequest, notFound, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  try {
    const db = await getDb();
    const incident = await getIncident(db, id.value);
    if (!incident) return notFound('Incident', id.value);
    const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
    return cachedJson(req, incidentDetailFeature(incident, sources, actors), { contentType: 'application/geo+json' });
  } catch (err) {
    return serverError(err);
  }
}
