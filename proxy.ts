import { NextResponse, type NextRequest } from 'next/server';
import { framingHeaders } from './lib/framing';
import { negotiateLang } from './lib/i18n/negotiate';

/**
 * Every request: who may frame the answer (read at request time, so EMBED_FRAME_ANCESTORS
 * needs no rebuild); for pages, the language resolved once so the layout renders <html lang>.
 */
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set('x-lang', negotiateLang(req.nextUrl.searchParams.get('lang'), req.headers.get('accept-language')));
  const res = NextResponse.next({ request: { headers } });
  for (const [k, v] of Object.entries(framingHeaders(req.nextUrl.pathname, process.env.EMBED_FRAME_ANCESTORS))) res.headers.set(k, v);
  return res;
}

export const config = { matcher: ['/((?!_next/static|_next/image).*)'] };
