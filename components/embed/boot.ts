/**
 * The embed island's first module (imported first by ./client, so evaluated right after MapLibre
 * and before React and the components): reads the page's props and asks for MapLibre's worker.
 *
 * Chromium starts a worker's thread from a task on the page's thread once the worker's script has
 * begun to arrive. Asked for when the map is made, just before the map's first work (style, layout,
 * shaders: a second of long tasks on two cores), the worker started only after that work, holding
 * back the incidents it prepares (bench:embed, BENCH_TRACE=1). Asked for here, its script loads
 * while the rest of the island is evaluated; ./client makes the map once it has come.
 */
import * as maplibregl from 'maplibre-gl';
import { EMBED_PROPS_ID, EMBED_ROOT_ID } from '@/lib/embed/ids';
import type { EmbedMapProps } from '@/lib/embed/types';

// User Timing marks: bench:embed (BENCH_TRACE=1) and browsers' performance panels show them
performance.mark('embed:start');
const found = document.getElementById(EMBED_ROOT_ID);
const data = document.getElementById(EMBED_PROPS_ID);
if (!found || !data?.textContent) throw new Error('embed: the page lacks its root or its data');
export const root: HTMLElement = found;
export const props = JSON.parse(data.textContent) as EmbedMapProps;

/** MapLibre's worker script, absolute (as MapLibre asks for it, and as its resource timing entry is named). */
export const workerUrl = new URL(props.workerUrl ?? '', window.location.origin).href;
maplibregl.setWorkerUrl(workerUrl);
maplibregl.prewarm();
performance.mark('embed:worker-asked');

/** Resolves once `url` has been fetched (a resource timing entry exists), or after `maxMs`. */
export function fetched(url: string, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const seen = () => performance.getEntriesByName(url).length > 0;
    if (seen()) return resolve();
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new PerformanceObserver(() => seen() && done());
    observer.observe({ type: 'resource' });
    const timer = setTimeout(done, maxMs);
  });
}
