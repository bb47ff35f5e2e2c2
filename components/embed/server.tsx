/**
 * The embed island's server entry, bundled by scripts/build-embed.ts for Node (where React is
 * aliased to Preact's compatibility layer, as in the browser, so markup and hydration agree):
 * the embed's markup, which the browser entry hydrates.
 */
import { renderToString } from 'react-dom/server';
import type { EmbedMapProps } from '@/lib/embed/types';
import EmbedMap from './EmbedMap';

export function renderEmbedMarkup(props: EmbedMapProps): string {
  return renderToString(<EmbedMap {...props} />);
}
