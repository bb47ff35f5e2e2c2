import 'server-only';
import { z } from 'zod';
import { idSchema, isoDateSchema, SHORT_TEXT_MAX, storableText } from '../domain/schema';
import { EVENT_TYPE_IDS, type EventType } from '../domain/taxonomy';
import type { IncidentFilter } from '../db/incident-filter';
import { PLACE_PAGE, type PlacePaging } from '../db/places';
import type { InvalidParam } from './problem';

export const PAGE_SIZE_DEFAULT = 200;
export const PAGE_SIZE_MAX = 500;

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: InvalidParam[] };

const list = (raw: string[]) =>
  raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

const isoDay = isoDateSchema;

/** A whole number written plainly in decimal: not "0x10", "1e2", " 5" or "5.0". */
export const decimalInt = z
  .string()
  .regex(/^\d{1,9}$/, 'expected a whole number in decimal digits')
  .transform(Number);

const bboxSchema = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: 'expected four numbers: west,south,east,north' });
    return z.NEVER;
  }
  const [w, s2, e, n] = parts as [number, number, number, number];
  if ([w, e].some((x) => x < -180 || x > 180)) ctx.addIssue({ code: 'custom', message: 'longitudes must lie within -180..180' });
  if ([s2, n].some((y) => y < -90 || y > 90)) ctx.addIssue({ code: 'custom', message: 'latitudes must lie within -90..90' });
  if (w > e) ctx.addIssue({ code: 'custom', message: 'west is greater than east (inverted box)' });
  if (s2 > n) ctx.addIssue({ code: 'custom', message: 'south is greater than north (inverted box)' });
  return [w, s2, e, n] as [number, number, number, number];
});

export { encodeCursor } from './cursor';

export const cursorSchema = z.string().transform((s, ctx) => {
  try {
    const [date, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (isoDay.safeParse(date).success && idSchema.safeParse(id).success) return { date: date as string, id: id as string };
  } catch {
    // fall through to the issue below
  }
  ctx.addIssue({ code: 'custom', message: 'not a cursor this API issued' });
  return z.NEVER;
});

function collect<T>(errors: InvalidParam[], name: string, r: z.ZodSafeParseResult<T>): T | undefined {
  if (r.success) return r.data;
  for (const issue of r.error.issues) errors.push({ name, reason: issue.message });
  return undefined;
}

function ids(errors: InvalidParam[], name: string, raw: string[]): string[] | undefined {
  const values = list(raw);
  if (values.length === 0) return undefined;
  for (const v of values) {
    if (!idSchema.safeParse(v).success) errors.push({ name, reason: `"${v.slice(0, 60)}" is not a valid id` });
  }
  return values;
}

/**
 * A reader of single-valued parameters: a parameter given twice (`from=…&from=…`) is an error,
 * never silently its first value.
 */
export function single(sp: URLSearchParams, errors: InvalidParam[]): (name: string) => string | undefined {
  return (name) => {
    const all = sp.getAll(name);
    if (all.length > 1) {
      errors.push({ name: name || '(unnamed)', reason: `given ${all.length} times; give it once` });
      return undefined;
    }
    return all[0];
  };
}

/** `asOf`: an ISO 8601 date-time with its offset ("2026-12-01T09:30:00Z"), a moment to read the data as it stood then. */
export const asOfSchema = z
  .string()
  .datetime({ offset: true, message: 'an ISO 8601 date-time with its offset, e.g. 2026-12-01T09:30:00Z' });

/** `?asOf=` where a route reads it: the moment, or undefined for now. */
export function parseAsOf(sp: URLSearchParams, errors: InvalidParam[]): string | undefined {
  const raw = single(sp, errors)('asOf');
  return raw === undefined ? undefined : collect(errors, 'asOf', asOfSchema.safeParse(raw));
}

/**
 * Turns the query string of GET /api/incidents into a filter, or the list of what is wrong with
 * it. `asOf` is an error where the route does not read it (`{ asOf: true }` says it does), never
 * silently the data as it is now.
 */
export function parseIncidentQuery(sp: URLSearchParams, { asOf = false }: { asOf?: boolean } = {}): Parsed<IncidentFilter> {
  const errors: InvalidParam[] = [];
  const one = single(sp, errors);
  const f: IncidentFilter = { limit: PAGE_SIZE_DEFAULT };
  if (!asOf && sp.has('asOf'))
    errors.push({
      name: 'asOf',
      reason: 'not read here: only /api/incidents, /api/incidents/{id} and /api/places/{id} read the data as of a moment',
    });

  const bbox = one('bbox');
  if (bbox !== undefined) f.bbox = collect(errors, 'bbox', bboxSchema.safeParse(bbox));
  const from = one('from');
  if (from !== undefined) f.from = collect(errors, 'from', isoDay.safeParse(from));
  const to = one('to');
  if (to !== undefined) f.to = collect(errors, 'to', isoDay.safeParse(to));
  if (f.from && f.to && f.from > f.to) errors.push({ name: 'from', reason: `from (${f.from}) is after to (${f.to})` });

  const types = list(sp.getAll('type'));
  for (const t of types) {
    if (!(EVENT_TYPE_IDS as string[]).includes(t))
      errors.push({ name: 'type', reason: `unknown event type "${t.slice(0, 60)}"; expected one of ${EVENT_TYPE_IDS.join(', ')}` });
  }
  if (types.length) f.types = types as EventType[];
  f.actors = ids(errors, 'actor', sp.getAll('actor'));
  f.places = ids(errors, 'place', sp.getAll('place'));
  f.sources = ids(errors, 'source', sp.getAll('source'));

  const q = one('q');
  if (q !== undefined) {
    const text = z.string().trim().min(1, 'empty text query').max(200, 'at most 200 characters').superRefine(storableText);
    f.q = collect(errors, 'q', text.safeParse(q));
  }

  const limit = one('limit');
  if (limit !== undefined) {
    const n = collect(
      errors,
      'limit',
      decimalInt.pipe(z.number().min(1, 'at least 1').max(PAGE_SIZE_MAX, `at most ${PAGE_SIZE_MAX} per page`)).safeParse(limit),
    );
    if (n !== undefined) f.limit = n;
  }
  const cursor = one('cursor');
  if (cursor !== undefined) f.cursor = collect(errors, 'cursor', cursorSchema.safeParse(cursor));
  const order = one('order');
  if (order !== undefined) f.order = collect(errors, 'order', z.enum(['newest', 'oldest']).safeParse(order));

  return errors.length ? { ok: false, errors } : { ok: true, value: f };
}

export function parseId(raw: string, name = 'id'): Parsed<string> {
  const r = idSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: [{ name, reason: r.error.issues[0]?.message ?? 'invalid id' }] };
}

