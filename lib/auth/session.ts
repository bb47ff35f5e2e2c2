/**
 * The editor's session cookie and the token that guards its writes against cross-site requests.
 *
 * - The cookie `cm_session` holds 32 random bytes (base64url). The store keeps only their
 *   SHA-256 (`sessionId`), so a copy of the database signs nobody in.
 * - It is set twice, on Path=/api and on Path=/editor: the API (writes, and reading unpublished
 *   views) and the editor's own pages receive it; the dashboard, view pages and embeds never do,
 *   and no answer of theirs sets a cookie. HttpOnly, SameSite=Lax, and Secure whenever the
 *   request reached us over HTTPS (directly, or as a trusted proxy says).
 * - Every state-changing request made with the cookie must carry `X-CSRF-Token` (or, from the
 *   editor's own HTML forms, a `csrf` field) equal to `csrfToken(token)`, a labelled hash of
 *   the cookie's token that a page of ours learns from GET /api/session (or renders into its
 *   forms) and a page elsewhere cannot read; and its Origin, when sent, must be ours.
 */
import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SESSION_HOURS } from '../db/sessions';

export const SESSION_COOKIE = 'cm_session';
export const COOKIE_PATHS = ['/api', '/editor'] as const;
export const CSRF_HEADER = 'x-csrf-token';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const newSessionToken = () => randomBytes(32).toString('base64url');
/** The store's key for a session: the SHA-256 of its token, in hex. */
export const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');
/** What the editor's pages send back with each write made with the cookie. */
export const csrfToken = (token: string) => createHash('sha256').update(`csrf\0${token}`).digest('base64url');

export function csrfMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(csrfToken(token)).digest();
  return timingSafeEqual(a, b);
}

/** The session token a request's cookies carry, or null (a malformed value counts as none). */
export function sessionToken(req: Request): string | null {
  return tokenIn(req.headers.get('cookie'));
}

/** The session token in a Cookie header's value, or null. */
export function tokenIn(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (TOKEN.test(value)) return value;
  }
  return null;
}

/** Whether the request reached us over HTTPS (as a trusted proxy reports it, when there is one). */
export function overHttps(req: Request, env: NodeJS.ProcessEnv = process.env): boolean {
  const trusted = env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';
  const forwarded = trusted ? (req.headers.get('x-forwarded-proto') ?? '').split(',')[0]?.trim() : '';
  return (forwarded || new URL(req.url).protocol.replace(':', '')) === 'https';
}

function cookie(value: string, path: string, maxAge: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    `Path=${path}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The Set-Cookie values that start a session. */
export const sessionCookies = (token: string, secure: boolean) => COOKIE_PATHS.map((p) => cookie(token, p, SESSION_HOURS * 3600, secure));
/** The Set-Cookie values that remove it. */
export const clearedCookies = (secure: boolean) => COOKIE_PATHS.map((p) => cookie('', p, 0, secure));

/**
 * Whether a request comes from a page of ours: its Origin (when the browser sent one) is the
 * origin it was sent to, or the public one; and the browser does not call it cross-site.
 */
export function sameOrigin(req: Request, publicOrigin: string): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.get('origin');
  if (origin === null) return true;
  return origin === new URL(req.url).origin || origin === publicOrigin;
}
