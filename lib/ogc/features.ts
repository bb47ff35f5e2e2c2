/**
 * OGC API – Features, Part 1 (Core, GeoJSON; OpenAPI 3.0 definition) over the incidents and
 * the places, in CRS84 only (Part 2's default): so QGIS, GDAL/OGR (`OAPIF:`) and other standard
 * clients read the map's data directly. Properties are flat (one column each in a GIS); an
 * incident's claims, in full, stay at /api/incidents/{id}.
 */
import 'server-only';
import { z } from 'zod';
import type { InvalidParam } from '../api/problem';
import { encodeCursor, queryProblems } from '../api/params';
import { getIncident } from '../db/incident-read';
import type { IncidentView } from '@/lib/incident/view';
import { listIncidents } from '../db/incident-lists';
import type { Db } from '../db/store';
import { idSchema, isoDateSchema } from '../domain/schema';

export const COLLECTIONS = ['incidents', 'places'] as const;
export type CollectionId = (typeof COLLECTIONS)[number];
export const LIMIT_DEFAULT = 100;
export const LIMIT_MAX = 1000;
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

type Q = Pick<Db, 'query'>;
const JSON_TYPE = 'application/json';
const GEOJSON = 'application/geo+json';

export function landing(base: string) {
  return {
    title: 'Conflict incident map',
    description: 'Incidents of violence with each source’s claims, and the places they happened, as OGC API – Features.',
    links: [
      { href: `${base}/`, rel: 'self', type: JSON_TYPE, title: 'This document' },
      { href: `${base}/api`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'The API definition' },
      { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
      { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'The collections' },
    ],
  };
}

export async function collection(db: Q, base: string, id: CollectionId) {
  const [row] =
    id === 'incidents'
      ? await db.query<{
          w: number | null;
          s: number | null;
          e: number | null;
          n: number | null;
          start: string | null;
          end: string | null;
        }>(
          `SELECT min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n,
             to_char(min(date), 'YYYY-MM-DD') AS start, to_char(max(date_end), 'YYYY-MM-DD') AS end FROM incidents`,
        )
      : await db.query<{ w: number | null; s: number | null; e: number | null; n: number | null; start: null; end: null }>(
          'SELECT min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n, NULL AS start, NULL AS end FROM places',
        );
  const bbox = row && row.w !== null ? [row.w, row.s, row.e, row.n] : [-180, -90, 180, 90];
  return {
    id,
    title: id === 'incidents' ? 'Incidents' : 'Places',
    description:
      id === 'incidents'
        ? 'Each incident at its place, with its type, dates, and the range of deaths and wounded its claims give.'
        : 'The gazetteer: places with their names in English, French and Arabic.',
    itemType: 'feature',
    crs: [CRS84],
    extent: {
      spatial: { bbox: [bbox], crs: CRS84 },
      ...(id === 'incidents'
        ? { temporal: { interval: [[row?.start ? `${row.start}T00:00:00Z` : null, row?.end ? `${row.end}T23:59:59Z` : null]] } }
        : {}),
    },
    links: [
      { href: `${base}/collections/${id}`, rel: 'self', type: JSON_TYPE },
      { href: `${base}/collections/${id}/items`, rel: 'items', type: GEOJSON, title: 'The items' },
    ],
  };
}

/** `datetime`: an instant or an interval (`a/b`, `../b`, `a/..`), as days (incidents are dated to the day). */
function parseDatetime(raw: string): { from?: string; to?: string } | string {
  const day = (s: string) => {
    const d = s.slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}($|T)/.test(s)) return null;
    return isoDateSchema.safeParse(d).success ? d : null;
  };
  const parts = raw.split('/');
  if (parts.length === 1) {
    const d = day(raw);
    return d ? { from: d, to: d } : 'expected an RFC 3339 date or date-time, or an interval a/b with ".." for an open end';
  }
  if (parts.length !== 2) return 'expected an interval of two ends';
  const [a = '', b = ''] = parts;
  const from = a === '..' || a === '' ? undefined : day(a);
  const to = b === '..' || b === '' ? undefined : day(b);
  if (from === null || to === null) return 'each end must be an RFC 3339 date or date-time, or ".."';
  if (from && to && from > to) return 'the interval ends before it starts';
  return { from, to };
}

