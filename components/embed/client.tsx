/**
 * The embed island's browser entry (bundled by scripts/build-embed.ts, no Next.js runtime, React
 * aliased to Preact's compatibility layer): hydrate the server-rendered embed with the props the
 * page carries as JSON. (MapLibre's worker is not started early with prewarm(): on two cores its
 * start competed with hydration, and the map appeared later; measured with bench:embed.)
 */
import { hydrateRoot } from 'react-dom/client';
import { translator } from '@/lib/i18n/messages';
import type { EmbedMapProps } from '@/lib/embed/types';
import EmbedMap, { embedIsDark, embedMapStart } from '../EmbedMap';
import { startMapEarly } from '../IncidentMap';
import { EMBED_PROPS_ID, EMBED_ROOT_ID } from '@/lib/embed/ids';

// User Timing marks: bench:embed (BENCH_TRACE=1) and browsers' performance panels show them
performance.mark('embed:start');
const root = document.getElementById(EMBED_ROOT_ID);
const data = document.getElementById(EMBED_PROPS_ID);
if (!root || !data?.textContent) throw new Error('embed: the page lacks its root or its data');
const props = JSON.parse(data.textContent) as EmbedMapProps;

// the map starts now, on its server-rendered element, and loads while the page hydrates; the
// component adopts it (the incidents are the same array: EmbedMap wraps props.incidents as here)
const mapElement = root.querySelector<HTMLElement>('[data-testid=map]');
if (mapElement) {
  const dark = embedIsDark(props.spec.theme, window.matchMedia('(prefers-color-scheme: dark)').matches);
  startMapEarly(mapElement, embedMapStart(props, dark, { type: 'FeatureCollection', features: props.incidents }, translator(props.lang)));
  performance.mark('embed:map-created');
}

hydrateRoot(root, <EmbedMap {...props} />, {
  onRecoverableError: (error) => console.warn('embed: hydration recovered', error),
});
performance.mark('embed:hydrated');
