import { type NextRequest, NextResponse } from 'next/server';
import { badPathSegment, isApiPath, securityHeadersNow } from './lib/api/security-headers';
import { storeAnswers } from './lib/db/health';
import { messagePage } from './lib/pages/message';
import { negotiateLang } from './lib/i18n/negotiate';

/** Pages rendered from the store on the server: with the store out of reach, a 503 page says so. */
const fromStore = (pathname: string) =>
  pathname === '/editor' || pathname.startsWith('/editor/') || /^\/views\/[^/]+\/changes\/?$/.test(pathname);

/**
 * Every request, before any route: a path whose percent-encoding does not decode is refused
 * here (a page for a page, a problem for the API: the router would answer a bare 500); a page
 * rendered from the store, while the store is out of reach, is a 503 page in the reader's
 * language; the security headers (read at request time, so EMBED_FRAME_ANCESTORS needs no
 * rebuild), with a fresh nonce that Next.js puts on its inline scripts; for pages, the language
 * resolved once so the layout renders <html lang>.
 */
export async function proxy(req: NextRequest) {
  const pathname = req.nextUrl.pathname;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = securityHeadersNow(pathname, nonce);
  const bad = badPathSegment(new URL(req.url).pathname);
  // the embed's scripts (/island/) are files, not pages: like the API, they answer a problem
  if (bad !== null && !isApiPath(pathname) && !pathname.startsWith('/island/')) {
    // a page: a page that says so, in the reader's language (the API answers problem+json below)
    const lang = negotiateLang(req.nextUrl.searchParams.get('lang'), req.headers.get('accept-language'));
    const res = messagePage(lang, { title: 'badAddressTitle', message: 'badAddress' }, 400);
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  }
  if (bad !== null) {
    return new NextResponse(
      JSON.stringify({
        type: '/problems/invalid-parameters',
        title: 'Invalid request parameters',
        status: 400,
        detail: `path: the segment "${bad.slice(0, 60)}" is not valid percent-encoded UTF-8`,
        invalidParams: [{ name: 'path', reason: 'not valid percent-encoded UTF-8' }],
      }),
      { status: 400, headers: { ...headers, 'content-type': 'application/problem+json', 'cache-control': 'no-store' } },
    );
  }
  if (fromStore(pathname) && !(await storeAnswers())) {
    const lang = negotiateLang(req.nextUrl.searchParams.get('lang'), req.headers.get('accept-language'));
    const res = messagePage(lang, { title: 'storeDownTitle', message: 'storeDown' }, 503, { 'retry-after': '5' });
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  }
  const forward = new Headers(req.headers);
  forward.set('x-lang', negotiateLang(req.nextUrl.searchParams.get('lang'), req.headers.get('accept-language')));
  // Next.js reads the nonce for its own scripts from the request's policy
  forward.set('content-security-policy', headers['content-security-policy'] ?? '');
  const res = NextResponse.next({ request: { headers: forward } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

// /api/imports streams large uploads: it sets its own headers (lib/imports/upload.ts)
export const config = { matcher: ['/((?!_next/static|_next/image|api/imports$).*)'] };
