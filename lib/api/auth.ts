import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { clientAddress } from './origin';
import { problemResponse } from './problem';

/**
 * Editors' writes, until editor accounts exist: `Authorization: Bearer <EDITOR_TOKEN>`.
 * The comparison takes the same time whatever the guess (both sides hashed to equal length,
 * then compared in constant time). Without EDITOR_TOKEN configured, nobody can write.
 *
 * Failed attempts are logged and counted per client address: past FAILURES_ALLOWED within
 * FAILURE_WINDOW_MS, that address gets 429 without its token being looked at, until the window
 * has passed.
 */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export const FAILURES_ALLOWED = 10;
export const FAILURE_WINDOW_MS = 60_000;

interface Failures {
  count: number;
  since: number;
}
// one per process (Next bundles each route apart); bounded, so a flood of addresses cannot grow it
const KEY = Symbol.for('conflict-map.auth-failures');
type Holder = { [KEY]?: LRUCache<string, Failures> };
function failures(): LRUCache<string, Failures> {
  const g = globalThis as Holder;
  g[KEY] ??= new LRUCache<string, Failures>({ max: 10_000 });
  return g[KEY];
}

function limited(address: string, now: number): number | null {
  const f = failures().get(address);
  if (!f || now - f.since >= FAILURE_WINDOW_MS) return null;
  return f.count >= FAILURES_ALLOWED ? Math.ceil((f.since + FAILURE_WINDOW_MS - now) / 1000) : null;
}

function recordFailure(address: string, now: number): number {
  const f = failures().get(address);
  const next = !f || now - f.since >= FAILURE_WINDOW_MS ? { count: 1, since: now } : { count: f.count + 1, since: f.since };
  failures().set(address, next);
  return next.count;
}

type Check = { kind: 'editor' } | { kind: 'anonymous' } | { kind: 'refused' } | { kind: 'limited'; wait: number };

/** Checks the credentials a request carries; a wrong token is counted against its address. */
function checkEditor(req: Request, env: NodeJS.ProcessEnv, now: number): Check {
  const address = clientAddress(req);
  const wait = limited(address, now);
  if (wait !== null) return { kind: 'limited', wait };
  const expected = env.EDITOR_TOKEN;
  const header = req.headers.get('authorization');
  if (header === null) return { kind: 'anonymous' };
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (expected && given && tokensMatch(given, expected)) return { kind: 'editor' };
  const n = recordFailure(address, now);
  console.warn(`[auth] failed editor authentication from ${address} (${n} in the last ${FAILURE_WINDOW_MS / 1000} s)`);
  return { kind: 'refused' };
}

/** null when the request is an editor's; else the answer to give (401, or 429 after too many failures). */
export function requireEditor(req: Request, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Response | null {
  const check = checkEditor(req, env, now);
  if (check.kind === 'editor') return null;
  if (check.kind === 'limited') {
    return problemResponse(
      {
        type: '/problems/too-many-attempts',
        title: 'Too many failed attempts',
        status: 429,
        detail: `Too many failed editor authentications from this address. Try again in ${check.wait} s.`,
      },
      { 'retry-after': String(check.wait) },
    );
  }
  return problemResponse(
    {
      type: '/problems/unauthorized',
      title: 'Editor token required',
      status: 401,
      detail: env.EDITOR_TOKEN
        ? 'Creating and changing views or incidents needs the editor token: send it as "Authorization: Bearer <token>".'
        : 'Editing is disabled on this server: no EDITOR_TOKEN is configured.',
    },
    { 'www-authenticate': 'Bearer realm="editor"' },
  );
}

/** Whether the request carries the editor's credentials, for reads only editors may make (a wrong token counts as a failure). */
export function isEditor(req: Request, env: NodeJS.ProcessEnv = process.env, now = Date.now()): boolean {
  return checkEditor(req, env, now).kind === 'editor';
}
