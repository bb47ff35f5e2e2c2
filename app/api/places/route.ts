import { getDb } from '@/lib/db';
import { listPlaces } from '@/lib/db/queries';
import { placeFeature } from '@/lib/api/geojson';
import { serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const places = await listPlaces(await getDb());
    return cachedJson(req, { type: 'FeatureCollection', features: places.map(placeFeature) }, { contentType: 'application/geo+json' });
  } catch (err) {
    return serverError(err);
  }
}
