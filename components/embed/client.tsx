/**
 * The embed island's browser entry (bundled by scripts/build-embed.ts, no Next.js runtime, React
 * aliased to Preact's compatibility layer): hydrate the server-rendered embed with the props the
 * page carries as JSON.
 */
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import { hydrateRoot } from 'react-dom/client';
import EmbedMap, { type EmbedMapProps } from '../EmbedMap';
import { MAPLIBRE_WORKER_PATH } from '../IncidentMap';
import { EMBED_PROPS_ID, EMBED_ROOT_ID } from './ids';

const root = document.getElementById(EMBED_ROOT_ID);
const data = document.getElementById(EMBED_PROPS_ID);
if (!root || !data?.textContent) throw new Error('embed: the page lacks its root or its data');
const props = JSON.parse(data.textContent) as EmbedMapProps;

// start MapLibre's worker now: it loads while the page hydrates
setWorkerUrl(new URL(props.workerUrl ?? MAPLIBRE_WORKER_PATH, window.location.origin).href);
prewarm();

hydrateRoot(root, <EmbedMap {...props} />, {
  onRecoverableError: (error) => console.warn('embed: hydration recovered', error),
});
