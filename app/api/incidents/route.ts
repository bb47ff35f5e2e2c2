import { getDb } from '@/lib/db';
import { countIncidents, listIncidents } from '@/lib/db/queries';
import { incidentFeature, type IncidentCollection } from '@/lib/api/geojson';
import { encodeCursor, parseIncidentQuery } from '@/lib/api/params';
import { badRequest, otherMethods, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

export async function GET(req: Request): Promise<Response> {
  const parsed = parseIncidentQuery(new URL(req.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const db = await getDb();
    const f = parsed.value;
    const [{ incidents, nextCursor }, count] = await Promise.all([
      listIncidents(db, f),
      // the whole count on the first page; a client paging on already has it
      f.cursor ? undefined : countIncidents(db, f),
    ]);
    const body: IncidentCollection = {
      type: 'FeatureCollection',
      features: incidents.map(incidentFeature),
      nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
      limit: f.limit,
      ...(count === undefined ? {} : count.exact ? { numberMatched: count.n } : { numberMatchedAtLeast: count.n }),
    };
    return cachedJson(req, body, { contentType: 'application/geo+json' });
  } catch (err) {
    return serverError(err);
  }
}
