/**
 * The embed code an editor pastes: an iframe that works alone at a sensible height, plus a
 * tiny script that resizes it to its content (see public/embed.js and the README's protocol).
 * Every value is escaped for HTML attributes.
 */
import { escapeHtml } from '../html';

export const DEFAULT_EMBED_HEIGHT = 640;

export interface EmbedCodeOptions {
  origin: string;
  viewId: string;
  title: string;
  width?: number | null;
  height?: number;
}

export function embedCode({ origin, viewId, title, width = null, height = DEFAULT_EMBED_HEIGHT }: EmbedCodeOptions): string {
  const src = `${origin}/embed/${encodeURIComponent(viewId)}`;
  const w = width ? `${width}` : '100%';
  return [
    `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" data-conflict-map width="${w}" height="${height}" style="border:0;width:${width ? `${width}px` : '100%'};max-width:100%" loading="lazy"></iframe>`,
    `<script async src="${escapeHtml(`${origin}/embed.js`)}"></script>`,
    `<noscript><img src="${escapeHtml(`${origin}/api/views/${encodeURIComponent(viewId)}/static.svg`)}" alt="${escapeHtml(title)}" width="800" height="520" style="max-width:100%;height:auto"></noscript>`,
  ].join('\n');
}