/**
 * A query string read against a schema of single-valued parameters: a repeated parameter is an
 * error (never silently its first or last value), then the schema decides.
 */
export function parseQuery<T>(sp: URLSearchParams, schema: z.ZodType<T>): Parsed<T> {
  const errors: InvalidParam[] = [];
  const one = single(sp, errors);
  const raw = Object.fromEntries([...new Set(sp.keys())].map((k) => [k, one(k)]));
  if (errors.length) return { ok: false, errors };
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: queryProblems(r.error.issues) };
}

/**
 * A query's issues as invalid parameters, each named by its own name: a parameter the endpoint
 * does not take is named too (zod reports those together, at the query's root).
 */
export function queryProblems(issues: readonly z.core.$ZodIssue[]): InvalidParam[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ name: k.slice(0, 60) || '(unnamed)', reason: 'not a parameter of this address' }))
      : [{ name: i.path.map(String).join('.') || '(query)', reason: i.message }],
  );
}

/** `GET /api/places`: how many places at most, unless `limit` says otherwise; and the most it may say. */
export const PLACES_DEFAULT = 1000;
export const PLACES_MAX = 5000;

/** `GET /api/places`: which box (`bbox=`) and how many places at most (`limit=`). */
/** How many places a search by name (`?q=`) answers by default and at most. */
export const PLACE_SEARCH_DEFAULT = 10;
export const PLACE_SEARCH_MAX = 50;

export function parsePlaceList(sp: URLSearchParams): Parsed<{ bbox?: [number, number, number, number]; limit: number; q?: string }> {
  return parseQuery(
    sp,
    z
      .object({
        bbox: bboxSchema.optional(),
        limit: decimalInt.pipe(z.number().min(1, 'at least 1').max(PLACES_MAX, `at most ${PLACES_MAX} places`)).optional(),
        q: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(SHORT_TEXT_MAX, `at most ${SHORT_TEXT_MAX} characters`)
          .superRefine(storableText)
          .optional(),
      })
      .superRefine((v, ctx) => {
        if (v.q !== undefined && v.bbox) ctx.addIssue({ code: 'custom', path: ['q'], message: 'a search by name takes no bbox' });
        if (v.q !== undefined && v.limit !== undefined && v.limit > PLACE_SEARCH_MAX)
          ctx.addIssue({ code: 'custom', path: ['limit'], message: `at most ${PLACE_SEARCH_MAX} places for a search by name` });
      })
      .transform(({ bbox, limit, q }) =>
        q !== undefined ? { q, limit: limit ?? PLACE_SEARCH_DEFAULT } : { ...(bbox ? { bbox } : {}), limit: limit ?? PLACES_DEFAULT },
      ),
  );
}

/** `GET /api/places/{id}`: which page of the place's incidents, and of its province's. */
/** A place's pages (`?limit=`, `?cursor=`, `?areaCursor=`) and, where the route reads it, `?asOf=`. */
export function parsePlacePaging(sp: URLSearchParams, { asOf = false }: { asOf?: boolean } = {}): Parsed<PlacePaging & { asOf?: string }> {
  return parseQuery(
    sp,
    z
      .object({
        limit: decimalInt.pipe(z.number().min(1, 'at least 1').max(PAGE_SIZE_MAX, `at most ${PAGE_SIZE_MAX} per page`)).optional(),
        cursor: cursorSchema.optional(),
        areaCursor: cursorSchema.optional(),
        ...(asOf ? { asOf: asOfSchema.optional() } : {}),
      })
      .transform(({ limit, cursor, areaCursor, ...rest }) => ({
        limit: limit ?? PLACE_PAGE,
        ...(cursor ? { cursor } : {}),
        ...(areaCursor ? { areaCursor } : {}),
        ...('asOf' in rest && typeof rest.asOf === 'string' ? { asOf: rest.asOf } : {}),
      })),
  );
}
