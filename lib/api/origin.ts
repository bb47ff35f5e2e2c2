import 'server-only';

/**
 * Where a request comes from and the origin readers reach us at, for links we hand out (embed
 * codes, oEmbed, view links).
 *
 * Forwarded headers (X-Forwarded-Host, -Proto, -For) are believed only when TRUST_PROXY=1 says a
 * proxy of ours sets them; otherwise our server (server.mjs) drops any a client sent, and Next.js
 * fills them in from the connection itself. PUBLIC_ORIGIN wins for links when set. Answers whose
 * links come from the request's Host vary on it (`originVary`).
 */
export const trustsProxy = (env: NodeJS.ProcessEnv = process.env) => env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';

const first = (v: string) => (v.split(',')[0] ?? '').trim();
const last = (v: string) => (v.split(',').at(-1) ?? '').trim();

export function publicOrigin(req: Request, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PUBLIC_ORIGIN) return env.PUBLIC_ORIGIN.replace(/\/+$/, '');
  const url = new URL(req.url);
  const forwarded = trustsProxy(env);
  const host = (forwarded && req.headers.get('x-forwarded-host')) || req.headers.get('host') || url.host;
  const proto = (forwarded && req.headers.get('x-forwarded-proto')) || url.protocol.replace(':', '');
  return `${first(proto)}://${first(host)}`;
}

/** The Vary header of an answer that holds links made by `publicOrigin`. */
export function originVary(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env.PUBLIC_ORIGIN) return {};
  return { vary: trustsProxy(env) ? 'host, x-forwarded-host, x-forwarded-proto' : 'host' };
}

/**
 * The client's address: the last X-Forwarded-For entry, which is the one our side wrote (the
 * trusted proxy appends the address it saw; without one, our server sets the connection's).
 */
export function clientAddress(req: Request): string {
  return last(req.headers.get('x-forwarded-for') ?? '') || 'unknown';
}
