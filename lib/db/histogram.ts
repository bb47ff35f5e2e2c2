/**
 * The time bar's counts: incidents and net deaths per bin (day, ISO week or month, by the day an
 * incident began) and per event type, for the filters of /api/incidents. Without a filter the
 * calendar kept on write can answer (type and dates only), it is read: a few thousand rows for
 * all time; otherwise the narrow table is grouped.
 */
import 'server-only';
import type { EventType } from '../domain/taxonomy';
import type { Bin, Histogram, HistogramBin } from '../timeline';
import { calendarFor, type IncidentFilter, Params, pointFilter } from './incident-filter';
import { dateParts, partWhere } from './parts';
import type { Db } from './store';

export type { Bin, Histogram, HistogramBin } from '../timeline';
export type HistogramFilter = Omit<IncidentFilter, 'limit' | 'cursor' | 'order'>;

export async function histogram(
  db: Pick<Db, 'query' | 'dialect' | 'whenIdle'>,
  bin: Bin,
  f: HistogramFilter,
  /** how the narrow table is read in parts (tests force small ones on either engine) */
  parts: Parameters<typeof dateParts>[2] = {},
): Promise<Histogram> {
  const p = new Params();
  // a bin's first day by date arithmetic (grouped first, written as text after: thousands of rows, not millions)
  const start = (d: string) =>
    bin === 'day' ? d : bin === 'week' ? `(${d} - (extract(isodow FROM ${d})::int - 1))` : `date_trunc('month', ${d})::date`;
  type Row = { start: string; event_type: EventType; n: string; kn: string; kl: string; kh: string };
  const read = (sql: string, q: Params) =>
    db.query<Row>(
      `SELECT to_char(h.start, 'YYYY-MM-DD') AS start, h.event_type, h.n, h.kn, h.kl, h.kh FROM (${sql}) h ORDER BY h.start, h.event_type`,
      q.values,
    );
  const rows: Row[] = [];
  const calendar = calendarFor(f, p);
  if (calendar) {
    // the calendar: by start day; an incident that began before `from` and runs into it comes from the narrow table
    const straddle = f.from
      ? `UNION ALL
         SELECT p.date, p.event_type, 1, (p.net_killed_low IS NOT NULL)::int, coalesce(p.net_killed_low, 0), coalesce(p.net_killed_high, 0)
         FROM incident_points p WHERE ${pointFilter(f, p).join(' AND ')} AND p.date < ${p.add(f.from)}::date`
      : '';
    const sql = `SELECT ${start('x.day')} AS start, x.event_type, sum(x.n)::bigint AS n, sum(x.kn)::bigint AS kn,
             sum(x.kl)::bigint AS kl, sum(x.kh)::bigint AS kh
           FROM (SELECT d.day, d.event_type, d.n, d.killed_n AS kn, d.killed_low AS kl, d.killed_high AS kh
                 FROM ${calendar.from} WHERE ${calendar.where.join(' AND ')}
                 ${straddle}) x(day, event_type, n, kn, kl, kh)
           GROUP BY 1, 2`;
    rows.push(...(await read(sql, p)));
  } else {
    // every matching row is read: in parts of first days on PGlite (lib/db/parts.ts); a bin cut by two parts adds up below
    for await (const part of dateParts(db, f, parts)) {
      const q = new Params();
      const where = [...pointFilter(f, q), ...partWhere(part, 'p.date', (v) => q.add(v))];
      const sql = `SELECT ${start('p.date')} AS start, p.event_type, count(*) AS n, count(p.net_killed_low) AS kn,
             coalesce(sum(p.net_killed_low), 0) AS kl, coalesce(sum(p.net_killed_high), 0) AS kh
           FROM incident_points p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           GROUP BY 1, 2`;
      rows.push(...(await read(sql, q)));
    }
  }
  const bins = new Map<string, HistogramBin & { kn: number }>();
  let total = 0;
  for (const r of rows) {
    const start = r.start;
    const n = Number(r.n);
    total += n;
    const h = bins.get(start) ?? { start, count: 0, killed: null, byType: {}, kn: 0 };
    h.count += n;
    h.byType[r.event_type] = (h.byType[r.event_type] ?? 0) + n;
    if (Number(r.kn) > 0) {
      h.kn += Number(r.kn);
      h.killed = { low: (h.killed?.low ?? 0) + Number(r.kl), high: (h.killed?.high ?? 0) + Number(r.kh) };
    }
    bins.set(start, h);
  }
  return { bin, total, bins: [...bins.values()].map(({ kn: _kn, ...h }) => h) };
}
