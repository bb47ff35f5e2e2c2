import 'server-only';
import {
  contestReasons,
  summariseClaims,
  type CasualtySummary,
  type ClaimantTotal,
  type ContestReason,
  type Range,
} from '../domain/casualties';
import type { Actor, Claim, DatePrecision, GeoPrecision, Incident, Place, Source } from '../domain/schema';
import type { EventType } from '../domain/taxonomy';
import { foldText } from '../domain/text';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;

/** An incident as the API and the map see it: the coded record plus what is derived from its claims. */
export interface IncidentView extends Omit<Incident, 'place'> {
  dateEnd: string;
  place: Place;
  lon: number;
  lat: number;
  contested: ContestReason[];
  casualties: CasualtySummary;
  updatedAt: string;
  /** raised by each save: a save made on an older revision is refused (lib/db/corrections.ts) */
  revision: number;
}

export interface IncidentFilter {
  bbox?: [number, number, number, number];
  from?: string;
  to?: string;
  types?: EventType[];
  actors?: string[];
  places?: string[];
  /** incidents located only to this province (geo precision 3), other than at one place */
  areaOf?: { admin1: string; except: string };
  sources?: string[];
  q?: string;
  /** only these incidents (a reading as of a past moment: those changed since, lib/db/as-of.ts) */
  only?: string[];
  /** all but these incidents (a reading as of a past moment: those changed since, read from their history instead) */
  exclude?: string[];
  limit: number;
  cursor?: { date: string; id: string };
  order?: 'newest' | 'oldest';
}

interface PlaceRow {
  id: string;
  name_en: string;
  name_fr: string;
  name_ar: string;
  aliases: string[];
  lon: number;
  lat: number;
  geonames_id: number | null;
  admin1: string;
  admin2: string | null;
  kind: Place['kind'];
  coordinate_note: string;
}
const PLACE_COLUMNS =
  'p.id, p.name_en, p.name_fr, p.name_ar, p.aliases, p.lon, p.lat, p.geonames_id, p.admin1, p.admin2, p.kind, p.coordinate_note';

function toPlace(r: PlaceRow): Place {
  return {
    id: r.id,
    name: { en: r.name_en, fr: r.name_fr, ar: r.name_ar },
    aliases: r.aliases,
    lon: r.lon,
    lat: r.lat,
    geonamesId: r.geonames_id,
    admin1: r.admin1,
    admin2: r.admin2,
    kind: r.kind,
    coordinateNote: r.coordinate_note,
  };
}

interface IncidentRow {
  id: string;
  date: string;
  date_end: string;
  date_precision: DatePrecision;
  geo_precision: GeoPrecision;
  location_note_en: string | null;
  location_note_fr: string | null;
  event_type: EventType;
  sub_event_type: string;
  scope: 'event' | 'tally';
  title_en: string;
  title_fr: string;
  summary_en: string;
  summary_fr: string;
  title_ar: string | null;
  summary_ar: string | null;
  lon: number;
  lat: number;
  updated_at: string;
  place_id: string;
  revision: number;
}

/** An incident's text as stored: the Arabic only when there is one (absent, not null, in what we send). */
const withArabic = (en: string, fr: string, ar: string | null) => (ar ? { en, fr, ar } : { en, fr });

const INCIDENT_SELECT = `SELECT i.id, to_char(i.date, 'YYYY-MM-DD') AS date, to_char(i.date_end, 'YYYY-MM-DD') AS date_end, i.date_precision,
  i.geo_precision, i.location_note_en, i.location_note_fr, i.event_type, i.sub_event_type, i.scope, i.title_en, i.title_fr,
  i.summary_en, i.summary_fr, i.title_ar, i.summary_ar, i.lon, i.lat, to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at, i.place_id, i.revision`;

/** A small builder for positional parameters, so filters compose without string-pasting values. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

function likePattern(q: string): string {
  return `%${foldText(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE clause of a filter over incident_points `p` (the narrow table): a box through the
 * (lon, lat) index or tested on the dates' index, arrays of actors and sources through GIN, text through the trigram
 * index on incidents.
 */
