/** The places' API: places with their tolls in a box or found by name, and one place's details (then or now). */
import 'server-only';
import { placeDetailFeature, placeFeature } from '@/lib/api/geojson';
import { parseId, parsePlaceList, parsePlacePaging } from '@/lib/api/params';
import { badRequest, notFound, problemResponse, serverError, tooMuchChanged } from '@/lib/api/problem';
import { cachedJson, preparedResponse, sharedCache } from '@/lib/api/prepared';
import { getDb } from '@/lib/db';
import { TooMuchChangedError, changedSince, getPlaceAsOf } from '@/lib/db/as-of';
import { listSources } from '@/lib/db/catalog';
import { getPlace, listPlaces, searchPlaces } from '@/lib/db/places';
import { storeVersion } from '@/lib/db/version';
import { cachedRender, renderCacheHeader } from '@/lib/render-cache';

/**
 * Places with their incident counts and tolls (`?bbox=` to those in a box; `?limit=`, at most
 * 5,000): those with the most incidents when more match than the limit, and
 * `numberMatched`/`numberReturned` say so. `?q=` finds places by any of their names instead
 * (case and accents folded, best matches first; `limit` at most 50, 10 by default).
 */
export async function placesGet(req: Request): Promise<Response> {
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

/**
 * A place's details: its toll, totals by source, and a page of its incidents (`?cursor=`,
 * `?areaCursor=`, `?limit=`); `?asOf=` an ISO date-time for the place as it stood then.
 */
export async function placeGet(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const paging = parsePlacePaging(new URL(req.url).searchParams, { asOf: true });
  if (!paging.ok) return badRequest(paging.errors);
  try {
    const db = await getDb();
    const { asOf, ...pages } = paging.value;
    if (!asOf) {
      const place = await getPlace(db, id.value, pages);
      if (!place) return notFound('Place', id.value);
      return cachedJson(req, placeDetailFeature(place, await listSources(db)), { contentType: 'application/geo+json' });
    }
    const then = await getPlaceAsOf(db, await changedSince(db, asOf), id.value, pages);
    if (!then)
      return problemResponse({
        type: '/problems/not-found',
        title: 'Place not found as of then',
        status: 404,
        detail: `No place had the id "${id.value}" at ${asOf}.`,
      });
    const { notKnownAsOf, ...detail } = then;
    const feature = placeDetailFeature(detail, await listSources(db));
    return cachedJson(
      req,
      { ...feature, properties: { ...feature.properties, incidentTotalExact: detail.incidents.totalExact ?? true }, asOf, notKnownAsOf },
      { contentType: 'application/geo+json' },
    );
  } catch (err) {
    if (err instanceof TooMuchChangedError) return tooMuchChanged(err.asOf, err.max);
    return serverError(err);
  }
}
