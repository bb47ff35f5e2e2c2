import { placeFeature } from '@/lib/api/geojson';
import { parsePlaceList } from '@/lib/api/params';
import { badRequest, otherMethods, serverError } from '@/lib/api/problem';
import { preparedResponse, sharedCache } from '@/lib/api/respond';
import { getDb } from '@/lib/db';
import { listPlaces, searchPlaces } from '@/lib/db/places';
import { storeVersion } from '@/lib/db/version';
import { cachedRender, renderCacheHeader } from '@/lib/render-cache';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/**
 * Places with their incident counts and tolls (`?bbox=` to those in a box; `?limit=`, at most
 * 5,000): those with the most incidents when more match than the limit, and
 * `numberMatched`/`numberReturned` say so. `?q=` finds places by any of their names instead
 * (case and accents folded, best matches first; `limit` at most 50, 10 by default).
 */
export async function GET(req: Request): Promise<Response> {
  const q = parsePlaceList(new URL(req.url).searchParams);
  if (!q.ok) return badRequest(q.errors);
  try {
    const db = await getDb();
    if (q.value.q !== undefined) {
      const found = await searchPlaces(db, q.value.q, q.value.limit);
      return Response.json(
        { type: 'FeatureCollection', numberReturned: found.length, features: found.map(placeFeature) },
        { headers: { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'no-cache' } },
      );
    }
    // the same box and limit are asked again by every reader of that view: made once per store version
    const key = JSON.stringify(['places', await storeVersion(db), q.value.bbox ?? null, q.value.limit]);
    const rendered = await cachedRender(key, async () => {
      const { items, total } = await listPlaces(db, q.value);
      return JSON.stringify({
        type: 'FeatureCollection',
        numberMatched: total,
        numberReturned: items.length,
        features: items.map(placeFeature),
      });
    });
    if (!rendered) throw new Error('the places always render');
    return preparedResponse(req, rendered.body, {
      contentType: 'application/geo+json; charset=utf-8',
      headers: { ...sharedCache(30), ...renderCacheHeader(rendered) },
    });
  } catch (err) {
    return serverError(err);
  }
}