export function pointFilter(f: Omit<IncidentFilter, 'limit' | 'cursor' | 'order'>, p: Params): string[] {
  const where: string[] = [];
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    // as ranges, not point <@ box: the planner estimates these from the columns' statistics (migration 11)
    where.push(`p.lon BETWEEN ${p.add(w)} AND ${p.add(e)} AND p.lat BETWEEN ${p.add(s)} AND ${p.add(n)}`);
  }
  if (f.from) {
    const from = p.add(f.from);
    // no period is longer than a month: an incident running into `from` began at most 31 days before
    // (said outright, so that the date index bounds the scan from both sides)
    where.push(`p.date_end >= ${from}::date AND p.date >= ${from}::date - 31`);
  }
  if (f.to) where.push(`p.date <= ${p.add(f.to)}::date`);
  if (f.types?.length) where.push(`p.event_type = ANY(${p.add(f.types)}::text[])`);
  // one place as an equality: the planner then reads its index (place, date, id) in order; given
  // `= ANY` of one, it walked the date index backwards and filtered (52 ms against 0.3 on 1M)
  if (f.places?.length === 1) where.push(`p.place_id = ${p.add(f.places[0])}`);
  else if (f.places?.length) where.push(`p.place_id = ANY(${p.add(f.places)}::text[])`);
  if (f.areaOf) {
    where.push(`p.geo_precision = 3 AND p.place_id <> ${p.add(f.areaOf.except)}
      AND p.place_id IN (SELECT ap.id FROM places ap WHERE ap.admin1 = ${p.add(f.areaOf.admin1)})`);
  }
  if (f.actors?.length) where.push(`p.actors && ${p.add(f.actors)}::text[]`);
  if (f.sources?.length) where.push(`p.sources && ${p.add(f.sources)}::text[]`);
  if (f.q) where.push(`EXISTS (SELECT 1 FROM incidents x WHERE x.id = p.id AND x.search_text LIKE ${p.add(likePattern(f.q))})`);
  if (f.only) where.push(`p.id = ANY(${p.add(f.only)}::text[])`);
  if (f.exclude?.length) where.push(`p.id <> ALL(${p.add(f.exclude)}::text[])`);
  return where;
}

/** How many of the newest rows a page is first looked for in (see listIncidents). */
const NEWEST_FIRST = 20_000;

export async function listIncidents(
  db: Q,
  f: IncidentFilter,
  /** how many of the newest rows to look among first (tests make it small to reach the other path) */
  { newestFirst = NEWEST_FIRST }: { newestFirst?: number } = {},
): Promise<{ incidents: IncidentView[]; nextCursor: { date: string; id: string } | null }> {
  const dir = (f.order ?? 'newest') === 'newest' ? 'DESC' : 'ASC';
  const ids = await pageIds(db, f, newestFirst);
  // the page chosen on the narrow table, only its rows are read from the wide one
  const rows = ids.length
    ? await db.query<IncidentRow>(`${INCIDENT_SELECT} FROM incidents i WHERE i.id = ANY($1::text[]) ORDER BY i.date ${dir}, i.id ${dir}`, [
        ids,
      ])
    : [];
  const kept = rows.slice(0, f.limit);
  const incidents = await hydrate(db, kept);
  const last = kept.at(-1);
  return { incidents, nextCursor: rows.length > f.limit && last ? { date: last.date, id: last.id } : null };
}

/**
 * An incident as a list shows it: everything of IncidentView's summary but the claims
 * themselves, read from the summaries kept on write (lib/db/summaries.ts) in one query.
 */
export interface IncidentBrief
  extends Pick<
    IncidentView,
    | 'id'
    | 'date'
    | 'dateEnd'
    | 'datePrecision'
    | 'geoPrecision'
    | 'locationNote'
    | 'eventType'
    | 'subEventType'
    | 'scope'
    | 'title'
    | 'summary'
    | 'contested'
    | 'lon'
    | 'lat'
    | 'updatedAt'
  > {
  placeId: string;
  placeName: Place['name'];
  killed: Range | null;
  wounded: Range | null;
  claimants: string[];
  actors: string[];
  claimCount: number;
}

/** An incident as a list shows it (`?fields=brief`), from a whole version: what listIncidentBriefs reads from the summaries. */
export function briefOf(i: IncidentView): IncidentBrief {
  const claimants: string[] = [];
  for (const c of i.claims) if (!claimants.includes(c.claimant)) claimants.push(c.claimant);
  return {
    id: i.id,
    date: i.date,
    dateEnd: i.dateEnd,
    datePrecision: i.datePrecision,
    placeId: i.place.id,
    placeName: i.place.name,
    geoPrecision: i.geoPrecision,
    locationNote: i.locationNote,
    eventType: i.eventType,
    subEventType: i.subEventType,
    scope: i.scope,
    title: i.title,
    summary: i.summary,
    contested: i.contested,
    killed: plain(i.casualties.killed),
    wounded: plain(i.casualties.wounded),
    claimants,
    actors: i.actors.map((a) => a.actor),
    claimCount: i.claims.length,
    lon: i.lon,
    lat: i.lat,
    updatedAt: i.updatedAt,
  };
}
const plain = (r: Range | null): Range | null => (r ? { low: r.low, high: r.high } : null);

