/**
 * Answers served before the framework. Under a crowd (two hundred readers of one article), most
 * requests ask what was just answered: the same incidents for the same box, the same embed page,
 * the same script. Once a route has answered such a request with bytes kept in memory, it leaves
 * the answer here under the request's host and address, with a check that it is still current
 * (the store's version), and the server (server.mjs) answers the next identical request from
 * here before Next.js sees it: no routing, no proxy, nothing rendered, the gzip already made.
 * ETags, 304s and gzip are negotiated as the route would (lib/api/prepared preparedAnswer); the
 * headers are the route's own, its security headers included (a test compares the two).
 *
 * Only public answers are left here, and only requests that carry no credentials (no cookie, no
 * Authorization) are served from here: an editor's request always reaches the route.
 */
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { type Answer, type PreparedBody, type PreparedOptions, preparedAnswer } from './api/prepared';
import { trustsProxy } from './api/origin';
import { securityHeadersNow } from './api/security-headers';

interface Entry {
  body: PreparedBody;
  options: PreparedOptions;
  /** whether the answer is still what the route would give */
  current: () => boolean | Promise<boolean>;
}

/** The header an answer given from here carries ("front"); a route's answer has none. */
export const SERVED_BY = 'x-served-by';

const MAX_BYTES = 64 * 1024 * 1024;
const KEY = Symbol.for('conflict-map.front');
/** A refusal decided before any route: an answer for a request at `pathname`, or null to let it through. */
export type Gate = (pathname: string) => Answer | null;
type Front = {
  entries: LRUCache<string, Entry>;
  gates: Map<string, Gate>;
  serve: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
};
type Holder = { [KEY]?: Front };

/**
 * The host and the address, its query written one way: parameters in order of name (the same
 * question asked in another order is the same answer), encoded alike (Next.js hands routes the
 * query re-encoded: `,` as `%2C`).
 */
const keyOf = (header: (name: string) => string | null | undefined, url: URL) => {
  const params = new URLSearchParams(url.searchParams);
  params.sort();
  const query = params.toString();
  // the origin a page's links are made from (lib/api/origin.ts): behind a proxy of ours, the one it forwards
  const via = trustsProxy() ? ` ${header('x-forwarded-host') ?? ''} ${header('x-forwarded-proto') ?? ''}` : '';
  return `${header('host') ?? ''}${via} ${url.pathname}${query ? `?${query}` : ''}`;
};

function front(): Front {
  const g = globalThis as Holder;
  g[KEY] ??= {
    entries: new LRUCache<string, Entry>({
      maxSize: MAX_BYTES,
      sizeCalculation: (e) => Math.ceil(e.body.bytes.byteLength * (e.body.compressible ? 1.25 : 1)),
    }),
    gates: new Map(),
    serve,
  };
  return g[KEY];
}

/**
 * Leaves a route's public answer to `req` for the server to give again, while `current()` holds.
 * The answer's headers are completed with the security headers the proxy adds to the route's.
 */
export function leaveAnswer(req: Request, body: PreparedBody, options: PreparedOptions, current: Entry['current']): void {
  const url = new URL(req.url);
  front().entries.set(
    keyOf((name) => req.headers.get(name), url),
    {
      body,
      options: { ...options, headers: { ...securityHeadersNow(url.pathname), ...options.headers, 'x-render-cache': 'hit' } },
      current,
    },
  );
}

/**
 * Sets, under `name`, a gate every GET without credentials passes before reaching a route (after
 * the answers left here): a refusal it can decide from the address alone, cheaply (a busy
 * worker), is answered without the cost of a route. The headers are completed as the proxy would.
 */
export function setGate(name: string, gate: Gate): void {
  front().gates.set(name, gate);
}

/** Node's request and response: the answer left for this request, when there is one and it is current. */
async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' || req.headers.cookie || req.headers.authorization || !req.url) return false;
  const { entries, gates } = front();
  let url: URL;
  try {
    url = new URL(req.url, 'http://front');
  } catch {
    return false;
  }
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : (v ?? null);
  };
  const key = keyOf(header, url);
  const entry = entries.get(key);
  if (!entry) {
    for (const gate of gates.values()) {
      const refused = gate(url.pathname);
      if (refused) {
        res.writeHead(refused.status, { ...securityHeadersNow(url.pathname), ...refused.headers, [SERVED_BY]: 'front' });
        res.end(refused.body);
        return true;
      }
    }
    return false;
  }
  let current: boolean;
  try {
    current = await entry.current();
  } catch {
    // the route will say what is wrong
    current = false;
  }
  if (!current) {
    if (entries.get(key) === entry) entries.delete(key);
    return false;
  }
  const a = preparedAnswer(header, entry.body, entry.options);
  res.writeHead(a.status, { ...a.headers, ...(a.body ? { 'content-length': String(a.body.byteLength) } : {}), [SERVED_BY]: 'front' });
  res.end(a.body);
  return true;
}

// the server finds it here once any route has loaded this module
front();
