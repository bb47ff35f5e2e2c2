/**
 * The embed island's browser entry (bundled by scripts/build-embed.ts, no Next.js runtime, React
 * aliased to Preact's compatibility layer): hydrate the server-rendered embed with the props the
 * page carries as JSON. (MapLibre's worker is not started early with prewarm(): on two cores its
 * start competed with hydration, and the map appeared later; measured with bench:embed.)
 */
import { hydrateRoot } from 'react-dom/client';
import EmbedMap, { type EmbedMapProps } from '../EmbedMap';
import { EMBED_PROPS_ID, EMBED_ROOT_ID } from './ids';

const root = document.getElementById(EMBED_ROOT_ID);
const data = document.getElementById(EMBED_PROPS_ID);
if (!root || !data?.textContent) throw new Error('embed: the page lacks its root or its data');
const props = JSON.parse(data.textContent) as EmbedMapProps;

hydrateRoot(root, <EmbedMap {...props} />, {
  onRecoverableError: (error) => console.warn('embed: hydration recovered', error),
});
