/**
 * The embed's HTML document. /embed pages are an island: the server renders the embed's React
 * components (build/embed/server.mjs) and the page loads one small bundle that hydrates them,
 * without the Next.js client runtime an article's reader would otherwise download first.
 */
import 'server-only';
import type { EmbedMapProps } from './types';
import { EMBED_PROPS_ID, EMBED_ROOT_ID, WORKER_META } from '@/lib/embed/ids';
import { bodyResponse, preparedResponse } from '@/lib/api/prepared';
import { escapeHtml } from '@/lib/html';
import { loadIsland } from '@/lib/embed/island';
import { dirOf, type Lang } from '@/lib/i18n/messages';
import { renderCacheHeader, type Rendered } from '@/lib/render-cache';

export interface EmbedHead {
  title: string;
  /** oEmbed discovery and social cards, for saved views */
  oembedUrl?: string;
  cardImage?: string;
}

/** JSON inside <script>: nothing in it may close the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface Preloads {
  /** modules the script imports */
  modules?: string[];
  /** the first script, run as soon as it comes, and the worker it starts */
  early?: { script: string; worker: string };
}

function document(
  lang: Lang,
  head: EmbedHead,
  body: string,
  style: string | null,
  script: string | null,
  { modules = [], early }: Preloads = {},
): string {
  const e = escapeHtml;
  const meta = [
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${e(head.title)}</title>`,
    `<meta name="robots" content="noindex">`,
    early ? `<meta name="${WORKER_META}" content="${e(early.worker)}"><script type="module" async src="${e(early.script)}"></script>` : '',
    style ? `<link rel="stylesheet" href="${e(style)}">` : '',
    ...modules.map((m) => `<link rel="modulepreload" href="${e(m)}">`),
    script ? `<script type="module" src="${e(script)}"></script>` : '',
    head.oembedUrl ? `<link rel="alternate" type="application/json+oembed" href="${e(head.oembedUrl)}" title="${e(head.title)}">` : '',
    `<meta property="og:title" content="${e(head.title)}">`,
    head.cardImage
      ? [
          `<meta property="og:image" content="${e(head.cardImage)}">`,
          `<meta property="og:image:width" content="1200">`,
          `<meta property="og:image:height" content="630">`,
          `<meta name="twitter:card" content="summary_large_image">`,
          `<meta name="twitter:image" content="${e(head.cardImage)}">`,
        ].join('')
      : '',
    `<link rel="icon" href="/icon.svg" type="image/svg+xml">`,
  ].join('');
  return `<!DOCTYPE html><html lang="${lang}"><head>${meta}</head><body dir="${dirOf(lang)}" class="bg-white font-sans text-slate-900 antialiased">${body}</body></html>`;
}

/** The embed page: server-rendered markup, its props as JSON for hydration, and the island's two files. */
export async function embedPage(given: Omit<EmbedMapProps, 'workerUrl'>, head: EmbedHead): Promise<string> {
  const { script, early, style, worker, maplibre, renderEmbedMarkup } = await loadIsland();
  const props: EmbedMapProps = { ...given, workerUrl: worker };
  const body = `<div id="${EMBED_ROOT_ID}">${renderEmbedMarkup(props)}</div><script type="application/json" id="${EMBED_PROPS_ID}">${scriptJson(props)}</script>`;
  // the label fonts are not preloaded: fetched beside the scripts they slowed their arrival on two cores,
  // and MapLibre asks for them once it lays out the names, after the first incidents are drawn (bench:embed)
  return document(props.lang, head, body, style, script[props.lang], { modules: [maplibre], early: { script: early, worker } });
}

/**
 * A page with a message and no map: a bad ad-hoc embed, an unknown view, a store out of reach.
 * `after` is markup of ours to show below the message (the last still image of the map).
 */
export async function embedMessagePage(lang: Lang, title: string, message: string, testId: string, after = ''): Promise<string> {
  const style = await loadIsland().then(
    (i) => i.style,
    () => null,
  );
  return document(
    lang,
    { title },
    `<p role="alert" class="p-3 text-sm text-red-900" data-testid="${escapeHtml(testId)}">${escapeHtml(message)}</p>${after}`,
    style,
    null,
  );
}

// a view can be edited or published at any time: caches must ask again
const HTML = { contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-cache' } };

export function htmlResponse(req: Request, html: string, status = 200, headers: Record<string, string> = {}): Response {
  return bodyResponse(req, html, { ...HTML, headers: { ...HTML.headers, ...headers }, status });
}

/** How a page kept in memory is answered (its headers beside those of every answer). */
export const pageOptions = (headers: Record<string, string> = {}) => ({ ...HTML, headers: { ...HTML.headers, ...headers } });

/** A page kept in memory (lib/render-cache.ts), with its ETag. */
export function pageResponse(req: Request, page: Rendered, headers: Record<string, string> = {}): Response {
  return preparedResponse(req, page.body, pageOptions({ ...renderCacheHeader(page), ...headers }));
}
