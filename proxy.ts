import { NextResponse, type NextRequest } from 'next/server';
import { negotiateLang } from './lib/i18n/negotiate';

/** Resolves the page language once (?lang=, else Accept-Language) so the layout renders <html lang> right. */
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set('x-lang', negotiateLang(req.nextUrl.searchParams.get('lang'), req.headers.get('accept-language')));
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/((?!api/|_next/|generated/|favicon.ico).*)'] };
