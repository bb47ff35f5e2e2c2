/**
 * Reading as of a past moment (lib/db/as-of.ts), on PGlite and PostgreSQL, on the seed and 1,500
 * synthetic incidents: the history's versions are filtered by the same rules as the list's SQL;
 * after a burst of corrections, deletions and creations, the list, its count, its briefs and a
 * place's details read as of the moment before are exactly what the store answered then, page by
 * page; and an incident written since by a path that keeps no history (the seed's) is said to be unknown, never guessed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changedSince,
  countIncidentsAsOf,
  getPlaceAsOf,
  incidentAsOf,
  listIncidentBriefsAsOf,
  listIncidentsAsOf,
  matchesFilter,
  TooMuchChangedError,
} from '@/lib/db/as-of';
import { codedRecord, deleteIncident, saveIncident } from '@/lib/db/corrections';
import { savePlace } from '@/lib/db/records';
import { briefOf, type IncidentBrief } from '@/lib/incident/view';
import { countIncidents, listIncidentBriefs, listIncidents } from '@/lib/db/incident-lists';
import { getIncident } from '@/lib/db/incident-read';
import type { IncidentView } from '@/lib/incident/view';
import { getPlace, type PlaceDetail } from '@/lib/db/places';
import type { IncidentFilter } from '@/lib/db/incident-filter';
import { upsertIncidents } from '@/lib/db/bulk';
import type { Db } from '@/lib/db/store';
import type { Incident } from '@/lib/domain/schema';
import { fillSynthetic } from '@/lib/synthetic/fill';
import { storeEngines } from '../engines';

type Filter = Omit<IncidentFilter, 'limit' | 'cursor'>;
const author = { kind: 'service' } as const;

/** Every page of a list, followed to its end. */
async function all<T extends { id: string }>(
  read: (f: IncidentFilter) => Promise<{ incidents: T[]; nextCursor: { date: string; id: string } | null }>,
  f: Filter,
  limit = 500,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: { date: string; id: string } | undefined;
  for (let n = 0; n < 1000; n++) {
    const page = await read({ ...f, limit, cursor });
    expect(page.incidents.length).toBeLessThanOrEqual(limit);
    out.push(...page.incidents);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('the list does not end');
}

/** Filters of every kind the list takes, on the synthetic data's dates, types, places, actors and sources. */
function filtersFor(views: IncidentView[]): Filter[] {
  const some = views.filter((v) => v.id.startsWith('syn-'));
  const a = some[10]!;
  const b = some[700]!;
  const actor = a.claims[0]?.perpetrators[0] ?? a.actors[0]?.actor;
  const source = a.claims[0]!.claimant;
  const province = views.find((v) => v.geoPrecision === 3)!;
  // the last day of an incident known to the week or month: it runs into that day though it began before
  const long = some.find((v) => v.dateEnd > v.date)!;
  return [
    { from: long.dateEnd, to: long.dateEnd },
    {},
    { order: 'oldest' },
    { bbox: [a.lon - 0.3, a.lat - 0.3, a.lon + 0.3, a.lat + 0.3] },
    { from: b.date, to: b.dateEnd },
    { from: '2020-02-01', to: '2020-02-29', types: ['explosions-remote-violence', 'battles'] },
    { types: [a.eventType] },
    { places: [a.place.id] },
    { places: [a.place.id, b.place.id], order: 'oldest' },
    { areaOf: { admin1: province.place.admin1, except: 'nowhere' } },
    ...(actor ? [{ actors: [actor] }] : []),
    { sources: [source] },
    { q: 'Qamînâs' },
    { q: 'NAYRAB' },
    { q: a.place.name.fr.slice(0, 5) },
    { bbox: [35, 34, 38, 37], types: [b.eventType], from: '2019-01-01', sources: [source] },
  ];
}

describe.each(storeEngines('asof'))('reading as of a moment on $name', ({ open }) => {
  let db: Db | null = null;
  let views: IncidentView[] = [];
  beforeAll(async () => {
    db = await open();
    if (!db) return;
    await fillSynthetic(db, { count: 1500, seed: 11 });
    views = await all((f) => listIncidents(db as Db, f), {});
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('filters a kept version by the same rules as the list’s SQL, and makes of it the brief the list reads', async (ctx) => {
    if (!db) return ctx.skip();
    expect(views.length).toBe(1506);
    for (const f of filtersFor(views)) {
      const sql = (await all((g) => listIncidents(db as Db, g), f)).map((v) => v.id).sort();
      const js = views
        .filter((v) => matchesFilter(v, f))
        .map((v) => v.id)
        .sort();
      expect({ f, ids: js }).toEqual({ f, ids: sql });
    }
    // a filter's matches are not all or nothing: the comparison above has teeth
    const counts = filtersFor(views).map((f) => views.filter((v) => matchesFilter(v, f)).length);
    expect(counts.filter((n) => n > 0 && n < views.length).length).toBeGreaterThanOrEqual(10);
    const briefs = await all((f) => listIncidentBriefs(db as Db, f), {});
    expect(views.map(briefOf)).toEqual(briefs);
  });

  it('after corrections, deletions and creations, reads every list, count, brief and place exactly as it stood before', async (ctx) => {
    if (!db) return ctx.skip();
    const d = db;
    const filters = filtersFor(views);
    // the place of a day toll that counts the dead of the incident before it again (syn-N00 counts
    // syn-N99), and three such pairs brought there, so that toll lines link incidents of the place
    const place = views.find((v) => v.id === 'syn-11-100')!.place.id;
    const fresh = async (id: string) => codedRecord((await getIncident(d, id))!) as Incident;
    const move = async (id: string, to: string) => saveIncident(d, { ...(await fresh(id)), place: to }, { author });
    for (const id of ['syn-11-99', 'syn-11-199', 'syn-11-200', 'syn-11-399', 'syn-11-400']) await move(id, place);
    // what the store answered before, at a moment named to the microsecond
    const before = await Promise.all(filters.map((f) => all((g) => listIncidents(d, g), f)));
    const briefsBefore = await all((g) => listIncidentBriefs(d, g), { types: ['explosions-remote-violence'] });
    const countsBefore = await Promise.all(filters.map((f) => countIncidents(d, f)));
    const placeBefore = await getPlace(d, place, { limit: 7 });
    // and every other place, with a page of three
    const placeIds = [...new Set(views.map((v) => v.place.id))].filter((p) => p !== place);
    const placesBefore = await Promise.all(placeIds.map((p) => getPlace(d, p, { limit: 3 })));
    const [{ t }] = (await d.query<{ t: string }>(
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t`,
    )) as [{ t: string }];
    await new Promise((r) => setTimeout(r, 5));

    // a burst of edits: dates, types, places and tolls changed, some deleted, some new, one restored
    const syn = views.filter((v) => v.id.startsWith('syn-'));
    const other = syn.find((v) => v.place.id !== place)!.place;
    for (const [n, v] of syn.filter((_, k) => k % 37 === 0).entries()) {
      const coded = codedRecord(v) as Incident;
      const edited: Incident = {
        ...coded,
        date: n % 2 ? '2020-02-20' : coded.date,
        eventType: n % 3 ? coded.eventType : 'strategic-developments',
        subEventType: n % 3 ? coded.subEventType : 'agreement',
        place: n % 4 === 0 ? (v.place.id === place ? other.id : place) : coded.place,
        title: { ...coded.title, en: `${coded.title.en} (corrected)` },
        claims: coded.claims.map((c) => ({
          ...c,
          casualties: c.casualties.map((l) => ({ ...l, killed: l.killed ? { low: l.killed.low + 1, high: l.killed.high + 3 } : null })),
        })),
      };
      await saveIncident(d, edited, { author });
    }
    for (const v of syn.filter((_, k) => k % 53 === 5)) await deleteIncident(d, v.id, { author });
    // links between toll lines of the place: a counted incident moved away, the incident a toll
    // counts deleted (its line set loose), a day toll's lines changed, another moved in
    await move('syn-11-99', other.id);
    await deleteIncident(d, 'syn-11-399', { author });
    const tally = await fresh('syn-11-200');
    const more = (l: Incident['claims'][number]['casualties'][number]) => ({
      ...l,
      killed: l.killed && { low: l.killed.low + 2, high: l.killed.high + 4 },
    });
    await saveIncident(d, { ...tally, claims: tally.claims.map((c) => ({ ...c, casualties: c.casualties.map(more) })) }, { author });
    await move('syn-11-299', place);
    // a place renamed: as of then, its incidents and its page show its name then
    await savePlace(d, { ...other, name: { ...other.name, en: 'Renamed since', fr: 'Renommé depuis' } }, { author });
    for (const n of [1, 2, 3]) {
      const coded = codedRecord(syn[n * 100]!) as Incident;
      await saveIncident(
        d,
        { ...coded, id: `asof-new-${n}`, claims: coded.claims.map((c, k) => ({ ...c, id: `asof-new-${n}-${k}` })), place },
        { author },
      );
    }
    // changed twice after the moment: the first change's before is the version then
    const twice = codedRecord(syn[3]!) as Incident;
    await saveIncident(d, { ...twice, summary: { ...twice.summary, en: 'first' } }, { author });
    await saveIncident(d, { ...twice, summary: { ...twice.summary, en: 'second' } }, { author });

    const since = await changedSince(d, t);
    expect(since.versions.size).toBeGreaterThan(60);
    // bounded: past its limit of changed incidents a reading as of then is refused before anything is read
    await expect(changedSince(d, t, undefined, { max: 60 })).rejects.toBeInstanceOf(TooMuchChangedError);
    expect(since.places.get(other.id)?.name.en).toBe(other.name.en);
    expect(since.unknown).toEqual([]);
    for (const [k, f] of filters.entries()) {
      // paged in sevens: the store's rows and the history's versions interleave across pages
      const then = await all((g) => listIncidentsAsOf(d, since, g), f, 7);
      expect({ f, rows: then.map(strip) }).toEqual({ f, rows: before[k]!.map(strip) });
      expect({ f, count: await countIncidentsAsOf(d, since, f) }).toEqual({ f, count: countsBefore[k] });
    }
    // and the answers now are not those: the comparison above has teeth
    const now = await all((g) => listIncidents(d, g), {});
    expect(now.map(strip)).not.toEqual(before[0]!.map(strip));
    const briefsThen = await all((g) => listIncidentBriefsAsOf(d, since, g), { types: ['explosions-remote-violence'] }, 9);
    expect(briefsThen.map(stripBrief)).toEqual(briefsBefore.map(stripBrief));

    const placeThen = await getPlaceAsOf(d, since, place, { limit: 7 });
    expect(placeThen?.notKnownAsOf).toBe(0);
    expect(stripPlace(placeThen)).toEqual(stripPlace(placeBefore));
    expect(stripPlace(await getPlace(d, place, { limit: 7 }))).not.toEqual(stripPlace(placeBefore));
    for (const [k, p] of placeIds.entries())
      expect({ p, detail: stripPlace(await getPlaceAsOf(d, since, p, { limit: 3 })) }).toEqual({ p, detail: stripPlace(placesBefore[k]!) });

    const one = await incidentAsOf(d, since, syn[3]!.id);
    expect(one.known && strip(one.state!)).toEqual(strip(syn[3]!));
  });

  it('says an incident written since without history (the seed’s bulk path) is not known as it stood then, and leaves it out of lists', async (ctx) => {
    if (!db) return ctx.skip();
    const d = db;
    const syn = (await listIncidents(d, { limit: 50, order: 'oldest', q: 'syn' })).incidents;
    const target = syn[0]!;
    // another, corrected by an editor before the moment (its version then is in the history)
    const edited = codedRecord(syn.find((v) => v.place.id !== target.place.id)!) as Incident;
    edited.title = { ...edited.title, en: 'Corrected before the moment' };
    await saveIncident(d, edited, { author });
    const current = await listIncidents(d, { places: [target.place.id], limit: 500 });
    await new Promise((r) => setTimeout(r, 5));
    const [{ t }] = (await d.query<{ t: string }>(
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t`,
    )) as [{ t: string }];
    await new Promise((r) => setTimeout(r, 5));
    // the seed's bulk writes, which record no change (imports and editors do)
    await d.transaction((tx) =>
      upsertIncidents(tx, [codedRecord(target) as Incident, { ...edited, title: { ...edited.title, en: 'Imported' } }]),
    );
    const since = await changedSince(d, t);
    expect(since.unknown).toEqual([target.id]);
    const kept = await incidentAsOf(d, since, edited.id);
    expect(kept.known && kept.state?.title.en).toBe('Corrected before the moment');
    expect(await incidentAsOf(d, since, target.id)).toEqual({ known: false });
    const then = await all((g) => listIncidentsAsOf(d, since, g), { places: [target.place.id] });
    expect(then.map((v) => v.id)).toEqual(current.incidents.map((v) => v.id).filter((id) => id !== target.id));
    expect((await getPlaceAsOf(d, since, target.place.id, { limit: 5 }))?.notKnownAsOf).toBe(1);
  });
});

/** What a version says, without when it was last written (a restore rewrites it) or its revision. */
function strip(v: IncidentView) {
  const { updatedAt: _u, revision: _r, ...rest } = v;
  return rest;
}
function stripBrief(b: IncidentBrief) {
  const { updatedAt: _u, ...rest } = b;
  return rest;
}
function stripPlace(p: PlaceDetail | null) {
  if (!p) return null;
  return {
    place: p.place,
    casualties: p.casualties,
    byClaimant: p.byClaimant,
    incidents: { ...p.incidents, totalExact: undefined, items: p.incidents.items.map(strip) },
    areaIncidents: { ...p.areaIncidents, totalExact: undefined, items: p.areaIncidents.items.map(strip) },
  };
}