/** A page of incidents as a list shows them (`?fields=brief`): the same page as listIncidents, in one query after it is chosen. */
export async function listIncidentBriefs(
  db: Q,
  f: IncidentFilter,
  { newestFirst = NEWEST_FIRST }: { newestFirst?: number } = {},
): Promise<{ incidents: IncidentBrief[]; nextCursor: { date: string; id: string } | null }> {
  const dir = (f.order ?? 'newest') === 'newest' ? 'DESC' : 'ASC';
  const ids = await pageIds(db, f, newestFirst);
  if (ids.length === 0) return { incidents: [], nextCursor: null };
  const rows = await db.query<
    IncidentRow & {
      name_en: string;
      name_fr: string;
      name_ar: string;
      killed_low: number | null;
      killed_high: number | null;
      wounded_low: number | null;
      wounded_high: number | null;
      contested_attribution: boolean;
      contested_toll: boolean;
      claim_count: number;
      claimants: string[];
      actors: string[];
    }
  >(
    `${INCIDENT_SELECT}, pl.name_en, pl.name_fr, pl.name_ar, i.killed_low, i.killed_high, i.wounded_low, i.wounded_high,
       i.contested_attribution, i.contested_toll, i.claim_count,
       ARRAY(SELECT c.claimant_id FROM claims c WHERE c.incident_id = i.id GROUP BY c.claimant_id ORDER BY min(c.position)) AS claimants,
       ARRAY(SELECT a.actor_id FROM incident_actors a WHERE a.incident_id = i.id ORDER BY a.side, a.role DESC, a.actor_id) AS actors
     FROM incidents i JOIN places pl ON pl.id = i.place_id WHERE i.id = ANY($1::text[]) ORDER BY i.date ${dir}, i.id ${dir}`,
    [ids],
  );
  const range = (low: number | null, high: number | null): Range | null => (low === null || high === null ? null : { low, high });
  const kept = rows.slice(0, f.limit);
  const last = kept.at(-1);
  return {
    incidents: kept.map((r) => ({
      id: r.id,
      date: r.date,
      dateEnd: r.date_end,
      datePrecision: r.date_precision,
      placeId: r.place_id,
      placeName: { en: r.name_en, fr: r.name_fr, ar: r.name_ar },
      geoPrecision: r.geo_precision,
      locationNote: r.location_note_en && r.location_note_fr ? { en: r.location_note_en, fr: r.location_note_fr } : null,
      eventType: r.event_type,
      subEventType: r.sub_event_type,
      scope: r.scope,
      title: withArabic(r.title_en, r.title_fr, r.title_ar),
      summary: withArabic(r.summary_en, r.summary_fr, r.summary_ar),
      contested: [...(r.contested_attribution ? (['attribution'] as const) : []), ...(r.contested_toll ? (['toll'] as const) : [])],
      killed: range(r.killed_low, r.killed_high),
      wounded: range(r.wounded_low, r.wounded_high),
      claimants: r.claimants,
      actors: r.actors,
      claimCount: r.claim_count,
      lon: r.lon,
      lat: r.lat,
      updatedAt: r.updated_at,
    })),
    nextCursor: rows.length > f.limit && last ? { date: last.date, id: last.id } : null,
  };
}

