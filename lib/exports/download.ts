import 'server-only';
import { parseIncidentQuery } from '../api/params';
import { badRequest, serverError } from '../api/problem';
import { getDb } from '../db';
import { exportFilename, incidentsCsv, incidentsGeoJson } from './incidents';

/**
 * GET /api/incidents.csv and /api/incidents.geojson: the same filters as /api/incidents (its
 * `limit` and `cursor` aside: the file holds every incident they match), streamed, as an
 * attachment whose name says the filters and the day.
 */
export async function exportResponse(req: Request, format: 'csv' | 'geojson'): Promise<Response> {
  const url = new URL(req.url);
  const parsed = parseIncidentQuery(url.searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  // every incident the filters match: no page size, no cursor
  const { limit: _limit, cursor: _cursor, ...rest } = parsed.value;
  const filter = { ...rest, limit: 0 };
  try {
    const db = await getDb();
    // the store is asked once before answering, so an unreachable one is a 503, not a broken download
    await db.query('SELECT 1');
    const name = exportFilename(filter, format);
    const body =
      format === 'csv'
        ? incidentsCsv(db, filter)
        : incidentsGeoJson(db, filter, { query: url.search, exportedAt: new Date().toISOString() });
    return new Response(body, {
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/geo+json; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    return serverError(err);
  }
}
