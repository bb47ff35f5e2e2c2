/** Element ids shared by the embed page's server template and its browser entry. */
export const EMBED_ROOT_ID = 'embed-root';
export const EMBED_PROPS_ID = 'embed-props';
/** The <meta> naming MapLibre's worker script, read by the page's first script (components/embed/worker-early.ts). */
export const WORKER_META = 'maplibre-worker';
