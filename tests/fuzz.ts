/**
 * fast-check arbitraries for what the outside world sends: query strings, path ids and JSON
 * bodies, including the bytes that broke us before (NUL, unpaired surrogates, malformed
 * percent-encoding, dates PostgreSQL refuses, numbers written oddly).
 */
import fc from 'fast-check';

/** Every byte of the string's UTF-8 as %XX (lone surrogates become U+FFFD, as a browser sends them). */
export const percentEncode = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

const rawBytes = fc
  .array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 })
  .map((bs) => bs.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

const tricky = fc.constantFrom(
  '0000-01-01',
  '9999-12-31',
  '2020-02-20',
  '2020-02-30',
  '1899-12-31',
  '2101-01-01',
  '0x10',
  '1e9',
  '-1',
  '0',
  '500',
  '501',
  ' 5',
  '%00',
  '%',
  '%zz',
  '%FF',
  '%C0%AF',
  '%ED%A0%80',
  'battles',
  'explosions-remote-violence',
  'idlib-2020-02-20-day-toll',
  'qminas',
  '36.6,35.8,36.8,35.95',
  '200,0,201,1',
  'NaN,NaN,NaN,NaN',
  'newest',
  'oldest',
  'en',
  'fr',
  'ar',
);

/** A value as it appears in a query string: already percent-encoded, or raw bytes, or a tricky literal. */
export const queryValue = fc.oneof(
  tricky,
  fc.string({ unit: 'binary', maxLength: 40 }).map(percentEncode),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  rawBytes,
  fc.integer().map(String),
  fc.double().map(String),
);

export function queryString(keys: readonly string[]) {
  const key = fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 }).map(encodeURIComponent));
  return fc.array(fc.tuple(key, queryValue), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}

/** A path segment: a plausible id, or anything at all, percent-encoded or raw. */
export const pathSegment = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,30}$/),
  tricky,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }).map(percentEncode),
  rawBytes.filter((s) => s.length > 0),
);

/** JSON bodies: anything JSON can say, including strings with NUL and unpaired surrogates. */
export const jsonBody = fc.oneof(
  fc.jsonValue(),
  fc.record(
    { title: fc.record({ en: fc.string({ unit: 'binary' }), fr: fc.string() }), filters: fc.dictionary(fc.string(), fc.jsonValue()) },
    { requiredKeys: [] },
  ),
);
