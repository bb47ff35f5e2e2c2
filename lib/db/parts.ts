/**
 * PGlite answers one query at a time: a read over many incidents holds every other request
 * back until it ends. Such reads are made in parts instead, each over a run of first days
 * holding at most `max` incidents (planned from the calendar kept on write), so that a simple
 * request waits for one part, not the whole. PostgreSQL runs queries side by side: one part.
 */
import 'server-only';
import type { Db } from './store';

/** A run of first days: from `after` (inclusive) to `before` (exclusive); null is open. */
export interface DatePart {
  after: string | null;
  before: string | null;
}

export const PART_MAX = 6000;

export async function dateParts(
  db: Pick<Db, 'query' | 'dialect'>,
  f: { from?: string; to?: string },
  { max = PART_MAX, always = false }: { max?: number; always?: boolean } = {},
): Promise<DatePart[]> {
  if (db.dialect !== 'pglite' && !always) return [{ after: null, before: null }];
  const params: unknown[] = [];
  const where = ['d.n <> 0'];
  // an incident running into `from` began at most 31 days before it
  if (f.from) where.push(`d.day >= $${params.push(f.from)}::date - 31`);
  if (f.to) where.push(`d.day <= $${params.push(f.to)}::date`);
  const days = await db.query<{ day: string; n: string }>(
    `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, sum(d.n) AS n FROM incident_days d WHERE ${where.join(' AND ')} GROUP BY d.day ORDER BY d.day`,
    params,
  );
  // each part ends where the next begins, the first and the last open: no day falls between two
  const starts: string[] = [];
  let held = 0;
  for (const { day, n } of days) {
    if (held > 0 && held + Number(n) > max) {
      starts.push(day);
      held = 0;
    }
    held += Number(n);
  }
  return [null, ...starts].map((after, i) => ({ after, before: starts[i] ?? null }));
}

/** The conditions of a part on a table's first day (`col`), with their parameters added to `values`. */
export function partWhere(part: DatePart, col: string, add: (v: unknown) => string): string[] {
  return [...(part.after ? [`${col} >= ${add(part.after)}::date`] : []), ...(part.before ? [`${col} < ${add(part.before)}::date`] : [])];
}