const itemsQuery = z
  .object({
    limit: z
      .string()
      .regex(/^\d{1,9}$/, 'expected a whole number')
      .transform(Number)
      .pipe(z.number().min(1, 'at least 1'))
      .optional(),
    bbox: z.string().optional(),
    'bbox-crs': z.literal(CRS84, { error: `only ${CRS84} is offered` }).optional(),
    datetime: z.string().optional(),
    cursor: z.string().optional(),
    f: z.enum(['json', 'geojson']).optional(),
  })
  .strict();

export interface ItemsQuery {
  limit: number;
  bbox?: [number, number, number, number];
  from?: string;
  to?: string;
  cursor?: { date: string; id: string };
}

export function parseItemsQuery(
  sp: URLSearchParams,
  decodeCursor: (s: string) => { date: string; id: string } | null,
): { ok: true; value: ItemsQuery } | { ok: false; errors: InvalidParam[] } {
  const raw: Record<string, string> = {};
  const errors: InvalidParam[] = [];
  for (const k of new Set(sp.keys())) {
    const all = sp.getAll(k);
    if (all.length > 1) errors.push({ name: k || '(unnamed)', reason: 'given more than once' });
    raw[k] = all[0] ?? '';
  }
  const r = itemsQuery.safeParse(raw);
  if (!r.success) errors.push(...queryProblems(r.error.issues));
  if (errors.length || !r.success) return { ok: false, errors };
  const q: ItemsQuery = { limit: Math.min(r.data.limit ?? LIMIT_DEFAULT, LIMIT_MAX) };
  if (r.data.bbox !== undefined) {
    const n = r.data.bbox.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
    // four numbers, or six (with heights, which a map of the ground ignores)
    const box = n.length === 6 ? [n[0], n[1], n[3], n[4]] : n;
    const [w, s, e, nn] = box as number[];
    if (
      box.length !== 4 ||
      box.some((x) => !Number.isFinite(x)) ||
      w === undefined ||
      s === undefined ||
      e === undefined ||
      nn === undefined
    )
      errors.push({ name: 'bbox', reason: 'expected four numbers: west,south,east,north (CRS84)' });
    else if (w < -180 || e > 180 || s < -90 || nn > 90 || s > nn)
      errors.push({ name: 'bbox', reason: 'outside CRS84, or south above north' });
    // a box across the antimeridian (west > east) is not needed for this map: refused plainly
    else if (w > e) errors.push({ name: 'bbox', reason: 'a box crossing the antimeridian is not offered' });
    else q.bbox = [w, s, e, nn];
  }
  if (r.data.datetime !== undefined) {
    const d = parseDatetime(r.data.datetime);
    if (typeof d === 'string') errors.push({ name: 'datetime', reason: d });
    else Object.assign(q, d);
  }
  if (r.data.cursor !== undefined) {
    const c = decodeCursor(r.data.cursor);
    if (!c) errors.push({ name: 'cursor', reason: 'not a cursor this API issued' });
    else q.cursor = c;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: q };
}

function incidentItem(i: IncidentView) {
  return {
    type: 'Feature' as const,
    id: i.id,
    geometry: { type: 'Point' as const, coordinates: [i.lon, i.lat] as [number, number] },
    properties: {
      date: i.date,
      date_end: i.dateEnd,
      date_precision: i.datePrecision,
      event_type: i.eventType,
      sub_event_type: i.subEventType,
      place_id: i.place.id,
      place_name: i.place.name.en,
      geo_precision: i.geoPrecision,
      title_en: i.title.en,
      title_fr: i.title.fr,
      killed_low: i.casualties.killed?.low ?? null,
      killed_high: i.casualties.killed?.high ?? null,
      wounded_low: i.casualties.wounded?.low ?? null,
      wounded_high: i.casualties.wounded?.high ?? null,
      contested: i.contested.join(';'),
      claim_count: i.claims.length,
      claimants: [...new Set(i.claims.map((c) => c.claimant))].join(';'),
    },
  };
}

interface PlaceRow {
  id: string;
  name_en: string;
  name_fr: string;
  name_ar: string;
  kind: string;
  admin1: string;
  admin2: string | null;
  geonames_id: number | null;
  lon: number;
  lat: number;
}
const placeItem = (p: PlaceRow) => ({
  type: 'Feature' as const,
  id: p.id,
  geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as [number, number] },
  properties: {
    name_en: p.name_en,
    name_fr: p.name_fr,
    name_ar: p.name_ar,
    kind: p.kind,
    admin1: p.admin1,
    admin2: p.admin2,
    geonames_id: p.geonames_id,
  },
});

