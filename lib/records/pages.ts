/** What the desk's pages of places, sources and actors read. */
import 'server-only';
import { getDb } from '../db';
import { listActors, listSources } from '../db/catalog';
import { getPlaceRecord, incidentsAtPlace, listGazetteerPlaces, searchPlaces } from '../db/places';

/** Every source and actor, and the gazetteer's places (or those whose names match `q`, at most `found`). */
export async function recordLists(q: string, found: number) {
  const db = await getDb();
  const [sources, actors, places] = await Promise.all([
    listSources(db),
    listActors(db),
    q ? searchPlaces(db, q, found) : listGazetteerPlaces(db),
  ]);
  return { sources, actors, places };
}

/**
 * A record as its form takes it, and whether its position is fixed (a place with incidents keeps
 * it: they are summarised by it); null when there is none.
 */
export async function recordToEdit(
  kind: 'place' | 'source' | 'actor',
  id: string,
): Promise<{ record: Record<string, unknown>; positionFixed: boolean } | null> {
  const db = await getDb();
  if (kind === 'place') {
    const [record, n] = await Promise.all([getPlaceRecord(db, id), incidentsAtPlace(db, id)]);
    return record ? { record: record as unknown as Record<string, unknown>, positionFixed: n > 0 } : null;
  }
  const all = kind === 'source' ? await listSources(db) : await listActors(db);
  const record = all.find((x) => x.id === id);
  return record ? { record: record as unknown as Record<string, unknown>, positionFixed: false } : null;
}
