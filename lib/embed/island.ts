/**
 * The embed island, as built by scripts/build-embed.ts into build/embed/: the server renderer of
 * the embed's components, and the browser files (script, stylesheet) that the embed page loads.
 */
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbedMapProps } from './types';
import type { Lang } from '@/lib/i18n/messages';
import { type PreparedBody, preparedFile, preparedResponse } from '@/lib/api/prepared';
import { leaveAnswer } from '@/lib/front';

export interface Island {
  /** the browser files' addresses: the script, one a language (each carries only its page's words) */
  script: Record<Lang, string>;
  /** the page's first script: MapLibre's worker started early (components/embed/worker-early.ts) */
  early: string;
  style: string;
  worker: string;
  /** MapLibre itself, which the script imports */
  maplibre: string;
  renderEmbedMarkup(props: EmbedMapProps): string;
}

const dir = () => path.join(process.cwd(), 'build', 'embed');
let island: Promise<Island> | null = null;

export function loadIsland(): Promise<Island> {
  island ??= (async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir(), 'manifest.json'), 'utf8')) as Pick<
      Island,
      'script' | 'early' | 'style' | 'worker' | 'maplibre'
    >;
    // a module built apart from Next's bundles: loaded as it is, at run time
    const server = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(dir(), 'server.mjs')).href
    )) as Pick<Island, 'renderEmbedMarkup'>;
    return { ...manifest, renderEmbedMarkup: server.renderEmbedMarkup };
  })().catch((e: unknown) => {
    island = null;
    throw new Error(`the embed island is not built (run npm run build): ${e instanceof Error ? e.message : String(e)}`);
  });
  return island;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const NAME = /^(embed-[\w-]+\.(js|css)|maplibre-gl-[\w-]+\.mjs)$/;
const files = new Map<string, PreparedBody>();

/** One of the island's browser files, gzipped at build time when the client accepts gzip. */
export function islandAsset(req: Request, name: string): Response {
  const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!NAME.test(name)) return notFound();
  let file = files.get(name);
  if (!file) {
    const at = path.join(dir(), 'assets', name);
    if (!fs.existsSync(at)) return notFound();
    file = preparedFile(fs.readFileSync(at), fs.readFileSync(`${at}.gz`));
    files.set(name, file);
  }
  const options = {
    contentType: TYPES[path.extname(name)] ?? 'application/octet-stream',
    headers: { 'cache-control': 'public, max-age=31536000, immutable' },
  };
  // a name that carries its content's hash: the same bytes for as long as this build runs
  leaveAnswer(req, file, options, () => true);
  return preparedResponse(req, file, options);
}
