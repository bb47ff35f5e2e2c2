import 'server-only';
import { createHash } from 'node:crypto';
import { placeById, places } from '../../geo/gazetteer';
import { periodEnd } from '../domain/dates';
import { seedSchema, type Incident, type Seed } from '../domain/schema';
import { foldText } from '../domain/text';
import article from '../seed/article-2020-02-20.json';
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
  for (const inc of data.incidents) await upsertIncident(tx, inc);
}

/**
 * Writes one incident whole: its row, actors, sources, claims and their lines, replacing what
 * was there. Used by the seed and by editors' corrections; the caller holds the transaction.
 */
export async function upsertIncident(tx: Tx, inc: Incident): Promise<void> {
  const place = placeById(inc.place);
  if (!place) throw new Error(`incident ${inc.id} names unknown place ${inc.place}`);
  const search = foldText(
    [inc.title.en, inc.title.fr, inc.summary.en, inc.summary.fr, place.name.en, place.name.fr, place.name.ar, ...place.aliases].join(' '),
  );
  await tx.query(
    `INSERT INTO incidents (id, date, date_end, date_precision, place_id, geo_precision, location_note_en, location_note_fr,
       event_type, sub_event_type, scope, title_en, title_fr, summary_en, summary_fr, lon, lat, search_text, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18, now())
     ON CONFLICT (id) DO UPDATE SET date=EXCLUDED.date, date_end=EXCLUDED.date_end, date_precision=EXCLUDED.date_precision,
       place_id=EXCLUDED.place_id, geo_precision=EXCLUDED.geo_precision, location_note_en=EXCLUDED.location_note_en,
       location_note_fr=EXCLUDED.location_note_fr, event_type=EXCLUDED.event_type, sub_event_type=EXCLUDED.sub_event_type,
       scope=EXCLUDED.scope, title_en=EXCLUDED.title_en, title_fr=EXCLUDED.title_fr, summary_en=EXCLUDED.summary_en,
       summary_fr=EXCLUDED.summary_fr, lon=EXCLUDED.lon, lat=EXCLUDED.lat, search_text=EXCLUDED.search_text, updated_at=now()`,
    [
      inc.id,
      inc.date,
      periodEnd(inc.date, inc.datePrecision),
      inc.datePrecision,
      inc.place,
      inc.geoPrecision,
      inc.locationNote?.en ?? null,
      inc.locationNote?.fr ?? null,
      inc.eventType,
      inc.subEventType,
      inc.scope,
      inc.title.en,
      inc.title.fr,
      inc.summary.en,
      inc.summary.fr,
      place.lon,
      place.lat,
      search,
    ],
  );
  await tx.query('DELETE FROM incident_actors WHERE incident_id = $1', [inc.id]);
  await tx.query('DELETE FROM incident_sources WHERE incident_id = $1', [inc.id]);
  await tx.query('DELETE FROM claims WHERE incident_id = $1', [inc.id]);
  for (const a of inc.actors) {
    await tx.query('INSERT INTO incident_actors (incident_id, actor_id, side, role) VALUES ($1,$2,$3,$4)', [
      inc.id,
      a.actor,
      a.side,
      a.role,
    ]);
  }
  for (const s of inc.reportedBy) {
    await tx.query('INSERT INTO incident_sources (incident_id, source_id) VALUES ($1,$2)', [inc.id, s]);
  }
  for (const [position, c] of inc.claims.entries()) {
    await tx.query(
      `INSERT INTO claims (id, incident_id, position, claimant_id, via_id, claimed_on, perpetrators, targets,
         attribution_en, attribution_fr, statement_en, statement_fr) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [
        c.id,
        inc.id,
        position,
        c.claimant,
        c.via,
        c.claimedOn,
        c.perpetrators,
        c.targets,
        c.attribution.en,
        c.attribution.fr,
        c.statement.en,
        c.statement.fr,
      ],
    );
    for (const [i, l] of c.casualties.entries()) {
      await tx.query(
        `INSERT INTO claim_casualties (claim_id, position, group_id, label_en, label_fr, killed_low, killed_high, wounded_low, wounded_high, counted_in)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [
          c.id,
          i,
          l.group,
          l.label.en,
          l.label.fr,
          l.killed?.low ?? null,
          l.killed?.high ?? null,
          l.wounded?.low ?? null,
          l.wounded?.high ?? null,
          l.countedIn,
        ],
      );
    }
    for (const [i, e] of c.equipment.entries()) {
      await tx.query(
        `INSERT INTO claim_equipment (claim_id, position, item_en, item_fr, count_low, count_high, owner_id) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [c.id, i, e.item.en, e.item.fr, e.count.low, e.count.high, e.owner],
      );
    }
  }
}
