/** GET /api/catalogue: the vocabularies the filters offer, and whether any data is synthetic. */
import 'server-only';
import { serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/prepared';
import { getDb } from '@/lib/db';
import { hasSyntheticData, listActors, listSources } from '@/lib/db/catalog';
import { EVENT_TYPES } from '@/lib/domain/taxonomy';

/** The vocabularies the filters offer (event types, actors, sources), and whether any data is synthetic. */
export async function catalogueGet(req: Request): Promise<Response> {
  try {
    const db = await getDb();
    const [actors, sources, synthetic] = await Promise.all([listActors(db), listSources(db), hasSyntheticData(db)]);
    return cachedJson(req, { eventTypes: EVENT_TYPES, actors, sources, synthetic });
  } catch (err) {
    return serverError(err);
  }
}
