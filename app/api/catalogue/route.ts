import { getDb } from '@/lib/db';
import { hasSyntheticData, listActors, listSources } from '@/lib/db/catalog';
import { EVENT_TYPES } from '@/lib/domain/taxonomy';
import { otherMethods, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** The vocabularies the filters offer (event types, actors, sources), and whether any data is synthetic. */
export async function GET(req: Request): Promise<Response> {
  try {
    const db = await getDb();
    const [actors, sources, synthetic] = await Promise.all([listActors(db), listSources(db), hasSyntheticData(db)]);
    return cachedJson(req, { eventTypes: EVENT_TYPES, actors, sources, synthetic });
  } catch (err) {
    return serverError(err);
  }
}
