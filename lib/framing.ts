/**
 * Who may put our pages in a frame. Embeds: any site by default, or only the origins listed
 * in EMBED_FRAME_ANCESTORS (space-separated, e.g. "https://news.example https://*.paper.example"),
 * plus our own origin.
 * Every other route: nobody.
 */
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

export function framingHeaders(pathname: string, env: string | undefined): Record<string, string> {
  if (isEmbedPath(pathname)) return { 'content-security-policy': `frame-ancestors ${embedFrameAncestors(env)}` };
  return { 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': 'DENY' };
}
