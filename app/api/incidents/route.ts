import { getDb } from '@/lib/db';
import { countIncidents, listIncidentBriefs, listIncidents } from '@/lib/db/queries';
import { briefFeature, incidentFeature, type IncidentBriefProps, type IncidentCollection } from '@/lib/api/geojson';
import { encodeCursor, parseIncidentQuery, single } from '@/lib/api/params';
import { badRequest, otherMethods, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

export async function GET(req: Request): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const parsed = parseIncidentQuery(sp);
  const errors = parsed.ok ? [] : [...parsed.errors];
  // fields=brief: what a list shows, without the claims' toll lines (one query, a fifth of the bytes)
  const fields = single(sp, errors)('fields') ?? 'full';
  if (fields !== 'full' && fields !== 'brief') errors.push({ name: 'fields', reason: 'expected full or brief' });
  if (!parsed.ok || errors.length) return badRequest(errors);
  try {
    const db = await getDb();
    const f = parsed.value;
    const [{ features, nextCursor }, count] = await Promise.all([
      fields === 'brief'
        ? listIncidentBriefs(db, f).then((r) => ({ features: r.incidents.map(briefFeature), nextCursor: r.nextCursor }))
        : listIncidents(db, f).then((r) => ({ features: r.incidents.map(incidentFeature), nextCursor: r.nextCursor })),
      // the whole count on the first page; a client paging on already has it
      f.cursor ? undefined : countIncidents(db, f),
    ]);
    const body: IncidentCollection<IncidentBriefProps> = {
      type: 'FeatureCollection',
      features,
      nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
      limit: f.limit,
      ...(count === undefined ? {} : count.exact ? { numberMatched: count.n } : { numberMatchedAtLeast: count.n }),
    };
    return cachedJson(req, body, { contentType: 'application/geo+json' });
  } catch (err) {
    return serverError(err);
  }
}
