import { getDb } from '@/lib/db';
import { changedSince, TooMuchChangedError, countIncidentsAsOf, listIncidentBriefsAsOf, listIncidentsAsOf } from '@/lib/db/as-of';
import { countIncidents, listIncidentBriefs, listIncidents } from '@/lib/db/queries';
import { briefFeature, incidentFeature, type IncidentBriefProps, type IncidentCollection } from '@/lib/api/geojson';
import { encodeCursor, parseAsOf, parseIncidentQuery, single } from '@/lib/api/params';
import { badRequest, otherMethods, serverError, tooMuchChanged } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/**
 * The incidents matching a filter, a page at a time; `?asOf=` an ISO date-time for the list as it
 * stood then (from the history of changes, lib/db/as-of.ts).
 */
export async function GET(req: Request): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const parsed = parseIncidentQuery(sp, { asOf: true });
  const errors = parsed.ok ? [] : [...parsed.errors];
  // fields=brief: what a list shows, without the claims' toll lines (one query, a fifth of the bytes)
  const fields = single(sp, errors)('fields') ?? 'full';
  if (fields !== 'full' && fields !== 'brief') errors.push({ name: 'fields', reason: 'expected full or brief' });
  const asOf = parseAsOf(sp, errors);
  if (!parsed.ok || errors.length) return badRequest(errors);
  try {
    const db = await getDb();
    const f = parsed.value;
    const since = asOf ? await changedSince(db, asOf) : null;
    const brief = () =>
      (since ? listIncidentBriefsAsOf(db, since, f) : listIncidentBriefs(db, f)).then((r) => ({
        features: r.incidents.map(briefFeature),
        nextCursor: r.nextCursor,
      }));
    const full = () =>
      (since ? listIncidentsAsOf(db, since, f) : listIncidents(db, f)).then((r) => ({
        features: r.incidents.map(incidentFeature),
        nextCursor: r.nextCursor,
      }));
    const [{ features, nextCursor }, count] = await Promise.all([
      fields === 'brief' ? brief() : full(),
      // the whole count on the first page; a client paging on already has it
      f.cursor ? undefined : since ? countIncidentsAsOf(db, since, f) : countIncidents(db, f),
    ]);
    const body: IncidentCollection<IncidentBriefProps> = {
      type: 'FeatureCollection',
      features,
      nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
      limit: f.limit,
      ...(count === undefined ? {} : count.exact ? { numberMatched: count.n } : { numberMatchedAtLeast: count.n }),
      // as of then: incidents an import has written since are left out, their version then not being known
      ...(since ? { asOf: since.asOf, notKnownAsOf: since.unknown.length } : {}),
    };
    return cachedJson(req, body, { contentType: 'application/geo+json' });
  } catch (err) {
    if (err instanceof TooMuchChangedError) return tooMuchChanged(err.asOf, err.max);
    return serverError(err);
  }
}
