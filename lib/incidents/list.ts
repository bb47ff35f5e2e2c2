import 'server-only';
import { getDb } from '@/lib/db';
import { changedSince, countIncidentsAsOf, listIncidentBriefsAsOf, listIncidentsAsOf, TooMuchChangedError } from '@/lib/db/as-of';
import { countIncidents, listIncidentBriefs, listIncidents } from '@/lib/db/incident-lists';
import type { IncidentFilter } from '@/lib/db/incident-filter';
import type { Db } from '@/lib/db/store';
import { storeVersion } from '@/lib/db/version';
import { leaveAnswer } from '@/lib/front';
import { cachedRender, renderCacheHeader } from '@/lib/render-cache';
import { briefFeature, incidentFeature, type IncidentBriefProps, type IncidentCollection } from '@/lib/incident/geojson';
import { encodeCursor, parseAsOf, parseIncidentQuery, single } from '@/lib/api/params';
import { badRequest, serverError, tooMuchChanged } from '@/lib/api/problem';
import { prepareBody, preparedResponse, sharedCache } from '@/lib/api/prepared';

type Since = Awaited<ReturnType<typeof changedSince>>;

/** A page of incidents as GeoJSON, now or as the store stood at `since`. */
async function incidentPage(db: Db, f: IncidentFilter, fields: 'full' | 'brief', since: Since | null): Promise<string> {
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
  return JSON.stringify(body);
}

/** The request's parameters in one order, so that the same question is one key whatever order it was asked in. */
const canonical = (sp: URLSearchParams) => [...sp].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));

/**
 * GET /api/incidents: the incidents matching a filter, a page at a time; `?asOf=` an ISO
 * date-time for the list as it stood then (from the history of changes, lib/db/as-of.ts).
 *
 * The same question asked again at the same version of the store (two hundred readers of one
 * article's map) is answered from bytes kept in memory, gzipped once off the request thread
 * (lib/render-cache.ts): nothing is queried, serialised or compressed again. `asOf` answers are
 * made each time (what they read is the history, not the version).
 */
export async function incidentsResponse(req: Request): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const parsed = parseIncidentQuery(sp, { asOf: true });
  const errors = parsed.ok ? [] : [...parsed.errors];
  // fields=brief: what a list shows, without the claims' toll lines (one query, a fifth of the bytes)
  const asked = single(sp, errors)('fields') ?? 'full';
  const fields = asked === 'full' || asked === 'brief' ? asked : null;
  if (!fields) errors.push({ name: 'fields', reason: 'expected full or brief' });
  const asOf = parseAsOf(sp, errors);
  if (!parsed.ok || !fields || errors.length) return badRequest(errors);
  try {
    const db = await getDb();
    const f = parsed.value;
    const version = asOf ? null : await storeVersion(db);
    const made = version
      ? await cachedRender(JSON.stringify(['incidents', version, canonical(sp)]), () => incidentPage(db, f, fields, null))
      : await incidentPage(db, f, fields, asOf ? await changedSince(db, asOf) : null).then((text) => ({
          body: prepareBody(text, { etag: true }),
          cached: false,
        }));
    if (!made) throw new Error('an incidents page was rendered as nothing');
    const options = { contentType: 'application/geo+json; charset=utf-8', headers: sharedCache(30) };
    if (version) leaveAnswer(req, made.body, options, async () => (await storeVersion(db)) === version);
    return preparedResponse(req, made.body, { ...options, headers: { ...options.headers, ...(version ? renderCacheHeader(made) : {}) } });
  } catch (err) {
    if (err instanceof TooMuchChangedError) return tooMuchChanged(err.asOf, err.max);
    return serverError(err);
  }
}
