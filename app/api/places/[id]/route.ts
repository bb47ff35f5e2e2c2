import { getDb } from '@/lib/db';
import { getPlace, listSources } from '@/lib/db/queries';
import { placeDetailFeature } from '@/lib/api/geojson';
import { parseId } from '@/lib/api/params';
import { badRequest, notFound, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  try {
    const db = await getDb();
    const place = await getPlace(db, id.value);
    if (!place) return notFound('Place', id.value);
    return cachedJson(req, placeDetailFeature(place, await listSources(db)), { contentType: 'application/geo+json' });
  } catch (err) {
    return serverError(err);
  }
}