/** The ids of a page (and one more when there is a next page), chosen on the narrow table. */
async function pageIds(db: Q, f: IncidentFilter, newestFirst: number): Promise<string[]> {
  const newest = (f.order ?? 'newest') === 'newest';
  const dir = newest ? 'DESC' : 'ASC';
  const after = (p: Params) =>
    f.cursor ? [`(p.date, p.id) ${newest ? '<' : '>'} (${p.add(f.cursor.date)}::date, ${p.add(f.cursor.id)})`] : [];
  const where = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
  let ids: string[] | null = null;
  if (f.bbox || f.actors?.length || f.sources?.length) {
    // A box, an actor or a source that many incidents match finds its page among the newest
    // rows (read in date order, each tested): the planner cannot tell how dense a box is, or
    // how common an actor, and would otherwise read every match through its index and sort
    // them all. The look is conclusive when it fills the page or saw every row of the period;
    // otherwise the (then rare) matches are read through the indexes.
    // the period as a plain range of first days (an incident runs at most 31 days), so the date index
    // is read in order and lazily; the exact date conditions are tested with the others
    const range = (q: Params) => [
      ...(f.from ? [`p.date >= ${q.add(f.from)}::date - 31`] : []),
      ...(f.to ? [`p.date <= ${q.add(f.to)}::date`] : []),
      ...after(q),
    ];
    const p = new Params();
    const period = where(range(p));
    const rest = where(pointFilter(f, p));
    // read lazily, in date order: it stops as soon as the page is full
    const rows = await db.query<{ id: string }>(
      `SELECT p.id FROM (
         SELECT p.* FROM incident_points p ${period} ORDER BY p.date ${dir}, p.id ${dir} LIMIT ${p.add(newestFirst)}) p
       ${rest} ORDER BY p.date ${dir}, p.id ${dir} LIMIT ${p.add(f.limit + 1)}`,
      p.values,
    );
    if (rows.length > f.limit) ids = rows.map((r) => r.id);
    else {
      // a short page is the whole answer when the newest rows were all the rows of the period
      const p2 = new Params();
      const [seen] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM incident_points p ${where(range(p2))} LIMIT ${p2.add(newestFirst)}) x`,
        p2.values,
      );
      if ((seen?.n ?? 0) < newestFirst) ids = rows.map((r) => r.id);
    }
  }
  if (!ids) {
    const p = new Params();
    ids = (
      await db.query<{ id: string }>(
        `SELECT p.id FROM incident_points p ${where([...pointFilter(f, p), ...after(p)])}
         ORDER BY p.date ${dir}, p.id ${dir} LIMIT ${p.add(f.limit + 1)}`,
        p.values,
      )
    ).map((r) => r.id);
  }
  return ids;
}

/** A count, exact or (past a cap) a lower bound: "more than 10,000" is true, and bounded in time. */
export interface Count {
  n: number;
  exact: boolean;
}
export const COUNT_CAP = 10_000;

/**
 * The calendar kept on write that can count a filter, as a FROM clause (alias `d`: day,
 * event_type, n, killed_n, killed_low, killed_high) and its conditions: the calendar of days ×
 * types for dates and types, or one actor's for one actor besides; null for any other filter.
 */
export function calendarFor(f: Omit<IncidentFilter, 'limit' | 'cursor' | 'order'>, p: Params): { from: string; where: string[] } | null {
  if (f.bbox || f.sources?.length || f.q || f.places?.length || f.areaOf || (f.actors?.length ?? 0) > 1 || f.only || f.exclude?.length)
    return null;
  const where = ['d.n <> 0'];
  const actor = f.actors?.[0];
  if (actor) where.push(`d.actor_id = ${p.add(actor)}`);
  if (f.from) where.push(`d.day >= ${p.add(f.from)}::date`);
  if (f.to) where.push(`d.day <= ${p.add(f.to)}::date`);
  if (f.types?.length) where.push(`d.event_type = ANY(${p.add(f.types)}::text[])`);
  return { from: actor ? 'incident_actor_days d' : 'incident_days d', where };
}

/**
 * How many incidents a filter matches (a list says "N of M"). Dates and types are counted
 * exactly from the calendar kept on write, whatever the store's size; any other filter counts
 * matching rows up to `cap`, past which the count says "at least".
 */
export async function countIncidents(
  db: Q,
  f: Omit<IncidentFilter, 'limit' | 'cursor' | 'order'>,
  { cap = COUNT_CAP }: { cap?: number } = {},
): Promise<Count> {
  const p = new Params();
  const calendar = calendarFor(f, p);
  if (calendar) {
    // and those that began before `from` and run into it (the calendar knows first days only)
    const straddling = f.from
      ? `+ (SELECT count(*) FROM incident_points p WHERE ${[...pointFilter(f, p), `p.date < ${p.add(f.from)}::date`].join(' AND ')})`
      : '';
    const [row] = await db.query<{ n: string }>(
      `SELECT (coalesce((SELECT sum(d.n) FROM ${calendar.from} WHERE ${calendar.where.join(' AND ')}), 0) ${straddling})::bigint AS n`,
      p.values,
    );
    return { n: Number(row?.n ?? 0), exact: true };
  }
  const where = pointFilter(f, p);
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM incident_points p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} LIMIT ${p.add(cap + 1)}) x`,
    p.values,
  );
  const n = row?.n ?? 0;
  return n > cap ? { n: cap, exact: false } : { n, exact: true };
}

export async function getIncident(db: Q, id: string): Promise<IncidentView | null> {
  const { incidents } = await listIncidentsByIds(db, [id]);
  return incidents[0] ?? null;
}

