/**
 * Reading the incidents as they stood at a past moment (`?asOf=`), from the history of changes
 * (lib/db/history.ts) and the store as it is now.
 *
 * Most incidents have not changed since that moment: they are read from the store as they are,
 * with the same filters, indexes and paging as any list. Those changed since (a change recorded
 * after the moment, or written after it) are set aside and read from their history instead: the
 * version the first change after the moment found. A list as of then is the two merged in order.
 * An incident written since by a path that keeps no history (the seed's, generated data's) and
 * with no kept version before has no known version then: it is left out and counted as such,
 * never guessed.
 *
 * The places incidents stand at are read as of the moment too (a place renamed since shows its
 * name then).
 */
import 'server-only';
import { type ClaimantTotal, type Range, reassignCountedLines, summariseClaims } from '../domain/casualties';
import type { Place } from '../domain/schema';
import { foldText, incidentSearchText } from '../domain/text';
import { COUNT_CAP, type Count, type IncidentFilter } from './incident-filter';
import { countIncidents, listIncidentBriefs, listIncidents } from './incident-lists';
import { briefOf, type IncidentBrief } from '@/lib/incident/view';
import { getIncident, listIncidentsByIds } from './incident-read';
import type { IncidentView } from '@/lib/incident/view';
import { listPlacesByIds, type Page, type PlaceDetail, type PlacePaging } from './places';
import type { Db } from './store';
import { summaryDependents } from './summaries';

type Q = Pick<Db, 'query'>;
type Cursor = { date: string; id: string };
type Filter = Omit<IncidentFilter, 'limit' | 'cursor' | 'order'>;

