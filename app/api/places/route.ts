import { getDb } from '@/lib/db';
import { listPlaces } from '@/lib/db/queries';
import { placeFeature } from '@/lib/api/geojson';
import { otherMethods, serverError } from '@/lib/api/problem';
import { preparedResponse, sharedCache } from '@/lib/api/respond';
import { storeVersion } from '@/lib/db/version';
import { cachedRender, renderCacheHeader } from '@/lib/render-cache';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

export async function GET(req: Request): Promise<Response> {
  try {
    const db = await getDb();
    // one row a place, but thousands of places once a dataset is in: made once per store version
    const key = JSON.stringify(['places', await storeVersion(db)]);
    const rendered = await cachedRender(key, async () =>
      JSON.stringify({ type: 'FeatureCollection', features: (await listPlaces(db)).map(placeFeature) }),
    );
    if (!rendered) throw new Error('the places always render');
    return preparedResponse(req, rendered.body, {
      contentType: 'application/geo+json; charset=utf-8',
      headers: { ...sharedCache(30), ...renderCacheHeader(rendered) },
    });
  } catch (err) {
    return serverError(err);
  }
}
