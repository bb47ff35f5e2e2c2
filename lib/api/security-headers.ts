/**
 * The security headers of every answer, decided by its path: who may frame it, and what it may
 * load and run (Content-Security-Policy).
 *
 * Framing: embeds by any site by default, or only the origins listed in EMBED_FRAME_ANCESTORS
 * (space-separated, e.g. "https://news.example https://*.paper.example"), plus our own origin;
 * every other route by nobody.
 *
 * Scripts: only our own files. The dashboard is rendered by Next.js, whose inline bootstrap
 * scripts carry the per-request nonce (Next reads it from the request's policy); embeds and view
 * pages are islands with no inline script at all. Styles may be inline: MapLibre and the
 * server-rendered components set style attributes, which carry no script.
 */
import 'server-only';
const SOURCE = /^(\*|'self'|https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?)$/i;

export function embedFrameAncestors(env: string | undefined): string {
  const listed = (env ?? '').split(/\s+/).filter(Boolean);
  const valid = listed.filter((s) => SOURCE.test(s));
  if (listed.length && valid.length !== listed.length) {
    console.warn(`[framing] ignoring invalid EMBED_FRAME_ANCESTORS entries: ${listed.filter((s) => !SOURCE.test(s)).join(' ')}`);
  }
  // our own pages (the dashboard's embed preview) may always frame an embed
  return valid.length ? ["'self'", ...valid.filter((v) => v !== "'self'")].join(' ') : '*';
}

export function isEmbedPath(pathname: string): boolean {
  return pathname === '/embed' || pathname.startsWith('/embed/');
}

export const isApiPath = (pathname: string) => ['/api', '/ogc'].some((p) => pathname === p || pathname.startsWith(`${p}/`));
/**
 * Pages we render ourselves (islands): no inline script, no nonce needed. A view's "what changed"
 * page (/views/{id}/changes) is a Next.js page: its inline scripts carry the nonce.
 */
const isIslandPath = (pathname: string) =>
  isEmbedPath(pathname) ||
  (pathname.startsWith('/views/') && !/^\/views\/[^/]+\/changes\/?$/.test(pathname)) ||
  pathname.startsWith('/island/');

export interface SecurityOptions {
  /** EMBED_FRAME_ANCESTORS */
  frameAncestors?: string;
  /** the nonce of this request's inline scripts (Next.js pages) */
  nonce?: string;
  /** BASEMAP_STYLE_URL: a production basemap's style and tiles are fetched from elsewhere */
  basemapStyleUrl?: string;
  /** development server: React's dev tools evaluate code */
  dev?: boolean;
}

function policy(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

export function securityHeaders(pathname: string, o: SecurityOptions = {}): Record<string, string> {
  const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };
  if (isApiPath(pathname)) {
    // JSON, and still images opened on their own: nothing to run, nothing to load
    return {
      ...common,
      'content-security-policy': policy({ 'default-src': "'none'", 'style-src': "'unsafe-inline'", 'frame-ancestors': "'none'" }),
      'x-frame-options': 'DENY',
    };
  }
  const embed = isEmbedPath(pathname);
  const scripts = isIslandPath(pathname) || !o.nonce ? "'self'" : `'self' 'nonce-${o.nonce}' 'strict-dynamic'`;
  const csp = policy({
    'default-src': "'self'",
    'script-src': o.dev ? `${scripts} 'unsafe-eval'` : scripts,
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'font-src': "'self' data:",
    'connect-src': o.basemapStyleUrl ? "'self' https:" : "'self'",
    'worker-src': "'self' blob:",
    'frame-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
    'frame-ancestors': embed ? embedFrameAncestors(o.frameAncestors) : "'none'",
  });
  return { ...common, 'content-security-policy': csp, ...(embed ? {} : { 'x-frame-options': 'DENY' }) };
}

/** The first segment of a path whose percent-encoding does not decode to UTF-8, or null. */
export function badPathSegment(pathname: string): string | null {
  for (const segment of pathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

/** The security headers of an answer at `pathname`, with this server's settings (read at request time: no rebuild to change them). */
export function securityHeadersNow(pathname: string, nonce?: string): Record<string, string> {
  return securityHeaders(pathname, {
    nonce,
    frameAncestors: process.env.EMBED_FRAME_ANCESTORS,
    basemapStyleUrl: process.env.BASEMAP_STYLE_URL,
    dev: process.env.NODE_ENV === 'development',
  });
}