const PLACE_COLUMNS = 'id, name_en, name_fr, name_ar, kind, admin1, admin2, geonames_id, lon, lat';

export async function items(db: Q, base: string, id: CollectionId, q: ItemsQuery, search: URLSearchParams) {
  let features: ReturnType<typeof incidentItem>[] | ReturnType<typeof placeItem>[];
  let next: string | null = null;
  if (id === 'incidents') {
    const page = await listIncidents(db, { limit: q.limit, bbox: q.bbox, from: q.from, to: q.to, cursor: q.cursor });
    features = page.incidents.map(incidentItem);
    next = page.nextCursor ? encodeCursor(page.nextCursor) : null;
  } else {
    // places are ordered by id; the cursor carries the last one's id
    const params: unknown[] = [q.limit + 1];
    const where: string[] = [];
    if (q.bbox) {
      params.push(...q.bbox);
      where.push('lon BETWEEN $2 AND $4 AND lat BETWEEN $3 AND $5');
    }
    if (q.cursor) {
      params.push(q.cursor.id);
      where.push(`id > $${params.length}`);
    }
    const rows = await db.query<PlaceRow>(
      `SELECT ${PLACE_COLUMNS} FROM places ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $1`,
      params,
    );
    const page = rows.slice(0, q.limit);
    features = page.map(placeItem);
    const last = page.at(-1);
    next = rows.length > q.limit && last ? encodeCursor({ date: '2000-01-01', id: last.id }) : null;
  }
  const self = new URLSearchParams(search);
  const links = [
    { href: `${base}/collections/${id}/items${self.size ? `?${self}` : ''}`, rel: 'self', type: GEOJSON },
    { href: `${base}/collections/${id}`, rel: 'collection', type: JSON_TYPE },
  ];
  if (next) {
    const more = new URLSearchParams(search);
    more.set('cursor', next);
    links.push({ href: `${base}/collections/${id}/items?${more}`, rel: 'next', type: GEOJSON });
  }
  return { type: 'FeatureCollection', timeStamp: new Date().toISOString(), numberReturned: features.length, features, links };
}

export async function item(db: Q, base: string, id: CollectionId, featureId: string) {
  if (!idSchema.safeParse(featureId).success) return null;
  const link = (f: object) => ({
    ...f,
    links: [
      { href: `${base}/collections/${id}/items/${featureId}`, rel: 'self', type: GEOJSON },
      { href: `${base}/collections/${id}`, rel: 'collection', type: JSON_TYPE },
    ],
  });
  if (id === 'incidents') {
    const found = await getIncident(db, featureId);
    return found ? link(incidentItem(found)) : null;
  }
  const [p] = await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM places WHERE id = $1`, [featureId]);
  return p ? link(placeItem(p)) : null;
}

/** The API definition (OpenAPI 3.0), as Core's `oas30` class asks: every path and its parameters. */
export function openapi(base: string) {
  const collectionId = { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: [...COLLECTIONS] } };
  const ok = (description: string, type = JSON_TYPE) => ({ 200: { description, content: { [type]: { schema: { type: 'object' } } } } });
  return {
    openapi: '3.0.3',
    info: { title: 'Conflict incident map — OGC API – Features', version: '1.0.0' },
    servers: [{ url: base }],
    paths: {
      '/': { get: { summary: 'Landing page', responses: ok('The landing page') } },
      '/api': { get: { summary: 'This API definition', responses: ok('The definition', 'application/vnd.oai.openapi+json;version=3.0') } },
      '/conformance': { get: { summary: 'Conformance classes', responses: ok('The classes') } },
      '/collections': { get: { summary: 'The collections', responses: ok('The collections') } },
      '/collections/{collectionId}': { get: { summary: 'A collection', parameters: [collectionId], responses: ok('The collection') } },
      '/collections/{collectionId}/items': {
        get: {
          summary: 'The features of a collection',
          parameters: [
            collectionId,
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT } },
            {
              name: 'bbox',
              in: 'query',
              style: 'form',
              explode: false,
              schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
            },
            { name: 'datetime', in: 'query', schema: { type: 'string' } },
            { name: 'cursor', in: 'query', description: 'Set by the server in the "next" link.', schema: { type: 'string' } },
          ],
          responses: ok('A page of features', GEOJSON),
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          summary: 'One feature',
          parameters: [collectionId, { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { ...ok('The feature', GEOJSON), 404: { description: 'No such feature' } },
        },
      },
    },
  };
}
