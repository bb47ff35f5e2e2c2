import 'server-only';
import { parseId } from '../api/params';
import { badRequest, notFound, serverError } from '../api/problem';
import { cachedJson } from '../api/prepared';
import { originVary, publicOrigin } from '../api/origin';
import { getDb } from '../db';
import type { Db } from '../db/store';
import { COLLECTIONS, type CollectionId, CONFORMANCE, collection, item, items, landing, openapi, parseItemsQuery } from './features';

/** Where the OGC API lives, as readers reach us. */
const baseOf = (req: Request) => `${publicOrigin(req)}/ogc`;
const GEOJSON = 'application/geo+json';

function decodeCursor(s: string): { date: string; id: string } | null {
  try {
    const [date, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    return typeof date === 'string' && typeof id === 'string' && parseId(id).ok && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date, id } : null;
  } catch {
    return null;
  }
}

function collectionOf(raw: string): CollectionId | null {
  return (COLLECTIONS as readonly string[]).includes(raw) ? (raw as CollectionId) : null;
}

/** Answers one OGC API request: JSON documents carry links made from our own origin. */
export async function ogcResponse(
  req: Request,
  route: 'landing' | 'api' | 'conformance' | 'collections' | 'collection' | 'items' | 'item',
  params: { collectionId?: string; featureId?: string } = {},
): Promise<Response> {
  const base = baseOf(req);
  const headers = originVary();
  const json = (body: unknown, contentType = 'application/json') => cachedJson(req, body, { contentType, headers });
  if (route === 'landing') return json(landing(base));
  if (route === 'api') return json(openapi(base), 'application/vnd.oai.openapi+json;version=3.0');
  if (route === 'conformance') return json({ conformsTo: CONFORMANCE });
  const withDb = async (fn: (db: Db) => Promise<Response>) => {
    try {
      return await fn(await getDb());
    } catch (err) {
      return serverError(err);
    }
  };
  if (route === 'collections') {
    return withDb(async (db) =>
      json({
        links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json' }],
        collections: await Promise.all(COLLECTIONS.map((c) => collection(db, base, c))),
      }),
    );
  }
  const id = collectionOf(params.collectionId ?? '');
  if (!id) return notFound('Collection', params.collectionId ?? '');
  if (route === 'collection') return withDb(async (db) => json(await collection(db, base, id)));
  if (route === 'items') {
    const q = parseItemsQuery(new URL(req.url).searchParams, decodeCursor);
    if (!q.ok) return badRequest(q.errors);
    return withDb(async (db) => json(await items(db, base, id, q.value, new URL(req.url).searchParams), GEOJSON));
  }
  return withDb(async (db) => {
    const f = await item(db, base, id, params.featureId ?? '');
    return f ? json(f, GEOJSON) : notFound('Feature', params.featureId ?? '');
  });
}
