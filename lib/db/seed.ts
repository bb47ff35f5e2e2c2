import 'server-only';
import { createHash } from 'node:crypto';
import { places } from '../../geo/gazetteer';
import { seedSchema, type Seed } from '../domain/schema';
import article from '../seed/article-2020-02-20.json';
import { upsertIncidents } from './bulk';
import type { Db } from './store';

type Tx = Pick<Db, 'query'>;

export const seed: Seed = seedSchema.parse(article);

const SEED_KEY = 'seed:article-2020-02-20';

function seedHash(): string {
  return createHash('sha256').update(JSON.stringify({ places, seed })).digest('hex');
}

/**
 * Loads the gazetteer and the hand-coded incidents. Idempotent: it upserts by id, replaces an
 * incident's claims whole, and skips the work when the seed has not changed since last time.
 */
export async function applySeed(db: Pick<Db, 'transaction'>, { force = false } = {}): Promise<'applied' | 'unchanged'> {
  const hash = seedHash();
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ value: string }>('SELECT value FROM meta WHERE key = $1 FOR UPDATE', [SEED_KEY]);
    if (row?.value === hash && !force) return 'unchanged';
    await upsertSeed(tx, seed);
    await tx.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
      SEED_KEY,
      hash,
    ]);
    return 'applied';
  });
}

async function upsertSeed(tx: Tx, data: Seed): Promise<void> {
  for (const p of places) {
    await tx.query(
      `INSERT INTO places (id, name_en, name_fr, name_ar, aliases, lon, lat, geonames_id, admin1, admin2, kind, coordinate_note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
       ON CONFLICT (id) DO UPDATE SET name_en=EXCLUDED.name_en, name_fr=EXCLUDED.name_fr, name_ar=EXCLUDED.name_ar,
         aliases=EXCLUDED.aliases, lon=EXCLUDED.lon, lat=EXCLUDED.lat, geonames_id=EXCLUDED.geonames_id,
         admin1=EXCLUDED.admin1, admin2=EXCLUDED.admin2, kind=EXCLUDED.kind, coordinate_note=EXCLUDED.coordinate_note`,
      [p.id, p.name.en, p.name.fr, p.name.ar, p.aliases, p.lon, p.lat, p.geonamesId, p.admin1, p.admin2, p.kind, p.coordinateNote],
    );
  }
  for (const s of data.sources) {
    await tx.query(
      `INSERT INTO sources (id, name_en, name_fr, kind, language, url) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (id) DO UPDATE SET name_en=EXCLUDED.name_en, name_fr=EXCLUDED.name_fr, kind=EXCLUDED.kind,
         language=EXCLUDED.language, url=EXCLUDED.url`,
      [s.id, s.name.en, s.name.fr, s.kind, s.language, s.url],
    );
  }
  for (const a of data.actors) {
    await tx.query(
      `INSERT INTO actors (id, name_en, name_fr, kind) VALUES ($1,$2,$3,$4)
       ON CONFLICT (id) DO UPDATE SET name_en=EXCLUDED.name_en, name_fr=EXCLUDED.name_fr, kind=EXCLUDED.kind`,
      [a.id, a.name.en, a.name.fr, a.kind],
    );
  }
  await upsertIncidents(tx, data.incidents);
}