/** Whole incidents by id (those that exist), oldest first. */
export async function listIncidentsByIds(db: Q, ids: string[]): Promise<{ incidents: IncidentView[] }> {
  const rows = await db.query<IncidentRow>(
    `${INCIDENT_SELECT}
     FROM incidents i WHERE i.id = ANY($1::text[]) ORDER BY i.date, i.id`,
    [ids],
  );
  return { incidents: await hydrate(db, rows) };
}

/** Loads everything an incident carries (place, actors, sources, claims) for a page of rows, in five queries. */
async function hydrate(db: Q, rows: IncidentRow[]): Promise<IncidentView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const placeIds = [...new Set(rows.map((r) => r.place_id))];
  const [placeRows, actorRows, sourceRows, claimRows, casualtyRows, equipmentRows] = await Promise.all([
    db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM places p WHERE p.id = ANY($1::text[])`, [placeIds]),
    db.query<{ incident_id: string; actor_id: string; side: 'a' | 'b'; role: 'primary' | 'associated' }>(
      'SELECT incident_id, actor_id, side, role FROM incident_actors WHERE incident_id = ANY($1::text[]) ORDER BY side, role DESC, actor_id',
      [ids],
    ),
    db.query<{ incident_id: string; source_id: string }>(
      'SELECT incident_id, source_id FROM incident_sources WHERE incident_id = ANY($1::text[]) ORDER BY source_id',
      [ids],
    ),
    db.query<{
      id: string;
      incident_id: string;
      claimant_id: string;
      via_id: string | null;
      claimed_on: string;
      perpetrators: string[];
      targets: string[];
      attribution_en: string;
      attribution_fr: string;
      statement_en: string;
      statement_fr: string;
      total_killed_low: number | null;
      total_killed_best: number | null;
      total_killed_high: number | null;
    }>(
      `SELECT id, incident_id, claimant_id, via_id, to_char(claimed_on, 'YYYY-MM-DD') AS claimed_on, perpetrators, targets,
         attribution_en, attribution_fr, statement_en, statement_fr, total_killed_low, total_killed_best, total_killed_high
       FROM claims WHERE incident_id = ANY($1::text[]) ORDER BY incident_id, position`,
      [ids],
    ),
    db.query<{
      claim_id: string;
      group_id: string;
      label_en: string;
      label_fr: string;
      killed_low: number | null;
      killed_best: number | null;
      killed_high: number | null;
      wounded_low: number | null;
      wounded_high: number | null;
      counted_in: string | null;
    }>(
      `SELECT cc.claim_id, cc.group_id, cc.label_en, cc.label_fr, cc.killed_low, cc.killed_best, cc.killed_high, cc.wounded_low, cc.wounded_high, cc.counted_in
       FROM claim_casualties cc JOIN claims c ON c.id = cc.claim_id WHERE c.incident_id = ANY($1::text[]) ORDER BY cc.claim_id, cc.position`,
      [ids],
    ),
    db.query<{ claim_id: string; item_en: string; item_fr: string; count_low: number; count_high: number; owner_id: string | null }>(
      `SELECT ce.claim_id, ce.item_en, ce.item_fr, ce.count_low, ce.count_high, ce.owner_id
       FROM claim_equipment ce JOIN claims c ON c.id = ce.claim_id WHERE c.incident_id = ANY($1::text[]) ORDER BY ce.claim_id, ce.position`,
      [ids],
    ),
  ]);
  const placeById = new Map(placeRows.map((r) => [r.id, toPlace(r)]));
  const range = (low: number | null, high: number | null, best: number | null = null): Range | null =>
    low === null || high === null ? null : best === null ? { low, high } : { low, best, high };
  const claimsByIncident = group(claimRows, (c) => c.incident_id);
  const casualtiesByClaim = group(casualtyRows, (c) => c.claim_id);
  const equipmentByClaim = group(equipmentRows, (c) => c.claim_id);
  const actorsByIncident = group(actorRows, (a) => a.incident_id);
  const sourcesByIncident = group(sourceRows, (s) => s.incident_id);

  return rows.map((r) => {
    const claims: Claim[] = (claimsByIncident.get(r.id) ?? []).map((c) => ({
      id: c.id,
      claimant: c.claimant_id,
      via: c.via_id,
      claimedOn: c.claimed_on,
      perpetrators: c.perpetrators,
      targets: c.targets,
      attribution: { en: c.attribution_en, fr: c.attribution_fr },
      statement: { en: c.statement_en, fr: c.statement_fr },
      ...(c.total_killed_low !== null ? { totalKilled: range(c.total_killed_low, c.total_killed_high, c.total_killed_best) } : {}),
      casualties: (casualtiesByClaim.get(c.id) ?? []).map((l) => ({
        group: l.group_id,
        label: { en: l.label_en, fr: l.label_fr },
        killed: range(l.killed_low, l.killed_high, l.killed_best),
        wounded: range(l.wounded_low, l.wounded_high),
        countedIn: l.counted_in,
      })),
      equipment: (equipmentByClaim.get(c.id) ?? []).map((e) => ({
        item: { en: e.item_en, fr: e.item_fr },
        count: { low: e.count_low, high: e.count_high },
        owner: e.owner_id,
      })),
    }));
    const place = placeById.get(r.place_id);
    if (!place) throw new Error(`incident ${r.id} points at missing place ${r.place_id}`);
    return {
      id: r.id,
      date: r.date,
      dateEnd: r.date_end,
      datePrecision: r.date_precision,
      place,
      lon: r.lon,
      lat: r.lat,
      geoPrecision: r.geo_precision,
      locationNote: r.location_note_en && r.location_note_fr ? { en: r.location_note_en, fr: r.location_note_fr } : null,
      eventType: r.event_type,
      subEventType: r.sub_event_type,
      scope: r.scope,
      title: withArabic(r.title_en, r.title_fr, r.title_ar),
      summary: withArabic(r.summary_en, r.summary_fr, r.summary_ar),
      actors: (actorsByIncident.get(r.id) ?? []).map((a) => ({ actor: a.actor_id, side: a.side, role: a.role })),
      reportedBy: (sourcesByIncident.get(r.id) ?? []).map((s) => s.source_id),
      claims,
      contested: contestReasons(claims),
      casualties: summariseClaims(claims),
      updatedAt: r.updated_at,
      revision: r.revision,
    };
  });
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export async function listSources(db: Q): Promise<Source[]> {
  const rows = await db.query<{ id: string; name_en: string; name_fr: string; kind: Source['kind']; language: string; url: string | null }>(
    'SELECT id, name_en, name_fr, kind, language, url FROM sources ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, name: { en: r.name_en, fr: r.name_fr }, kind: r.kind, language: r.language, url: r.url }));
}

/** Whether the store holds generated data (a source marked synthetic): readers must be told. */
export async function hasSyntheticData(db: Q): Promise<boolean> {
  const [row] = await db.query<{ yes: boolean }>('SELECT EXISTS (SELECT 1 FROM sources WHERE synthetic) AS yes');
  return Boolean(row?.yes);
}

export async function listActors(db: Q): Promise<Actor[]> {
  const rows = await db.query<{ id: string; name_en: string; name_fr: string; kind: Actor['kind'] }>(
    'SELECT id, name_en, name_fr, kind FROM actors ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, name: { en: r.name_en, fr: r.name_fr }, kind: r.kind }));
}

export interface PlaceSummary extends Place {
  incidentCount: number;
  casualties: { killed: Range | null; wounded: Range | null };
}

/** Every place as the gazetteer has it: names, position, kind (what a map needs to draw and label it). */
export async function listPlaceRecords(db: Q): Promise<Place[]> {
  return (await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM places p ORDER BY p.name_en`)).map(toPlace);
}

