/**
 * Pages of incidents for a filter, newest first with a cursor: whole, or as a list shows them
 * (`?fields=brief`, read from the summaries kept on write); and their count.
 */
import 'server-only';
import type { Range } from '../domain/casualties';
import type { Db } from './store';
import { COUNT_CAP, type Count, type IncidentFilter, Params, calendarFor, pointFilter } from './incident-filter';
import { INCIDENT_SELECT, type IncidentRow, hydrate, withArabic } from './incident-read';
import type { IncidentView } from '@/lib/incident/view';
import type { IncidentBrief } from '../incident/view';

type Q = Pick<Db, 'query'>;
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
