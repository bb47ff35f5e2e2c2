import 'server-only';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * Answers with ETags and compression. Next.js does not compress what route handlers return,
 * so bodies worth it are gzipped here when the client accepts gzip. Each encoding has its own
 * strong ETag ("…" and "…-gz"); If-None-Match with either gets 304.
 */

const MIN_COMPRESS = 1024;

export function acceptsGzip(req: Request): boolean {
  const header = req.headers.get('accept-encoding') ?? '';
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (!q || Number(q.slice(2)) > 0);
  });
}

function matches(req: Request, tags: string[]): boolean {
  const inm = req.headers.get('if-none-match');
  if (!inm) return false;
  return inm.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tags.includes(tag);
  });
}

interface BodyOptions {
  status?: number;
  contentType: string;
  /** compress when the client accepts it (text, JSON, SVG; not PNG) */
  compressible?: boolean;
  headers?: Record<string, string>;
  /** give an ETag and answer 304 to a matching If-None-Match */
  etag?: boolean;
}

/**
 * A body made ready to send: its bytes, its ETag and (made once, when first asked for) its
 * gzipped bytes. A render kept in memory (lib/render-cache.ts) keeps one and answers each
 * request from it.
 */
export interface PreparedBody {
  bytes: Uint8Array;
  compressible: boolean;
  hash: string | null;
  gzip(): Uint8Array;
}

export function prepareBody(
  body: string | Uint8Array,
  { compressible = true, etag = false }: { compressible?: boolean; etag?: boolean } = {},
): PreparedBody {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  let gzipped: Uint8Array | null = null;
  return {
    bytes,
    compressible: compressible && bytes.byteLength >= MIN_COMPRESS,
    hash: etag ? createHash('sha1').update(bytes).digest('base64url') : null,
    gzip: () => (gzipped ??= gzipSync(bytes, { level: 6 })),
  };
}

/** Answers with a prepared body: gzipped when the client accepts it, 304 for its ETag. */
export function preparedResponse(
  req: Request,
  body: PreparedBody,
  { status = 200, contentType, headers = {} }: Omit<BodyOptions, 'compressible' | 'etag'>,
): Response {
  const gzip = body.compressible && acceptsGzip(req);
  const vary = [headers.vary, body.compressible ? 'accept-encoding' : undefined].filter(Boolean).join(', ');
  const common: Record<string, string> = { ...headers, ...(vary ? { vary } : {}) };
  if (body.hash) {
    common.etag = `"${body.hash}${gzip ? '-gz' : ''}"`;
    if (status === 200 && matches(req, [`"${body.hash}"`, `"${body.hash}-gz"`]))
      return new Response(null, { status: 304, headers: common });
  }
  const sent = gzip ? body.gzip() : body.bytes;
  return new Response(new Uint8Array(sent), {
    status,
    headers: { ...common, 'content-type': contentType, ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
  });
}

/** A body, gzipped when it is worth it and the client accepts it. */
export function bodyResponse(
  req: Request,
  body: string | Uint8Array,
  { compressible = true, etag = false, ...rest }: BodyOptions,
): Response {
  return preparedResponse(req, prepareBody(body, { compressible, etag }), rest);
}

/** Cache-Control for public answers that may be a little stale. */
export const sharedCache = (maxAge: number) => ({ 'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 10}` });

/**
 * A JSON answer with an ETag over its bytes and a short shared cache life; a request whose
 * If-None-Match holds that ETag gets 304 and no body.
 */
export function cachedJson(
  req: Request,
  body: unknown,
  {
    contentType = 'application/json',
    maxAge = 30,
    headers = {},
  }: { contentType?: string; maxAge?: number; headers?: Record<string, string> } = {},
): Response {
  return bodyResponse(req, JSON.stringify(body), {
    contentType: `${contentType}; charset=utf-8`,
    headers: { ...sharedCache(maxAge), ...headers },
    etag: true,
  });
}