/** The places of the gazetteer and those editors added (no dataset's), by name. */
export async function listGazetteerPlaces(db: Q): Promise<Place[]> {
  return (await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM places p WHERE p.origin IS NULL ORDER BY p.name_en`)).map(toPlace);
}

/** How many of a dataset's places a page carries for its labels at most (the busiest; the gazetteer's always). */
export const LABEL_PLACES = 300;

/**
 * The places a map page carries to label: every place of the gazetteer, and of the places
 * datasets added (thousands, once one is in) the busiest LABEL_PLACES, within a box when given.
 */
export async function listLabelPlaces(db: Q, bbox: [number, number, number, number] | null = null): Promise<Place[]> {
  const p = new Params();
  const inBox = bbox
    ? `AND d.lon BETWEEN ${p.add(bbox[0])} AND ${p.add(bbox[2])} AND d.lat BETWEEN ${p.add(bbox[1])} AND ${p.add(bbox[3])}`
    : '';
  const rows = await db.query<PlaceRow>(
    `SELECT ${PLACE_COLUMNS} FROM places p WHERE p.origin IS NULL
       OR p.id IN (SELECT d.id FROM places d JOIN place_tolls t ON t.place_id = d.id WHERE d.origin IS NOT NULL ${inBox}
                   ORDER BY t.incidents DESC, d.id LIMIT ${p.add(LABEL_PLACES)})
     ORDER BY p.name_en`,
    p.values,
  );
  return rows.map(toPlace);
}

/** A toll as place_tolls keeps it: sums, and how many incidents gave a figure (none: unknown). */
const tollRange = (n: string | number | null, low: string | number | null, high: string | number | null): Range | null =>
  n !== null && Number(n) > 0 ? { low: Number(low), high: Number(high) } : null;

const PLACE_TOLL_COLUMNS =
  'coalesce(t.incidents, 0)::int AS incident_count, t.killed_n, t.killed_low, t.killed_high, t.wounded_n, t.wounded_low, t.wounded_high';
interface PlaceTollRow {
  incident_count: number;
  killed_n: string | null;
  killed_low: string | null;
  killed_high: string | null;
  wounded_n: string | null;
  wounded_low: string | null;
  wounded_high: string | null;
}
const placeToll = (r: PlaceTollRow) => ({
  killed: tollRange(r.killed_n, r.killed_low, r.killed_high),
  wounded: tollRange(r.wounded_n, r.wounded_low, r.wounded_high),
});

/**
 * Every place, with how many incidents are located there and their toll (each victim once,
 * range across claims), as the summaries kept on write have them: one row a place, whatever
 * the number of incidents.
 */
export interface PlaceListOptions {
  /** only places inside [west, south, east, north] */
  bbox?: [number, number, number, number];
  /** at most this many: those with the most incidents first */
  limit: number;
}

/**
 * Places with their incident counts and tolls, in name order: at most `limit` of them, chosen by
 * how many incidents each has (then id), so a cut keeps the places a map most needs to name.
 * `total` says how many matched.
 */
export async function listPlaces(db: Q, { bbox, limit }: PlaceListOptions): Promise<{ items: PlaceSummary[]; total: number }> {
  const params: unknown[] = [limit];
  const where = bbox ? 'WHERE p.lon BETWEEN $2 AND $4 AND p.lat BETWEEN $3 AND $5' : '';
  if (bbox) params.push(...bbox);
  // the cut is chosen on ids and counts alone (a narrow top-N), and only its rows read whole: ranking
  // every place's full row under a window count cost 30-40 ms on 5,000 places (bench:scale, 1M)
  const rows = await db.query<PlaceRow & PlaceTollRow & { total: number }>(
    `SELECT ${PLACE_COLUMNS}, ${PLACE_TOLL_COLUMNS}, (SELECT count(*) FROM places p ${where})::int AS total
     FROM (
       SELECT p.id FROM places p LEFT JOIN place_tolls t ON t.place_id = p.id ${where}
       ORDER BY coalesce(t.incidents, 0) DESC, p.id LIMIT $1
     ) chosen
     JOIN places p ON p.id = chosen.id LEFT JOIN place_tolls t ON t.place_id = p.id
     ORDER BY p.name_en, p.id`,
    params,
  );
  return {
    items: rows.map((r) => ({ ...toPlace(r), incidentCount: r.incident_count, casualties: placeToll(r) })),
    // the limit is at least 1, so no row means nothing matched
    total: rows[0]?.total ?? 0,
  };
}

/** How a name matches what was typed: the whole of it, its start, or a word inside it. */
function nameRank(name: string, q: string): number {
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (name.includes(` ${q}`) || name.includes(`-${q}`)) return 2;
  return name.includes(q) ? 3 : -1;
}

/**
 * Places found by any of their names (English, French, Arabic) or aliases, case and accents
 * folded ("qaminas" finds Qamînâs), best matches first (whole name, then its start, then a word),
 * then the places with the most incidents; at most `limit`, with their counts and tolls.
 */
export async function searchPlaces(db: Q, text: string, limit: number): Promise<PlaceSummary[]> {
  const q = foldText(text);
  if (q === '') return [];
  const names = await db.query<{ id: string; name_en: string; name_fr: string; name_ar: string; aliases: string[]; n: number }>(
    `SELECT p.id, p.name_en, p.name_fr, p.name_ar, p.aliases, coalesce(t.incidents, 0)::int AS n
     FROM places p LEFT JOIN place_tolls t ON t.place_id = p.id`,
  );
  const ranked = names
    .map((r) => {
      const ranks = [r.name_en, r.name_fr, r.name_ar, ...r.aliases].map((n) => nameRank(foldText(n), q)).filter((x) => x >= 0);
      return { id: r.id, rank: ranks.length ? Math.min(...ranks) : -1, n: r.n, name: r.name_en };
    })
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || b.n - a.n || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .slice(0, limit);
  if (ranked.length === 0) return [];
  const rows = await db.query<PlaceRow & PlaceTollRow>(
    `SELECT ${PLACE_COLUMNS}, ${PLACE_TOLL_COLUMNS} FROM places p LEFT JOIN place_tolls t ON t.place_id = p.id WHERE p.id = ANY($1)`,
    [ranked.map((r) => r.id)],
  );
  const byId = new Map(rows.map((r) => [r.id, { ...toPlace(r), incidentCount: r.incident_count, casualties: placeToll(r) }]));
  return ranked.flatMap((r) => byId.get(r.id) ?? []);
}

/** One page of a list, and how many the whole list holds. */
export interface Page<T> {
  items: T[];
  total: number;
  /** false when `total` is a lower bound (more than COUNT_CAP) */
  totalExact?: boolean;
  /** where the next page starts, or null on the last */
  next: { date: string; id: string } | null;
}

export interface PlaceDetail {
  place: Place;
  /** incidents located at this place, oldest first, a page at a time */
  incidents: Page<IncidentView>;
  /** incidents located only to the province this place is in (geo precision 3), oldest first, a page at a time */
  areaIncidents: Page<IncidentView>;
  casualties: { killed: Range | null; wounded: Range | null };
  byClaimant: ClaimantTotal[];
}

/** These places' records (those that exist), in no particular order. */
export async function listPlacesByIds(db: Q, ids: readonly string[]): Promise<Place[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM places p WHERE p.id = ANY($1::text[])`, [[...ids]]);
  return rows.map(toPlace);
}

