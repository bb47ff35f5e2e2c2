/**
 * Rendered pages kept in memory, by what they were rendered from. An embed page is the same for
 * every reader of one view until the store changes, so its key holds the store's version
 * (lib/db/version.ts) with the view and the request's options: a write to the store makes new
 * keys, and the old pages age out. Bounded by bytes, least recently used out first.
 */
import { LRUCache } from 'lru-cache';
import { prepareBody, type PreparedBody } from './api/respond';

const MAX_BYTES = 32 * 1024 * 1024;

// one cache per process (Next bundles each route apart: a module-level one would be one per route)
const KEY = Symbol.for('conflict-map.page-cache');
type Holder = { [KEY]?: LRUCache<string, PreparedBody> };
function pages(): LRUCache<string, PreparedBody> {
  const g = globalThis as Holder;
  // each page counted as its bytes plus its gzipped copy (about a fifth of them)
  return (g[KEY] ??= new LRUCache<string, PreparedBody>({ maxSize: MAX_BYTES, sizeCalculation: (b) => Math.ceil(b.bytes.byteLength * 1.25) }));
}

/**
 * The page for `key`, rendered by `render` when it is not in memory. `render` returns null for a
 * page that must not be kept (not found, invalid): it is rendered again on each request.
 */
export async function cachedPage(key: string, render: () => Promise<string | null>): Promise<{ body: PreparedBody; cached: boolean } | null> {
  const hit = pages().get(key);
  if (hit) return { body: hit, cached: true };
  const html = await render();
  if (html === null) return null;
  const body = prepareBody(html, { etag: true });
  pages().set(key, body);
  return { body, cached: false };
}
