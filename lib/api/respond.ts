import { createHash } from 'node:crypto';

/**
 * A JSON answer with an ETag over its bytes and a short shared cache life; a request whose
 * If-None-Match holds that ETag gets 304 and no body.
 */
export function cachedJson(req: Request, body: unknown, { contentType = 'application/json', maxAge = 30, raw = false } = {}): Response {
  // raw: the body is already the text to send (an SVG image), not a value to serialise
  const text = raw ? String(body) : JSON.stringify(body);
  const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
  const headers = {
    etag,
    'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 10}`,
    vary: 'accept-encoding',
  };
  const inm = req.headers.get('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(text, { status: 200, headers: { ...headers, 'content-type': `${contentType}; charset=utf-8` } });
}

/** Bytes (an image) with an ETag over them, and 304 for a matching If-None-Match. */
export function cachedBytes(req: Request, bytes: Uint8Array, contentType: string, maxAge = 30): Response {
  const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
  const headers = { etag, 'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 10}` };
  if ((req.headers.get('if-none-match') ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(bytes), { status: 200, headers: { ...headers, 'content-type': contentType } });
}