/** What changed since a moment: the incidents whose version then is not the one in the store now. */
export interface ChangedSince {
  asOf: string;
  /** each incident changed since, and its version then (null: it did not exist then) */
  versions: Map<string, IncidentView | null>;
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
/** How many incidents may have changed since a moment for a reading as of it (each is set aside by id and read from its history). */
export const AS_OF_MAX_CHANGED = 20_000;

/** A moment since which more incidents changed than a reading as of it takes (a large import, generated data). */
export class TooMuchChangedError extends Error {
  constructor(
    readonly asOf: string,
    readonly max: number,
  ) {
    super(`more than ${max} incidents have changed since ${asOf}`);
  }
}

export async function changedSince(
  db: Q,
  asOf: string,
  ids?: readonly string[],
  { max = AS_OF_MAX_CHANGED }: { max?: number } = {},
): Promise<ChangedSince> {
  const only = ids ? [...ids] : null;
  if (!only) {
    // bounded before anything is read: a moment before a million-row import would set aside a million ids
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT c.entity_id FROM changes c WHERE c.kind = 'incident' AND c.at > $1::timestamptz
         UNION SELECT i.id FROM incidents i WHERE i.updated_at > $1::timestamptz
         LIMIT $2) x`,
      [asOf, max + 1],
    );
    if ((row?.n ?? 0) > max) throw new TooMuchChangedError(asOf, max);
  }
  const [rows, placeRows] = await Promise.all([
    db.query<{ id: string; has_last: boolean; last_after: unknown; last_kept_none: boolean; has_next: boolean; next_before: unknown }>(
      `WITH touched AS (
         SELECT c.entity_id AS id FROM changes c
           WHERE c.kind = 'incident' AND c.at > $1::timestamptz AND ($2::text[] IS NULL OR c.entity_id = ANY($2::text[]))
         UNION
         SELECT i.id FROM incidents i WHERE i.updated_at > $1::timestamptz AND ($2::text[] IS NULL OR i.id = ANY($2::text[])))
       SELECT t.id, l.seq IS NOT NULL AS has_last, l.after AS last_after, l.after IS NULL AND l.action <> 'delete' AS last_kept_none,
         n.seq IS NOT NULL AS has_next, n.before AS next_before
       FROM touched t
       LEFT JOIN LATERAL (SELECT c.seq, c.after, c.action FROM changes c WHERE c.kind = 'incident' AND c.entity_id = t.id AND c.at <= $1::timestamptz
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
  const versions = new Map<string, IncidentView | null>();
  const unknown: string[] = [];
  for (const r of rows) {
    // the version the first change after the moment found; else (written since by a path that
    // keeps no history) the version the last change before it left, when that change kept it
    if (r.has_next) versions.set(r.id, (parse(r.next_before) ?? null) as IncidentView | null);
    else if (r.has_last && !r.last_kept_none) versions.set(r.id, (parse(r.last_after) ?? null) as IncidentView | null);
    else unknown.push(r.id);
  }
  const places = new Map<string, Place | null>();
  for (const r of placeRows) places.set(r.id, (parse(r.has_last ? r.last_after : r.next_before) ?? null) as Place | null);
  unknown.sort();
  return { asOf, versions, unknown, places };
}

/** Every actor an incident involves, as the filters read them: its actors and its claims' perpetrators and targets. */
const actorsOf = (i: IncidentView) =>
  new Set([...i.actors.map((a) => a.actor), ...i.claims.flatMap((c) => [...c.perpetrators, ...c.targets])]);
/** Every source an incident names: those that reported it, its claimants and those they spoke through. */
const sourcesOf = (i: IncidentView) =>
  new Set([...i.reportedBy, ...i.claims.map((c) => c.claimant), ...i.claims.flatMap((c) => (c.via ? [c.via] : []))]);

/**
 * Whether an incident (a version kept in the history) matches a filter: the same conditions as
 * the list's SQL (lib/db/incident-filter.ts pointFilter); tests hold the two to the same answers.
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
  return [...since.versions.values()]
    .filter((i): i is IncidentView => i !== null && matchesFilter(i, f))
    .filter((i) => !f.cursor || cmp(i, f.cursor) > 0)
    .sort(cmp);
}

/** All the incidents changed since, for the store's part of a reading: they are read from the history. */
const setAside = (since: ChangedSince, f: IncidentFilter): IncidentFilter => ({
  ...f,
  exclude: [...(f.exclude ?? []), ...since.versions.keys(), ...since.unknown],
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
  // the store's incidents carry their places as they are; the history's, as they were when kept
  const current = await placesNow(
    db,
    page.filter((i) => since.versions.has(i.id)),
    since,
  );
  const last = page.at(-1);
  return {
    incidents: page.map((i) => withPlaceThen(i, since, current)),
    nextCursor: merged.length > f.limit && last ? { date: last.date, id: last.id } : null,
  };
}

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
  const aside = [...since.versions.keys(), ...since.unknown];
  const [all, changedNow] = await Promise.all([
    countIncidents(db, f),
    aside.length ? countIncidents(db, { ...f, only: aside }, { cap: aside.length }) : { n: 0, exact: true },
  ]);
  const changedThen = [...since.versions.values()].filter((i) => i !== null && matchesFilter(i, f)).length;
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
 * each, merged as lists are), and its toll and totals by source: the store's kept summary when
 * none of the place's incidents changed since, else that summary corrected (placeTotalsAsOf).
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
  const [ownPage, areaPage, ownCount, areaCount, totals] = await Promise.all([
    listIncidentsAsOf(db, since, own),
    listIncidentsAsOf(db, since, area),
    countIncidentsAsOf(db, since, { places: [id] }),
    countIncidentsAsOf(db, since, { areaOf }),
    placeTotalsAsOf(db, since, id),
  ]);
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
    casualties: totals.casualties,
    byClaimant: totals.byClaimant,
    // incidents here written since by an import: not in the reading, their version then not known
    notKnownAsOf: totals.unknownHere,
  };
}

/** One incident as it stood then: `{ known: false }` when an import has written it since (no history tells). */
export async function incidentAsOf(
  db: Q,
  since: ChangedSince,
  id: string,
): Promise<{ known: true; state: IncidentView | null } | { known: false }> {
  if (since.unknown.includes(id)) return { known: false };
  const kept = since.versions.has(id);
  const state = kept ? (since.versions.get(id) ?? null) : await getIncident(db, id);
  if (!state) return { known: true, state: null };
  // the store's incident carries its place as it is; a kept version, as it was when kept
  return { known: true, state: withPlaceThen(state, since, kept ? await placesNow(db, [state], since) : new Map()) };
}

