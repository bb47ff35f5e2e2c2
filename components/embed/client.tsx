/**
 * The embed island's browser entry (bundled by scripts/build-embed.ts, no Next.js runtime, React
 * aliased to Preact's compatibility layer): hydrate the server-rendered embed with the props the
 * page carries as JSON. The map is made first, once MapLibre's worker has been asked for and its script
 * has come (./boot); the page hydrates once the map has drawn its first frame.
 */
// first: evaluated before React and the components, it asks for MapLibre's worker (see ./boot)
import { fetched, props, root, workerUrl } from './boot';
import { hydrateRoot } from 'react-dom/client';
import { translator } from '@/lib/i18n/messages';
import EmbedMap, { embedIsDark, embedMapStart } from './EmbedMap';
import { startMapEarly } from '../map-create';

/** The longest the map waits for MapLibre's worker script, ms. */
const WORKER_WAIT = 400;

/** The longest the page waits for the map's first frame before it hydrates. */
const HYDRATE_BY = 2500;

const hydrate = () => {
  hydrateRoot(root, <EmbedMap {...props} />, {
    onRecoverableError: (error) => console.warn('embed: hydration recovered', error),
  });
  performance.mark('embed:hydrated');
};
// the map starts on its server-rendered element before the page hydrates; the component adopts it
// (the incidents are the same array: EmbedMap wraps props.incidents as here)
const mapElement = root.querySelector<HTMLElement>('[data-testid=map]');
if (mapElement)
  fetched(workerUrl, WORKER_WAIT).then(() => {
    performance.mark('embed:worker-fetched');
    let map: ReturnType<typeof startMapEarly>;
    try {
      const dark = embedIsDark(props.spec.theme, window.matchMedia('(prefers-color-scheme: dark)').matches);
      map = startMapEarly(
        mapElement,
        embedMapStart(props, dark, { type: 'FeatureCollection', features: props.incidents }, translator(props.lang)),
      );
    } catch (error) {
      // no map here (no WebGL, say): the page comes alive all the same
      console.warn('embed: the map could not start', error);
      return hydrate();
    }
    performance.mark('embed:map-created');
    // the page comes alive once the map has drawn its first frame: the server-rendered title, key and
    // table are already there to read, and on two cores hydrating beside the map's start delayed its
    // first incidents (bench:embed). Not later than HYDRATE_BY ms, whatever the map does.
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      setTimeout(hydrate, 0);
    };
    map.once('load', once);
    map.once('error', once);
    setTimeout(once, HYDRATE_BY);
  });
else hydrate();
