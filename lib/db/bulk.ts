/**
 * Writes incidents whole, many at a time: a handful of statements per batch, each taking its rows
 * as arrays (`unnest`), the same SQL on PGlite and PostgreSQL. Used by the seed, by editors'
 * corrections and by imports; the caller holds the transaction.
 */
import 'server-only';
import { periodEnd } from '../domain/dates';
import type { Incident } from '../domain/schema';
import { incidentSearchText } from '../domain/text';
import type { Db } from './store';
import { refreshSummaries, summaryDependents } from './summaries';

type Tx = Pick<Db, 'query'>;

/** Where an incident is drawn and what its text search finds, from its place. */
export interface PlaceForWrite {
  id: string;
  lon: number;
  lat: number;
  names: string[];
}

export interface IncidentWrite {
  incident: Incident;
  place: PlaceForWrite;
  /** the dataset it came from (a source id), or null for editors' and the seed's */
  origin?: string | null;
  /** per claim id: a hash of the dataset row it came from (a re-import of the same row is skipped) */
  originHash?: Record<string, string>;
}

const json = (v: unknown) => JSON.stringify(v);

/** Writes the incidents and everything they carry, replacing what each had, and refreshes their summaries. */
export async function writeIncidents(tx: Tx, writes: readonly IncidentWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const ids = writes.map((w) => w.incident.id);
  const dependents = await summaryDependents(tx, ids);
  const col = <T>(f: (w: IncidentWrite) => T) => writes.map(f);
  await tx.query(
    `INSERT INTO incidents (id, date, date_end, date_precision, place_id, geo_precision, location_note_en, location_note_fr,
       event_type, sub_event_type, scope, title_en, title_fr, summary_en, summary_fr, lon, lat, search_text, origin, title_ar, summary_ar, updated_at)
     SELECT *, now() FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::float8[], $17::float8[], $18::text[], $19::text[], $20::text[], $21::text[])
     ON CONFLICT (id) DO UPDATE SET date=EXCLUDED.date, date_end=EXCLUDED.date_end, date_precision=EXCLUDED.date_precision,
       place_id=EXCLUDED.place_id, geo_precision=EXCLUDED.geo_precision, location_note_en=EXCLUDED.location_note_en,
       location_note_fr=EXCLUDED.location_note_fr, event_type=EXCLUDED.event_type, sub_event_type=EXCLUDED.sub_event_type,
       scope=EXCLUDED.scope, title_en=EXCLUDED.title_en, title_fr=EXCLUDED.title_fr, summary_en=EXCLUDED.summary_en,
       summary_fr=EXCLUDED.summary_fr, lon=EXCLUDED.lon, lat=EXCLUDED.lat, search_text=EXCLUDED.search_text,
       origin=EXCLUDED.origin, title_ar=EXCLUDED.title_ar, summary_ar=EXCLUDED.summary_ar, updated_at=now(),
       revision=incidents.revision + 1`,
    [
      ids,
      col((w) => w.incident.date),
      col((w) => periodEnd(w.incident.date, w.incident.datePrecision)),
      col((w) => w.incident.datePrecision),
      col((w) => w.place.id),
      col((w) => w.incident.geoPrecision),
      col((w) => w.incident.locationNote?.en ?? null),
      col((w) => w.incident.locationNote?.fr ?? null),
      col((w) => w.incident.eventType),
      col((w) => w.incident.subEventType),
      col((w) => w.incident.scope),
      col((w) => w.incident.title.en),
      col((w) => w.incident.title.fr),
      col((w) => w.incident.summary.en),
      col((w) => w.incident.summary.fr),
      col((w) => w.place.lon),
      col((w) => w.place.lat),
      col((w) => incidentSearchText(w.incident, w.place.names)),
      col((w) => w.origin ?? null),
      col((w) => w.incident.title.ar ?? null),
      col((w) => w.incident.summary.ar ?? null),
    ],
  );
  await tx.query('DELETE FROM incident_actors WHERE incident_id = ANY($1::text[])', [ids]);
  await tx.query('DELETE FROM incident_sources WHERE incident_id = ANY($1::text[])', [ids]);
  await tx.query('DELETE FROM claims WHERE incident_id = ANY($1::text[])', [ids]);

  const actors = writes.flatMap((w) => w.incident.actors.map((a) => [w.incident.id, a.actor, a.side, a.role] as const));
  if (actors.length) {
    await tx.query(
      `INSERT INTO incident_actors (incident_id, actor_id, side, role)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [actors.map((a) => a[0]), actors.map((a) => a[1]), actors.map((a) => a[2]), actors.map((a) => a[3])],
    );
  }
  const sources = writes.flatMap((w) => [...new Set(w.incident.reportedBy)].map((s) => [w.incident.id, s] as const));
  if (sources.length) {
    await tx.query('INSERT INTO incident_sources (incident_id, source_id) SELECT * FROM unnest($1::text[], $2::text[])', [
      sources.map((s) => s[0]),
      sources.map((s) => s[1]),
    ]);
  }
  await writeClaims(
    tx,
    writes.flatMap((w) =>
      w.incident.claims.map((claim, position) => ({ incidentId: w.incident.id, position, claim, hash: w.originHash?.[claim.id] ?? null })),
    ),
  );
  await refreshSummaries(tx, ids, dependents);
}

export interface ClaimWrite {
  incidentId: string;
  position: number;
  claim: Incident['claims'][number];
  hash: string | null;
}

/**
 * Inserts claims with their toll lines and equipment (the caller has removed any earlier version
 * and refreshes the summaries of the incidents they belong to).
 */
export async function writeClaims(tx: Tx, claims: readonly ClaimWrite[]): Promise<void> {
  if (claims.length === 0) return;
  const c = <T>(f: (w: ClaimWrite) => T) => claims.map(f);
  await tx.query(
    `INSERT INTO claims (id, incident_id, position, claimant_id, via_id, claimed_on, perpetrators, targets,
       attribution_en, attribution_fr, statement_en, statement_fr, origin_hash, total_killed_low, total_killed_best, total_killed_high)
     SELECT u.id, u.incident_id, u.position, u.claimant_id, u.via_id, u.claimed_on,
       ARRAY(SELECT jsonb_array_elements_text(u.perpetrators::jsonb)), ARRAY(SELECT jsonb_array_elements_text(u.targets::jsonb)),
       u.attribution_en, u.attribution_fr, u.statement_en, u.statement_fr, u.origin_hash, u.tl, u.tb, u.th
     FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::text[], $14::int[], $15::int[], $16::int[])
       AS u(id, incident_id, position, claimant_id, via_id, claimed_on, perpetrators, targets, attribution_en, attribution_fr,
         statement_en, statement_fr, origin_hash, tl, tb, th)`,
    [
      c((w) => w.claim.id),
      c((w) => w.incidentId),
      c((w) => w.position),
      c((w) => w.claim.claimant),
      c((w) => w.claim.via),
      c((w) => w.claim.claimedOn),
      c((w) => json(w.claim.perpetrators)),
      c((w) => json(w.claim.targets)),
      c((w) => w.claim.attribution.en),
      c((w) => w.claim.attribution.fr),
      c((w) => w.claim.statement.en),
      c((w) => w.claim.statement.fr),
      c((w) => w.hash),
      c((w) => w.claim.totalKilled?.low ?? null),
      c((w) => w.claim.totalKilled?.best ?? null),
      c((w) => w.claim.totalKilled?.high ?? null),
    ],
  );
  const lines = claims.flatMap((w) => w.claim.casualties.map((l, i) => ({ claim: w.claim.id, i, l })));
  if (lines.length) {
    const l = <T>(f: (x: (typeof lines)[number]) => T) => lines.map(f);
    await tx.query(
      `INSERT INTO claim_casualties (claim_id, position, group_id, label_en, label_fr, killed_low, killed_best, killed_high, wounded_low, wounded_high, counted_in)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::text[])`,
      [
        l((x) => x.claim),
        l((x) => x.i),
        l((x) => x.l.group),
        l((x) => x.l.label.en),
        l((x) => x.l.label.fr),
        l((x) => x.l.killed?.low ?? null),
        l((x) => x.l.killed?.best ?? null),
        l((x) => x.l.killed?.high ?? null),
        l((x) => x.l.wounded?.low ?? null),
        l((x) => x.l.wounded?.high ?? null),
        l((x) => x.l.countedIn),
      ],
    );
  }
  const equipment = claims.flatMap((w) => w.claim.equipment.map((e, i) => ({ claim: w.claim.id, i, e })));
  if (equipment.length) {
    const e = <T>(f: (x: (typeof equipment)[number]) => T) => equipment.map(f);
    await tx.query(
      `INSERT INTO claim_equipment (claim_id, position, item_en, item_fr, count_low, count_high, owner_id)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[])`,
      [
        e((x) => x.claim),
        e((x) => x.i),
        e((x) => x.e.item.en),
        e((x) => x.e.item.fr),
        e((x) => x.e.count.low),
        e((x) => x.e.count.high),
        e((x) => x.e.owner),
      ],
    );
  }
}

/**
 * After a bulk load: fresh statistics for the planner, and the visibility map set so the newest
 * rows are read from their index alone (migration 11). The small summary tables are rewritten
 * whole: a load updates each place's row once per batch, leaving them mostly dead space (at 1M,
 * 33 MB for 5,000 rows of place tolls, which every read of /api/places then scanned: 60 ms);
 * rewritten they are a few hundred kilobytes. Not in a transaction (VACUUM cannot be).
 */
export async function settleAfterBulk(db: { exec(sql: string): Promise<unknown> }): Promise<void> {
  await db.exec('VACUUM ANALYZE');
  await db.exec('VACUUM (FULL, ANALYZE) place_tolls, place_claimant_tolls, incident_stacks');
}

/** The places incidents are written at, as the store holds them (curated or imported). */
export async function placesForWrite(tx: Tx, ids: readonly string[]): Promise<Map<string, PlaceForWrite>> {
  const rows = await tx.query<{
    id: string;
    lon: number;
    lat: number;
    name_en: string;
    name_fr: string;
    name_ar: string;
    aliases: string[];
  }>('SELECT id, lon, lat, name_en, name_fr, name_ar, aliases FROM places WHERE id = ANY($1::text[])', [[...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, { id: r.id, lon: r.lon, lat: r.lat, names: [r.name_en, r.name_fr, r.name_ar, ...r.aliases] }]));
}

/**
 * Writes incidents whole: their rows, actors, sources, claims and their lines, replacing what
 * was there, each at its place as the store holds it. Used by the seed and by editors'
 * corrections; the caller holds the transaction.
 */
export async function upsertIncidents(tx: Tx, incidents: readonly Incident[]): Promise<void> {
  const places = await placesForWrite(
    tx,
    incidents.map((i) => i.place),
  );
  await writeIncidents(
    tx,
    incidents.map((incident) => {
      const place = places.get(incident.place);
      if (!place) throw new Error(`incident ${incident.id} names unknown place ${incident.place}`);
      return { incident, place };
    }),
  );
}