/** A sum of ranges, and how many of them there were (none: not reported). */
interface Acc {
  n: number;
  low: number;
  high: number;
}
const acc = (): Acc => ({ n: 0, low: 0, high: 0 });
const add = (a: Acc, r: Range | null, sign = 1) => {
  if (!r) return;
  a.n += sign;
  a.low += sign * r.low;
  a.high += sign * r.high;
};
const addStored = (a: Acc, low: number | string | null, high: number | string | null, n: number | string, sign = 1) => {
  a.n += sign * Number(n);
  a.low += sign * Number(low ?? 0);
  a.high += sign * Number(high ?? 0);
};
const rangeOf = (a: Acc): Range | null => (a.n > 0 ? { low: a.low, high: a.high } : null);

/**
 * A place's toll and totals by source as they stood then, without reading all its incidents: the
 * store keeps each incident's place reading (its lines, with those counted in another incident of
 * the same place moved there: lib/db/summaries.ts); the readings that may differ then are those
 * of the incidents changed since and of those their lines link to, now or then. Those are taken
 * off the kept sums and their readings then added, each reckoned by the domain's rules
 * (reassignCountedLines, summariseClaims) from its version then and the incidents around it.
 */
async function placeTotalsAsOf(
  db: Q,
  since: ChangedSince,
  placeId: string,
): Promise<{ casualties: { killed: Range | null; wounded: Range | null }; byClaimant: ClaimantTotal[]; unknownHere: number }> {
  const changed = [...since.versions.keys(), ...since.unknown];
  // every incident whose reading may differ: the changed, and those their lines link to now and then
  const linked = new Set([...changed, ...(await summaryDependents(db, changed))]);
  for (const v of since.versions.values())
    for (const c of v?.claims ?? []) for (const l of c.casualties) if (l.countedIn) linked.add(l.countedIn);
  // of those, the ones at this place now or then: only their readings count here
  const hereNow = (
    await db.query<{ id: string }>('SELECT id FROM incidents WHERE id = ANY($1::text[]) AND place_id = $2', [[...linked], placeId])
  ).map((r) => r.id);
  const unknown = new Set(since.unknown);
  const affected = [...new Set([...hereNow, ...[...since.versions.values()].flatMap((v) => (v?.place.id === placeId ? [v.id] : []))])];
  // and those here with lines counted in them, whose lines move into their readings
  const around = new Set([...affected, ...(await contributorsOf(db, affected, placeId))]);
  const current = new Map(
    (
      await listIncidentsByIds(
        db,
        [...around].filter((x) => !since.versions.has(x) && !unknown.has(x)),
      )
    ).incidents.map((i) => [i.id, i]),
  );
  const then = (x: string): IncidentView | null =>
    unknown.has(x) ? null : since.versions.has(x) ? (since.versions.get(x) ?? null) : (current.get(x) ?? null);
  // where the targets of their lines stood then
  const targets = new Set(
    affected.flatMap((x) => then(x)?.claims.flatMap((c) => c.casualties.flatMap((l) => (l.countedIn ? [l.countedIn] : []))) ?? []),
  );
  const unseen = [...targets].filter((t) => !around.has(t) && !since.versions.has(t) && !unknown.has(t));
  const placeOfUnseen = new Map(
    (unseen.length
      ? await db.query<{ id: string; place_id: string }>('SELECT id, place_id FROM incidents WHERE id = ANY($1::text[])', [unseen])
      : []
    ).map((r) => [r.id, r.place_id]),
  );
  const placeThen = (x: string) => then(x)?.place.id ?? placeOfUnseen.get(x) ?? null;

  const [[kept], keptByClaimant, stored, storedByClaimant] = await Promise.all([
    db.query<{ killed_n: string; killed_low: string; killed_high: string; wounded_n: string; wounded_low: string; wounded_high: string }>(
      'SELECT killed_n, killed_low, killed_high, wounded_n, wounded_low, wounded_high FROM place_tolls WHERE place_id = $1',
      [placeId],
    ),
    db.query<{ claimant_id: string; incidents: string; kn: string; kl: string; kh: string; wn: string; wl: string; wh: string }>(
      `SELECT claimant_id, incidents, killed_n AS kn, killed_low AS kl, killed_high AS kh, wounded_n AS wn, wounded_low AS wl, wounded_high AS wh
       FROM place_claimant_tolls WHERE place_id = $1`,
      [placeId],
    ),
    db.query<{ kl: number | null; kh: number | null; wl: number | null; wh: number | null }>(
      `SELECT place_killed_low AS kl, place_killed_high AS kh, place_wounded_low AS wl, place_wounded_high AS wh
       FROM incidents WHERE id = ANY($1::text[]) AND place_id = $2`,
      [affected, placeId],
    ),
    db.query<{ claimant_id: string; has_account: boolean; kl: number | null; kh: number | null; wl: number | null; wh: number | null }>(
      `SELECT claimant_id, has_account, killed_low AS kl, killed_high AS kh, wounded_low AS wl, wounded_high AS wh
       FROM incident_claimant_tolls WHERE incident_id = ANY($1::text[]) AND place_id = $2`,
      [affected, placeId],
    ),
  ]);
  const killed = acc();
  const wounded = acc();
  if (kept) {
    addStored(killed, kept.killed_low, kept.killed_high, kept.killed_n);
    addStored(wounded, kept.wounded_low, kept.wounded_high, kept.wounded_n);
  }
  type PerClaimant = { incidents: number; killed: Acc; wounded: Acc };
  const byClaimant = new Map<string, PerClaimant>();
  const of = (claimant: string) => {
    const known = byClaimant.get(claimant);
    if (known) return known;
    const t = { incidents: 0, killed: acc(), wounded: acc() };
    byClaimant.set(claimant, t);
    return t;
  };
  for (const r of keptByClaimant) {
    const t = of(r.claimant_id);
    t.incidents += Number(r.incidents);
    addStored(t.killed, r.kl, r.kh, r.kn);
    addStored(t.wounded, r.wl, r.wh, r.wn);
  }
  // off: the affected incidents' readings now
  for (const r of stored) {
    addStored(killed, r.kl, r.kh, r.kl === null ? 0 : 1, -1);
    addStored(wounded, r.wl, r.wh, r.wl === null ? 0 : 1, -1);
  }
  for (const r of storedByClaimant) {
    const t = of(r.claimant_id);
    t.incidents -= r.has_account ? 1 : 0;
    addStored(t.killed, r.kl, r.kh, r.kl === null ? 0 : 1, -1);
    addStored(t.wounded, r.wl, r.wh, r.wl === null ? 0 : 1, -1);
  }
  // on: their readings then, those that stood at this place then
  const here = [...around].map(then).filter((v): v is IncidentView => v !== null && v.place.id === placeId);
  for (const x of affected) {
    const v = then(x);
    if (!v || v.place.id !== placeId) continue;
    const into = here.filter((y) => y.id !== x && y.claims.some((c) => c.casualties.some((l) => l.countedIn === x)));
    const out = [...new Set(v.claims.flatMap((c) => c.casualties.flatMap((l) => (l.countedIn && l.countedIn !== x ? [l.countedIn] : []))))]
      .filter((t) => placeThen(t) === placeId && !into.some((y) => y.id === t))
      .map((t) => ({ id: t, claims: [] }));
    const claims = reassignCountedLines([v, ...into, ...out])[0]?.claims ?? [];
    const s = summariseClaims(claims);
    add(killed, s.killed);
    add(wounded, s.wounded);
    const accounts = new Set(v.claims.map((c) => c.claimant));
    for (const claimant of new Set(claims.map((c) => c.claimant))) {
      const mine = summariseClaims(claims.filter((c) => c.claimant === claimant));
      const t = of(claimant);
      add(t.killed, mine.killed);
      add(t.wounded, mine.wounded);
    }
    for (const claimant of accounts) of(claimant).incidents += 1;
  }
  return {
    unknownHere: hereNow.filter((x) => unknown.has(x)).length,
    casualties: { killed: rangeOf(killed), wounded: rangeOf(wounded) },
    byClaimant: [...byClaimant.entries()]
      .filter(([, t]) => t.incidents > 0 || t.killed.n > 0 || t.wounded.n > 0)
      .map(([claimant, t]) => ({ claimant, killed: rangeOf(t.killed), wounded: rangeOf(t.wounded), incidents: t.incidents }))
      .sort((a, b) => a.claimant.localeCompare(b.claimant)),
  };
}

/** The incidents at a place with a toll line counted in one of these. */
async function contributorsOf(db: Q, ids: readonly string[], placeId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT c.incident_id AS id FROM claim_casualties cc JOIN claims c ON c.id = cc.claim_id JOIN incidents i ON i.id = c.incident_id
     WHERE cc.counted_in = ANY($1::text[]) AND i.place_id = $2`,
    [[...ids], placeId],
  );
  return rows.map((r) => r.id);
}
