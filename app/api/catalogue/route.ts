import { getDb } from '@/lib/db';
import { listActors, listSources } from '@/lib/db/queries';
import { EVENT_TYPES } from '@/lib/domain/taxonomy';
import { serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

/** The vocabularies the filters offer: event types, actors and sources. */
export async function GET(req: Request): Promise<Response> {
  try {
    const db = await getDb();
    const [actors, sources] = await Promise.all([listActors(db), listSources(db)]);
    return cachedJson(req, { eventTypes: EVENT_TYPES, actors, sources });
  } catch (err) {
    return serverError(err);
  }
}
