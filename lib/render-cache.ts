/**
 * Rendered pages, images and API answers kept in memory, by what they were rendered from. An
 * embed page, a view's still image or the incidents in a box is the same for every reader until
 * the store changes, so its key holds
 * the store's version (lib/db/version.ts) with the view and the request's options: a write to
 * the store makes new keys, and the old renders age out. Bounded by bytes, least recently used
 * out first.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import { prepareBody, type PreparedBody } from './api/prepared';

const MAX_BYTES = 96 * 1024 * 1024;

// one cache per process (Next bundles each route apart: a module-level one would be one per route)
const KEY = Symbol.for('conflict-map.render-cache');
const INFLIGHT = Symbol.for('conflict-map.render-inflight');
type Holder = { [KEY]?: LRUCache<string, PreparedBody>; [INFLIGHT]?: Map<string, Promise<PreparedBody | null>> };
function renders(): LRUCache<string, PreparedBody> {
  const g = globalThis as Holder;
  // each counted as its bytes plus, for text, its gzipped copy (about a fifth of them)
  g[KEY] ??= new LRUCache<string, PreparedBody>({
    maxSize: MAX_BYTES,
    sizeCalculation: (b) => Math.ceil(b.bytes.byteLength * (b.compressible ? 1.25 : 1)),
  });
  return g[KEY];
}

export interface Rendered {
  body: PreparedBody;
  /** kept from an earlier request, not rendered for this one */
  cached: boolean;
}

/**
 * The render kept under `key`, or made by `render` when there is none. `render` returns null for
 * something that must not be kept (not found): it is asked again on each request. Text is
 * compressible (HTML, SVG), bytes are not (PNG).
 */
export async function cachedRender(
  key: string,
  render: () => Promise<string | Uint8Array | null>,
  { compressible }: { compressible?: boolean } = {},
): Promise<Rendered | null> {
  const hit = renders().get(key);
  if (hit) return { body: hit, cached: true };
  // the same render asked for twice at once is made once
  const g = globalThis as Holder;
  g[INFLIGHT] ??= new Map();
  const inflight = g[INFLIGHT];
  let pending = inflight.get(key);
  if (!pending) {
    pending = render()
      .then(async (made) => {
        if (made === null) return null;
        const body = prepareBody(made, { etag: true, compressible: compressible ?? typeof made === 'string' });
        // compressed once, off the request thread: every later reader is sent these bytes as they are
        await body.prepareGzip();
        renders().set(key, body);
        return body;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const body = await pending;
  return body && { body, cached: false };
}

/** Whether a render is kept under `key` (or being made). */
export function isCached(key: string): boolean {
  const g = globalThis as Holder;
  return renders().has(key) || Boolean(g[INFLIGHT]?.has(key));
}

/** Says, in a response header, whether the render was kept from an earlier request. */
export const renderCacheHeader = (r: Rendered) => ({ 'x-render-cache': r.cached ? 'hit' : 'miss' });
