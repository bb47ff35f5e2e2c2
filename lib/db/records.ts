/**
 * The small records incidents point to — places, sources and actors — created and corrected by
 * editors on the desk, each change recorded in the history (lib/db/history.ts) in its own
 * transaction, as incidents' are.
 *
 * A place's position is fixed once incidents are located there: their points, tiles and
 * summaries are kept by its position, so moving it is refused (PlaceInUseError) rather than done
 * halfway. Its names, aliases, kind and note can always be corrected.
 */
import 'server-only';
import { type Author, recordChange } from './history';
import { getPlaceRecord } from './places';
import { listActors, listSources } from './catalog';
import type { Db } from './store';
import { diffRecords } from '../domain/diff';
import type { Actor, Place, Source } from '../domain/schema';

type Tx = Pick<Db, 'query'>;

export class PlaceInUseError extends Error {
  constructor(
    readonly id: string,
    readonly incidents: number,
  ) {
    super(`place "${id}" has ${incidents} incidents located at it: its position cannot change`);
  }
}

/** Whether two versions of a record hold the same fields, whatever their order */
const same = (a: unknown, b: unknown) => diffRecords(a, b).length === 0;

/** Creates or replaces a source; true when it is new. Recorded as a change unless nothing changed. */
export async function saveSource(db: Pick<Db, 'transaction'>, s: Source, { author }: { author: Author }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = (await listSourcesById(tx, s.id)) ?? null;
    await tx.query(
      `INSERT INTO sources (id, name_en, name_fr, kind, language, url) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, kind = EXCLUDED.kind,
         language = EXCLUDED.language, url = EXCLUDED.url`,
      [s.id, s.name.en, s.name.fr, s.kind, s.language, s.url],
    );
    if (!same(before, s))
      await recordChange(tx, { kind: 'source', entityId: s.id, action: before ? 'update' : 'create', author, before, after: s });
    return before === null;
  });
}

/** Creates or replaces an actor; true when it is new. */
export async function saveActor(db: Pick<Db, 'transaction'>, a: Actor, { author }: { author: Author }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>('SELECT id FROM actors WHERE id = $1 FOR UPDATE', [a.id]);
    const before = row ? ((await listActors(tx)).find((x) => x.id === a.id) ?? null) : null;
    await tx.query(
      `INSERT INTO actors (id, name_en, name_fr, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, kind = EXCLUDED.kind`,
      [a.id, a.name.en, a.name.fr, a.kind],
    );
    if (!same(before, a))
      await recordChange(tx, { kind: 'actor', entityId: a.id, action: before ? 'update' : 'create', author, before, after: a });
    return before === null;
  });
}

/** Creates or replaces a place (see PlaceInUseError); true when it is new. */
export async function savePlace(db: Pick<Db, 'transaction'>, p: Place, { author }: { author: Author }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT id FROM places WHERE id = $1 FOR UPDATE', [p.id]);
    const before = await getPlaceRecord(tx, p.id);
    if (before && (before.lon !== p.lon || before.lat !== p.lat)) {
      const [n] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents WHERE place_id = $1', [p.id]);
      if ((n?.n ?? 0) > 0) throw new PlaceInUseError(p.id, n?.n ?? 0);
    }
    await tx.query(
      `INSERT INTO places (id, name_en, name_fr, name_ar, aliases, lon, lat, geonames_id, admin1, admin2, kind, coordinate_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, name_ar = EXCLUDED.name_ar,
         aliases = EXCLUDED.aliases, lon = EXCLUDED.lon, lat = EXCLUDED.lat, geonames_id = EXCLUDED.geonames_id,
         admin1 = EXCLUDED.admin1, admin2 = EXCLUDED.admin2, kind = EXCLUDED.kind, coordinate_note = EXCLUDED.coordinate_note`,
      [p.id, p.name.en, p.name.fr, p.name.ar, p.aliases, p.lon, p.lat, p.geonamesId, p.admin1, p.admin2, p.kind, p.coordinateNote],
    );
    if (!same(before, p))
      await recordChange(tx, { kind: 'place', entityId: p.id, action: before ? 'update' : 'create', author, before, after: p });
    return before === null;
  });
}

async function listSourcesById(tx: Tx, id: string): Promise<Source | undefined> {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM sources WHERE id = $1 FOR UPDATE', [id]);
  return row ? (await listSources(tx)).find((s) => s.id === id) : undefined;
}
