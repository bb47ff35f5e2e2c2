/**
 * Reading the incidents as they stood at a past moment (`?asOf=`), from the history of changes
 * (lib/db/history.ts) and the store as it is now.
 *
 * Most incidents have not changed since that moment: they are read from the store as they are,
 * with the same filters, indexes and paging as any list. Those changed since (a change recorded
 * after the moment, or written after it) are set aside and read from their history instead: the
 * version a change left at or before the moment, or else the version the first change after it
 * found. A list as of then is the two merged in order. An incident written since by an import,
 * which keeps no history, has no known version then: it is left out and counted as such, never
 * guessed.
 *
 * The places incidents stand at are read as of the moment too (a place renamed since shows its
 * name then).
 */
import 'server-only';
import { type ClaimantTotal, type Range, sumIncidents, totalsByClaimant } from '../domain/casualties';
import type { Place } from '../domain/schema';
import { foldText, incidentSearchText } from '../domain/text';
import {
  COUNT_CAP,
  type Count,
  countIncidents,
  getIncident,
  getPlace,
  type IncidentBrief,
  type IncidentFilter,
  type IncidentView,
  listIncidentBriefs,
  listIncidents,
  listPlacesByIds,
  type Page,
  type PlaceDetail,
  type PlacePaging,
} from './queries';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;
type Cursor = { date: string; id: string };
type Filter = Omit<IncidentFilter, 'limit' | 'cursor' | 'order'>;

/** What changed since a moment: the incidents whose version then is not the one in the store now. */
export interface ChangedSince {
  asOf: string;
  /** each incident changed since, and its version then (null: it did not exist then) */
  then: Map<string, IncidentView | null>;
  /** incidents written since by an import, which keeps no history: their version then is not known */
  unknown: string[];
  /** each place changed since, and its record then (null: it did not exist then) */
  places: Map<string, Place | null>;
}

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The incidents (all, or only `ids`) and places changed since `asOf`, with their versions then.
 * Two indexed reads by time (migration 17), then each changed record's nearest changes.
 */
export async function changedSince(db: Q, asOf: string, ids?: readonly string[]): Promise<ChangedSince> {
  const only = ids ? [...ids] : null;
  const [rows, placeRows] = await Promise.all([
    db.query<{ id: string; has_last: boolean; last_after: unknown; has_next: boolean; next_before: unknown }>(
      `WITH touched AS (
         SELECT c.entity_id AS id FROM changes c
           WHERE c.kind = 'incident' AND c.at > $1::timestamptz AND ($2::text[] IS NULL OR c.entity_id = ANY($2::text[]))
         UNION
         SELECT i.id FROM incidents i WHERE i.updated_at > $1::timestamptz AND ($2::text[] IS NULL OR i.id = ANY($2::text[])))
       SELECT t.id, l.seq IS NOT NULL AS has_last, l.after AS last_after, n.seq IS NOT NULL AS has_next, n.before AS next_before
       FROM touched t
       LEFT JOIN LATERAL (SELECT c.seq, c.after FROM changes c WHERE c.kind = 'incident' AND c.entity_id = t.id AND c.at <= $1::timestamptz
                          ORDER BY c.seq DESC LIMIT 1) l ON true
       LEFT JOIN LATERAL (SELECT c.seq, c.before FROM changes c WHERE c.kind = 'incident' AND c.entity_id = t.id AND c.at > $1::timestamptz
                          ORDER BY c.seq LIMIT 1) n ON true`,
      [asOf, only],
    ),
    db.query<{ id: string; has_last: boolean; last_after: unknown; next_before: unknown }>(
      `SELECT t.id, l.seq IS NOT NULL AS has_last, l.after AS last_after, n.before AS next_before
       FROM (SELECT DISTINCT c.entity_id AS id FROM changes c WHERE c.kind = 'place' AND c.at > $1::timestamptz) t
       LEFT JOIN LATERAL (SELECT c.seq, c.after FROM changes c WHERE c.kind = 'place' AND c.entity_id = t.id AND c.at <= $1::timestamptz
                          ORDER BY c.seq DESC LIMIT 1) l ON true
       JOIN LATERAL (SELECT c.before FROM changes c WHERE c.kind = 'place' AND c.entity_id = t.id AND c.at > $1::timestamptz
                     ORDER BY c.seq LIMIT 1) n ON true`,
      [asOf],
    ),
  ]);
  const then = new Map<string, IncidentView | null>();
  const unknown: string[] = [];
  for (const r of rows) {
    // the version a change left at or before the moment, else the one the first change after it found
    if (r.has_last) then.set(r.id, (parse(r.last_after) ?? null) as IncidentView | null);
    else if (r.has_next) then.set(r.id, (parse(r.next_before) ?? null) as IncidentView | null);
    else unknown.push(r.id);
  }
  const places = new Map<string, Place | null>();
  for (const r of placeRows) places.set(r.id, (parse(r.has_last ? r.last_after : r.next_before) ?? null) as Place | null);
  unknown.sort();
  return { asOf, then, unknown, places };
}

