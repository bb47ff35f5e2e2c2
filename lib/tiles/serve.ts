/**
 * The tile routes: GET /api/tiles/{z}/{x}/{y}.mvt (the same filters as /api/incidents) and
 * GET /api/tiles.json (TileJSON 3.0.0 whose tile URL carries the store's version, so a tile
 * is cached for good under its URL and a write to the store makes new URLs).
 * Tiles are kept in memory by store version, tile and filter (lib/render-cache.ts).
 */
import 'server-only';
import { getDb } from '../db';
import type { IncidentFilter } from '../db/incident-filter';
import { storeVersion } from '../db/version';
import { publicOrigin, originVary } from '../api/origin';
import { parseIncidentQuery } from '../api/params';
import { badRequest, serverError } from '../api/problem';
import { cachedJson, preparedResponse } from '../api/prepared';
import { cachedRender, renderCacheHeader } from '../render-cache';
import { EVENT_TYPE_IDS } from '../domain/taxonomy';
import { type TileFilter, tileContent } from './clusters';
import { encodeTile } from './mvt';
import { CLUSTER_LAYER, INCIDENT_LAYER, MAX_ZOOM, POINT_ZOOM, typeKey } from './schema';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/** The filter of a tile request: what /api/incidents accepts, less what only lists have. */
function tileFilter(sp: URLSearchParams): { ok: true; value: TileFilter } | { ok: false; response: Response } {
  const parsed = parseIncidentQuery(sp);
  if (!parsed.ok) return { ok: false, response: badRequest(parsed.errors) };
  const listOnly = ['bbox', 'limit', 'cursor', 'order'].filter((k) => sp.has(k));
  if (listOnly.length) {
    return {
      ok: false,
      response: badRequest(
        listOnly.map((name) => ({ name, reason: 'a tile has its own box and holds every match: not a tile parameter' })),
      ),
    };
  }
  const { limit: _l, cursor: _c, order: _o, bbox: _b, ...f } = parsed.value as IncidentFilter;
  return { ok: true, value: f };
}

/** The filter written back as a query string, in one order (cache keys and tile URLs). */
export function filterSearch(f: TileFilter): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.from) sp.set('from', f.from);
  if (f.to) sp.set('to', f.to);
  if (f.types?.length) sp.set('type', [...f.types].sort().join(','));
  for (const [k, v] of [
    ['actor', f.actors],
    ['place', f.places],
    ['source', f.sources],
  ] as const) {
    if (v?.length) sp.set(k, [...v].sort().join(','));
  }
  if (f.q) sp.set('q', f.q);
  return sp;
}

function tileCoords(z: string, x: string, yFile: string): { z: number; x: number; y: number } | null {
  const m = /^(\d{1,2})$/.exec(z);
  const n = /^(\d{1,6})$/.exec(x);
  const k = /^(\d{1,6})\.mvt$/.exec(yFile);
  if (!m || !n || !k) return null;
  const zoom = Number(m[1]);
  const tx = Number(n[1]);
  const ty = Number(k[1]);
  if (zoom > MAX_ZOOM || tx >= 2 ** zoom || ty >= 2 ** zoom) return null;
  return { z: zoom, x: tx, y: ty };
}

export async function tileResponse(req: Request, params: { z: string; x: string; y: string }): Promise<Response> {
  const coords = tileCoords(params.z, params.x, params.y);
  if (!coords) {
    return badRequest([{ name: 'tile', reason: `expected /api/tiles/{z}/{x}/{y}.mvt with z from 0 to ${MAX_ZOOM} and x, y below 2^z` }]);
  }
  const sp = new URL(req.url).searchParams;
  const version = sp.get('v');
  sp.delete('v');
  const filter = tileFilter(sp);
  if (!filter.ok) return filter.response;
  try {
    const db = await getDb();
    const current = await storeVersion(db);
    const { z, x, y } = coords;
    const key = JSON.stringify(['tile', current, z, x, y, filterSearch(filter.value).toString()]);
    // vector tiles gzip to about half
    const rendered = await cachedRender(key, async () => encodeTile(await tileContent(db, z, x, y, filter.value)), { compressible: true });
    if (!rendered) throw new Error('a tile always renders');
    // a URL naming the current version never changes; any other is checked again soon
    const cache = version === current ? 'public, max-age=31536000, immutable' : 'public, max-age=30, stale-while-revalidate=300';
    return preparedResponse(req, rendered.body, {
      contentType: MVT_TYPE,
      headers: { 'cache-control': cache, 'x-store-version': current, ...renderCacheHeader(rendered) },
    });
  } catch (err) {
    return serverError(err);
  }
}

export async function tileJsonResponse(req: Request): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const filter = tileFilter(sp);
  if (!filter.ok) return filter.response;
  try {
    const version = await storeVersion(await getDb());
    const query = filterSearch(filter.value);
    query.set('v', version);
    const typeFields = Object.fromEntries(EVENT_TYPE_IDS.map((t) => [typeKey(t), `incidents of type ${t} in the group`]));
    return cachedJson(
      req,
      {
        tilejson: '3.0.0',
        name: 'Incidents',
        description:
          'Incidents as clusters (zoomed out) or single points. Deaths are net: a toll line counted in another incident is counted there only.',
        version: '1.0.0',
        scheme: 'xyz',
        tiles: [`${publicOrigin(req)}/api/tiles/{z}/{x}/{y}.mvt?${query.toString()}`],
        minzoom: 0,
        maxzoom: MAX_ZOOM,
        bounds: [-180, -85.0511, 180, 85.0511],
        vector_layers: [
          {
            id: CLUSTER_LAYER,
            description: `Below zoom ${POINT_ZOOM}: one point a group, at the centroid of its incidents; groups are merged where their discs would overlap`,
            minzoom: 0,
            maxzoom: MAX_ZOOM,
            fields: {
              count: 'incidents in the group',
              killed: 'net deaths, highest claimed sum (0 when none given): what the disc is sized by',
              geoPrecision: 'always 1 for a group of the tiles',
              highlighted: 'always false in tiles',
              killed_low: 'net deaths, lowest claimed sum (absent: no figure given)',
              killed_high: 'net deaths, highest claimed sum (absent: no figure given)',
              contested: 'whether the claims of any of its incidents disagree',
              ...typeFields,
            },
          },
          {
            id: INCIDENT_LAYER,
            description: `From zoom ${POINT_ZOOM}: one point an incident; details at /api/incidents/{id}`,
            minzoom: POINT_ZOOM,
            maxzoom: MAX_ZOOM,
            fields: {
              id: 'incident id',
              eventType: 'event type',
              geoPrecision: '1 exact, 2 near, 3 province only',
              killedMax: 'highest claimed toll (0 when unknown)',
              r: 'the radius it is drawn with, in pixels',
              highlighted: 'always false in tiles',
              contested: 'whether its claims disagree',
              date: 'first day (ISO 8601)',
            },
          },
        ],
      },
      { headers: originVary() },
    );
  } catch (err) {
    return serverError(err);
  }
}
