/**
 * PGlite answers one query at a time: a read over many incidents holds every other request
 * back until it ends. Such reads are made in parts instead, each over a run of first days
 * holding at most `max` incidents, so that a simple request waits for one part, not the whole.
 * Parts are planned one at a time from the calendar kept on write (incident_days), reading only
 * the days of the part being planned: planning, too, never holds the engine for long. Before
 * each step the read waits for the engine to be idle (Db.whenIdle): a request that came
 * meanwhile runs all its queries first, not one between each two parts.
 * PostgreSQL runs queries side by side: there, one part.
 */
import 'server-only';
import type { Db } from './store';

/** A run of first days: from `after` (inclusive) to `before` (exclusive); null is open. */
export interface DatePart {
  after: string | null;
  before: string | null;
}

export const PART_MAX = 6000;
/** the days a part is planned over at most (a quiet stretch of years is still read in steps) */
const PLAN_DAYS = 400;

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The parts of a read over a period, in date order: the first open below, the last open above,
 * each ending where the next begins, so that no day falls between two.
 */
export async function* dateParts(
  db: Pick<Db, 'query' | 'dialect' | 'whenIdle'>,
  f: { from?: string; to?: string },
  { max = PART_MAX, always = false }: { max?: number; always?: boolean } = {},
): AsyncGenerator<DatePart> {
  if (db.dialect !== 'pglite' && !always) {
    yield { after: null, before: null };
    return;
  }
  let after: string | null = null;
  // an incident running into `from` began at most 31 days before it
  let from: string | null = f.from ? new Date(Date.parse(`${f.from}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10) : null;
  for (;;) {
    // the requests that came meanwhile go first
    await db.whenIdle();
    const params: unknown[] = [];
    const where = ['d.n <> 0'];
    if (from) where.push(`d.day >= $${params.push(from)}::date`);
    if (f.to) where.push(`d.day <= $${params.push(f.to)}::date`);
    const days = await db.query<{ day: string; n: string }>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, sum(d.n) AS n FROM incident_days d WHERE ${where.join(' AND ')}
       GROUP BY d.day ORDER BY d.day LIMIT ${PLAN_DAYS}`,
      params,
    );
    let held = 0;
    let before: string | null = null;
    for (const { day, n } of days) {
      if (held > 0 && held + Number(n) > max) {
        before = day;
        break;
      }
      held += Number(n);
    }
    const last = days.at(-1)?.day;
    if (before === null && days.length === PLAN_DAYS && last) before = nextDay(last);
    await db.whenIdle();
    yield { after, before };
    if (before === null) return;
    after = before;
    from = before;
  }
}

/** The conditions of a part on a table's first day (`col`), with their parameters added by `add`. */
export function partWhere(part: DatePart, col: string, add: (v: unknown) => string): string[] {
  return [...(part.after ? [`${col} >= ${add(part.after)}::date`] : []), ...(part.before ? [`${col} < ${add(part.before)}::date`] : [])];
}