/** Every actor an incident involves, as the filters read them: its actors and its claims' perpetrators and targets. */
const actorsOf = (i: IncidentView) =>
  new Set([...i.actors.map((a) => a.actor), ...i.claims.flatMap((c) => [...c.perpetrators, ...c.targets])]);
/** Every source an incident names: those that reported it, its claimants and those they spoke through. */
const sourcesOf = (i: IncidentView) =>
  new Set([...i.reportedBy, ...i.claims.map((c) => c.claimant), ...i.claims.flatMap((c) => (c.via ? [c.via] : []))]);

/**
 * Whether an incident (a version kept in the history) matches a filter: the same conditions as
 * the list's SQL (lib/db/queries.ts pointFilter); tests hold the two to the same answers.
 */
export function matchesFilter(i: IncidentView, f: Filter): boolean {
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    if (i.lon < w || i.lon > e || i.lat < s || i.lat > n) return false;
  }
  if (f.from && i.dateEnd < f.from) return false;
  if (f.to && i.date > f.to) return false;
  if (f.types?.length && !f.types.includes(i.eventType)) return false;
  if (f.places?.length && !f.places.includes(i.place.id)) return false;
  if (f.areaOf && !(i.geoPrecision === 3 && i.place.id !== f.areaOf.except && i.place.admin1 === f.areaOf.admin1)) return false;
  if (f.actors?.length) {
    const mine = actorsOf(i);
    if (!f.actors.some((a) => mine.has(a))) return false;
  }
  if (f.sources?.length) {
    const mine = sourcesOf(i);
    if (!f.sources.some((s) => mine.has(s))) return false;
  }
  if (f.q) {
    const names = [i.place.name.en, i.place.name.fr, i.place.name.ar, ...i.place.aliases];
    if (!incidentSearchText(i, names).includes(foldText(f.q))) return false;
  }
  if (f.only && !f.only.includes(i.id)) return false;
  if (f.exclude?.includes(i.id)) return false;
  return true;
}

