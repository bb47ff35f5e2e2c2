/**
 * The last still image drawn of each published view, kept so that a page that cannot reach the
 * store still shows the reader the map as it was (with a note saying so). Bounded by bytes.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';

const KEY = Symbol.for('conflict-map.last-still');
type Holder = { [KEY]?: LRUCache<string, string> };
function kept(): LRUCache<string, string> {
  const g = globalThis as Holder;
  g[KEY] ??= new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (svg) => Math.max(1, svg.length) });
  return g[KEY];
}

export function rememberStill(viewId: string, svg: string): void {
  kept().set(viewId, svg);
}

export function lastStill(viewId: string): string | null {
  return kept().get(viewId) ?? null;
}
