/**
 * What a list of incidents may be filtered by, and the SQL conditions each filter makes on the
 * narrow table the map and the lists read (incident_points) or on the calendar kept on write.
 */
import 'server-only';
import type { EventType } from '../domain/taxonomy';
import { foldText } from '../domain/text';
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