/** The list's order: by date then id, newest first unless said otherwise (ids are [a-z0-9-], compared as the store does). */
function compareFor(order: 'newest' | 'oldest' = 'newest') {
  const sign = order === 'newest' ? -1 : 1;
  return (a: { date: string; id: string }, b: { date: string; id: string }) =>
    sign * (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The incident with the place it stood at as of then (a place changed since shows its record then). */
function withPlaceThen(i: IncidentView, since: ChangedSince, current: Map<string, Place>): IncidentView {
  const then = since.places.get(i.place.id);
  const place = then ?? current.get(i.place.id) ?? i.place;
  return place === i.place ? i : { ...i, place };
}

/** The versions then of incidents changed since that match the filter, in the list's order, after the cursor. */
function changedMatching(since: ChangedSince, f: IncidentFilter): IncidentView[] {
  const cmp = compareFor(f.order);
  return [...since.then.values()]
    .filter((i): i is IncidentView => i !== null && matchesFilter(i, f))
    .filter((i) => !f.cursor || cmp(i, f.cursor) > 0)
    .sort(cmp);
}

/** All the incidents changed since, for the store's part of a reading: they are read from the history. */
const setAside = (since: ChangedSince, f: IncidentFilter): IncidentFilter => ({
  ...f,
  exclude: [...(f.exclude ?? []), ...since.then.keys(), ...since.unknown],
});

/** Places now, for the versions read from the history (their place as it is unless it changed since). */
async function placesNow(db: Q, views: readonly IncidentView[], since: ChangedSince): Promise<Map<string, Place>> {
  const ids = [...new Set(views.map((v) => v.place.id))].filter((id) => !since.places.has(id));
  return new Map((await listPlacesByIds(db, ids)).map((p) => [p.id, p]));
}

/** A page of the list as it stood then: the store's unchanged incidents and the history's versions, merged in order. */
export async function listIncidentsAsOf(
  db: Q,
  since: ChangedSince,
  f: IncidentFilter,
): Promise<{ incidents: IncidentView[]; nextCursor: Cursor | null }> {
  const cmp = compareFor(f.order);
  const stored = await listIncidents(db, { ...setAside(since, f), limit: f.limit + 1 });
  const changed = changedMatching(since, f);
  const merged = [...stored.incidents, ...changed.slice(0, f.limit + 1)].sort(cmp).slice(0, f.limit + 1);
  const page = merged.slice(0, f.limit);
  const current = await placesNow(db, page, since);
  const last = page.at(-1);
  return {
    incidents: page.map((i) => withPlaceThen(i, since, current)),
    nextCursor: merged.length > f.limit && last ? { date: last.date, id: last.id } : null,
  };
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

/** A page of briefs as the list stood then (see listIncidentsAsOf). */
export async function listIncidentBriefsAsOf(
  db: Q,
  since: ChangedSince,
  f: IncidentFilter,
): Promise<{ incidents: IncidentBrief[]; nextCursor: Cursor | null }> {
  const cmp = compareFor(f.order);
  const stored = await listIncidentBriefs(db, { ...setAside(since, f), limit: f.limit + 1 });
  const changed = changedMatching(since, f).slice(0, f.limit + 1);
  const current = await placesNow(db, changed, since);
  const merged = [...stored.incidents, ...changed.map((i) => briefOf(withPlaceThen(i, since, current)))].sort(cmp).slice(0, f.limit + 1);
  const page = merged.slice(0, f.limit).map((b) => {
    const place = since.places.get(b.placeId);
    return place ? { ...b, placeName: place.name } : b;
  });
  const last = page.at(-1);
  return { incidents: page, nextCursor: merged.length > f.limit && last ? { date: last.date, id: last.id } : null };
}

/**
 * How many incidents matched the filter then: the store's count, less the incidents changed since
 * that match now, plus the versions then that match. A lower bound when the store's count is.
 */
export async function countIncidentsAsOf(db: Q, since: ChangedSince, f: Filter): Promise<Count> {
  const aside = [...since.then.keys(), ...since.unknown];
  const [all, changedNow] = await Promise.all([
    countIncidents(db, f),
    aside.length ? countIncidents(db, { ...f, only: aside }, { cap: aside.length }) : { n: 0, exact: true },
  ]);
  const changedThen = [...since.then.values()].filter((i) => i !== null && matchesFilter(i, f)).length;
  const n = Math.max(0, all.n - changedNow.n + changedThen);
  return all.exact ? { n, exact: true } : { n: Math.min(n, COUNT_CAP), exact: false };
}

/** One place's record as it stood then: null when it did not exist then. */
export async function placeAsOf(db: Q, since: ChangedSince, id: string): Promise<Place | null> {
  if (since.places.has(id)) return since.places.get(id) ?? null;
  return (await listPlacesByIds(db, [id]))[0] ?? null;
}

/**
 * A place's details as they stood then: its record, its incidents and its province's (a page
 * each, merged as lists are), and its toll and totals by source. The toll is the store's kept
 * summary when none of the place's incidents changed since; otherwise it is summed again, by
 * the same rules (lib/domain/casualties.ts), over every incident the place had then.
 */
export async function getPlaceAsOf(
  db: Q,
  since: ChangedSince,
  id: string,
  paging: PlacePaging,
): Promise<(PlaceDetail & { notKnownAsOf: number }) | null> {
  const place = await placeAsOf(db, since, id);
  if (!place) return null;
  const own: IncidentFilter = { places: [id], limit: paging.limit, cursor: paging.cursor, order: 'oldest' };
  const areaOf = { admin1: place.admin1, except: id };
  const area: IncidentFilter = { areaOf, limit: paging.limit, cursor: paging.areaCursor, order: 'oldest' };
  const aside = [...since.then.keys(), ...since.unknown];
  const [ownPage, areaPage, ownCount, areaCount, changedHereNow, unknownHere, now] = await Promise.all([
    listIncidentsAsOf(db, since, own),
    listIncidentsAsOf(db, since, area),
    countIncidentsAsOf(db, since, { places: [id] }),
    countIncidentsAsOf(db, since, { areaOf }),
    aside.length ? countIncidents(db, { places: [id], only: aside }, { cap: aside.length }) : { n: 0, exact: true },
    since.unknown.length ? countIncidents(db, { places: [id], only: since.unknown }, { cap: since.unknown.length }) : { n: 0, exact: true },
    getPlace(db, id, { limit: 1 }),
  ]);
  const changedHereThen = [...since.then.values()].some((i) => i?.place.id === id);
  let totals: { casualties: { killed: Range | null; wounded: Range | null }; byClaimant: ClaimantTotal[] };
  if (now && changedHereNow.n === 0 && !changedHereThen) totals = { casualties: now.casualties, byClaimant: now.byClaimant };
  else {
    // every incident the place had then, a page at a time
    const all: IncidentView[] = [];
    let cursor: Cursor | undefined;
    do {
      const page = await listIncidentsAsOf(db, since, { places: [id], limit: 1000, cursor, order: 'oldest' });
      all.push(...page.incidents);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    totals = { casualties: sumIncidents(all), byClaimant: totalsByClaimant(all) };
  }
  const page = (p: { incidents: IncidentView[]; nextCursor: Cursor | null }, c: Count): Page<IncidentView> => ({
    items: p.incidents,
    total: c.n,
    totalExact: c.exact,
    next: p.nextCursor,
  });
  return {
    place,
    incidents: page(ownPage, ownCount),
    areaIncidents: page(areaPage, areaCount),
    ...totals,
    // incidents here written since by an import: not in the reading, their version then not known
    notKnownAsOf: unknownHere.n,
  };
}

/** One incident as it stood then: `{ known: false }` when an import has written it since (no history tells). */
export async function incidentAsOf(
  db: Q,
  since: ChangedSince,
  id: string,
): Promise<{ known: true; state: IncidentView | null } | { known: false }> {
  if (since.unknown.includes(id)) return { known: false };
  const state = since.then.has(id) ? (since.then.get(id) ?? null) : await getIncident(db, id);
  if (!state) return { known: true, state: null };
  return { known: true, state: withPlaceThen(state, since, await placesNow(db, [state], since)) };
}
