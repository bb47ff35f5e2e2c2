/**
 * The origin readers reach us at, for links we hand out (embed codes, oEmbed). PUBLIC_ORIGIN
 * wins when set (behind a proxy or CDN); otherwise the request's own Host and protocol.
 */
export function publicOrigin(req: Request, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PUBLIC_ORIGIN) return env.PUBLIC_ORIGIN.replace(/\/+$/, '');
  const url = new URL(req.url);
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  const proto = req.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto.split(',')[0]!.trim()}://${host.split(',')[0]!.trim()}`;
}
