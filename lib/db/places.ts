/**
 * Places: the gazetteer's records, those a map labels, a view's places with their tolls, the
 * search by name, and a place's details with a page of its incidents.
 */
import 'server-only';
import type { ClaimantTotal, Range } from '../domain/casualties';
import type { Place } from '../domain/schema';
import { foldText } from '../domain/text';
import type { Db } from './store';
import { Params } from './incident-filter';
import { countIncidents, listIncidents } from './incident-lists';
import type { IncidentView } from '@/lib/incident/view';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from './incident-read';

type Q = Pick<Db, 'query'>;

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

/** How many incidents are located at a place (a place with any keeps its position). */
export async function incidentsAtPlace(db: Q, id: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents WHERE place_id = $1', [id]);
  return row?.n ?? 0;
}