/** One place's record alone, or null. */
export async function getPlaceRecord(db: Q, id: string): Promise<Place | null> {
  const [row] = await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM places p WHERE p.id = $1`, [id]);
  return row ? toPlace(row) : null;
}

export interface PlacePaging {
  limit: number;
  /** where the page of the place's own incidents starts */
  cursor?: { date: string; id: string };
  /** where the page of the province's incidents starts */
  areaCursor?: { date: string; id: string };
}

export const PLACE_PAGE = 50;

/**
 * A place's details: its toll and totals by source from the summaries kept on write, and a page
 * of its incidents (and of its province's) with how many there are in all. Bounded by the page,
 * not by how many incidents the place has.
 */
export async function getPlace(db: Q, id: string, paging: PlacePaging = { limit: PLACE_PAGE }): Promise<PlaceDetail | null> {
  const [row] = await db.query<PlaceRow & PlaceTollRow>(
    `SELECT ${PLACE_COLUMNS}, ${PLACE_TOLL_COLUMNS} FROM places p LEFT JOIN place_tolls t ON t.place_id = p.id WHERE p.id = $1`,
    [id],
  );
  if (!row) return null;
  const place = toPlace(row);
  const [own, area, areaTotal, claimants] = await Promise.all([
    listIncidents(db, { places: [id], limit: paging.limit, cursor: paging.cursor, order: 'oldest' }),
    listIncidents(db, { areaOf: { admin1: place.admin1, except: id }, limit: paging.limit, cursor: paging.areaCursor, order: 'oldest' }),
    countIncidents(db, { areaOf: { admin1: place.admin1, except: id } }),
    db.query<{ claimant_id: string; incidents: number; kn: number; kl: string; kh: string; wn: number; wl: string; wh: string }>(
      `SELECT t.claimant_id, t.incidents::int AS incidents, t.killed_n::int AS kn, t.killed_low AS kl, t.killed_high AS kh,
         t.wounded_n::int AS wn, t.wounded_low AS wl, t.wounded_high AS wh
       FROM place_claimant_tolls t WHERE t.place_id = $1 AND (t.incidents > 0 OR t.killed_n > 0 OR t.wounded_n > 0)
       ORDER BY t.claimant_id COLLATE "C"`,
      [id],
    ),
  ]);
  return {
    place,
    incidents: { items: own.incidents, total: row.incident_count, next: own.nextCursor },
    areaIncidents: { items: area.incidents, total: areaTotal.n, totalExact: areaTotal.exact, next: area.nextCursor },
    casualties: placeToll(row),
    byClaimant: claimants
      .map((c) => ({
        claimant: c.claimant_id,
        killed: tollRange(c.kn, c.kl, c.kh),
        wounded: tollRange(c.wn, c.wl, c.wh),
        incidents: c.incidents,
      }))
      .sort((a, b) => a.claimant.localeCompare(b.claimant)),
  };
}
