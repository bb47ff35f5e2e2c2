import 'server-only';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';

const gzipAsync = promisify(gzipCallback);

/**
 * Answers with ETags and compression. Next.js does not compress what route handlers return,
 * so bodies worth it are gzipped here when the client accepts gzip. Each encoding has its own
 * strong ETag ("…" and "…-gz"); If-None-Match with either gets 304.
 */

const MIN_COMPRESS = 1024;

export function acceptsGzip(req: Request): boolean {
  return gzipAccepted(req.headers.get('accept-encoding'));
}

/** Whether an Accept-Encoding header allows gzip. */
export function gzipAccepted(header: string | null): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (!q || Number(q.slice(2)) > 0);
  });
}

function matches(inm: string | null, tags: string[]): boolean {
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
  /** Makes the gzipped bytes on libuv's thread pool, not on the request thread (for a body kept and served many times). */
  prepareGzip(): Promise<void>;
}

export function prepareBody(
  body: string | Uint8Array,
  { compressible = true, etag = false }: { compressible?: boolean; etag?: boolean } = {},
): PreparedBody {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  let gzipped: Uint8Array | null = null;
  const worthIt = compressible && bytes.byteLength >= MIN_COMPRESS;
  return {
    bytes,
    compressible: worthIt,
    hash: etag ? createHash('sha1').update(bytes).digest('base64url') : null,
    gzip: () => (gzipped ??= gzipSync(bytes, { level: 6 })),
    async prepareGzip() {
      if (worthIt && !gzipped) gzipped = await gzipAsync(bytes, { level: 6 });
    },
  };
}

/** An answer's parts, before they are a Response (or written to Node's own response: lib/front.ts). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

export type PreparedOptions = Omit<BodyOptions, 'compressible' | 'etag'>;

/** A prepared body as answered to a request with these headers: gzipped when accepted, 304 for its ETag. */
export function preparedAnswer(
  header: (name: 'accept-encoding' | 'if-none-match') => string | null,
  body: PreparedBody,
  { status = 200, contentType, headers = {} }: PreparedOptions,
): Answer {
  const gzip = body.compressible && gzipAccepted(header('accept-encoding'));
  const vary = [headers.vary, body.compressible ? 'accept-encoding' : undefined].filter(Boolean).join(', ');
  const common: Record<string, string> = { ...headers, ...(vary ? { vary } : {}) };
  if (body.hash) {
    common.etag = `"${body.hash}${gzip ? '-gz' : ''}"`;
    if (status === 200 && matches(header('if-none-match'), [`"${body.hash}"`, `"${body.hash}-gz"`]))
      return { status: 304, headers: common, body: null };
  }
  return {
    status,
    headers: { ...common, 'content-type': contentType, ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
    body: gzip ? body.gzip() : body.bytes,
  };
}

/** A file and its gzipped copy, both made beforehand (at build time), as a prepared body with an ETag. */
export function preparedFile(plain: Uint8Array, gzipped: Uint8Array): PreparedBody {
  return {
    bytes: plain,
    compressible: true,
    hash: createHash('sha1').update(plain).digest('base64url'),
    gzip: () => gzipped,
    prepareGzip: async () => undefined,
  };
}

/** Answers with a prepared body: gzipped when the client accepts it, 304 for its ETag. */
export function preparedResponse(req: Request, body: PreparedBody, options: PreparedOptions): Response {
  const a = preparedAnswer((name) => req.headers.get(name), body, options);
  return new Response(a.body && new Uint8Array(a.body), { status: a.status, headers: a.headers });
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

/** Cache-Control for an answer only an editor may see. */
export const PRIVATE = { 'cache-control': 'private, no-store' };
