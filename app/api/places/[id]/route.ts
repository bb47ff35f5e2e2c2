import { placeDetailFeature } from '@/lib/api/geojson';
import { parseId, parsePlacePaging } from '@/lib/api/params';
import { badRequest, notFound, otherMethods, problemResponse, serverError, tooMuchChanged } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';
import { getDb } from '@/lib/db';
import { changedSince, TooMuchChangedError, getPlaceAsOf } from '@/lib/db/as-of';
import { getPlace } from '@/lib/db/places';
import { listSources } from '@/lib/db/catalog';
import { recordPut } from '@/lib/records/respond';

export const dynamic = 'force-dynamic';

export const { POST, PATCH, DELETE } = otherMethods('GET', 'PUT');

/** An editor's new or corrected place (the whole record): 201 when new, 200 when replaced; a place with incidents keeps its position (409). */
export const PUT = recordPut('place');

/**
 * A place's details: its toll, totals by source, and a page of its incidents (`?cursor=`,
 * `?areaCursor=`, `?limit=`); `?asOf=` an ISO date-time for the place as it stood then.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
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
