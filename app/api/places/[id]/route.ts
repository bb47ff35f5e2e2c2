import { getById } from '@/lib/api/handlers';
import { placeDetailFeature } from '@/lib/api/geojson';
import { getPlace, listSources } from '@/lib/db/queries';

export const dynamic = 'force-dynamic';

export const GET = getById('Place', async (db, id) => {
  const place = await getPlace(db, id);
  return place && placeDetailFeature(place, await listSources(db));
});
