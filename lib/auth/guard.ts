import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { CSRF_HEADER, csrfMatches, sameOrigin, sessionId, sessionToken } from './session';
import { getDb } from '../db';
import type { Role } from '../db/editors';
import type { Author } from '../db/history';
import { sessionEditor } from '../db/sessions';
import { clientAddress, publicOrigin } from '../api/origin';
import { problemResponse, serverError } from '../api/problem';

/**
 * Who may write, two ways:
 * - a script, with the service token: `Authorization: Bearer <EDITOR_TOKEN>`. The comparison
 *   takes the same time whatever the guess (both sides hashed to equal length, then compared in
 *   constant time). Without EDITOR_TOKEN configured, no script can write. Wrong tokens are
 *   logged and counted per client address: past FAILURES_ALLOWED within FAILURE_WINDOW_MS, that
 *   address gets 429 without its token being looked at, until the window has passed.
 * - a signed-in editor, with the session cookie (lib/auth/session.ts); a state-changing request
 *   made with it must also carry the CSRF token and come from a page of ours (else 403). An
 *   editor signed in with a one-time password may do nothing but choose their own (403
 *   password-change-required) until they have.
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

/** Who a write is made by: the service token (scripts), or a signed-in editor. */
export type Writer = { kind: 'service' } | { kind: 'editor'; editorId: string; name: string; role: Role; sessionId: string };

/** Who a change is recorded as made by. */
export const authorOf = (who: Writer): Author =>
  who.kind === 'editor' ? { kind: 'editor', editorId: who.editorId, name: who.name } : { kind: 'service' };

type Check =
  | { kind: 'ok'; who: Writer }
  | { kind: 'anonymous' }
  | { kind: 'refused' }
  | { kind: 'limited'; wait: number }
  | { kind: 'ended' }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'password-change' };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Checks the credentials a request carries; a wrong token is counted against its address.
 * `passwordChange`: the request changes the editor's own password, the one thing allowed to an
 * editor whose password was made for them.
 */
async function checkEditor(req: Request, env: NodeJS.ProcessEnv, now: number, passwordChange = false): Promise<Check> {
  const address = clientAddress(req);
  const wait = limited(address, now);
  if (wait !== null) return { kind: 'limited', wait };
  const header = req.headers.get('authorization');
  if (header !== null) {
    const expected = env.EDITOR_TOKEN;
    const given = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (expected && given && tokensMatch(given, expected)) return { kind: 'ok', who: { kind: 'service' } };
    const n = recordFailure(address, now);
    console.warn(`[auth] failed editor authentication from ${address} (${n} in the last ${FAILURE_WINDOW_MS / 1000} s)`);
    return { kind: 'refused' };
  }
  const token = sessionToken(req);
  if (token === null) return { kind: 'anonymous' };
  const session = await sessionEditor(await getDb(), sessionId(token));
  if (!session) return { kind: 'ended' };
  if (!SAFE.has(req.method)) {
    if (!sameOrigin(req, publicOrigin(req, env)))
      return { kind: 'forbidden', detail: "A change made with an editor's session must come from this site's own pages." };
    if (!csrfMatches(req.headers.get(CSRF_HEADER), token))
      return {
        kind: 'forbidden',
        detail: `A change made with an editor's session must carry its CSRF token in the ${CSRF_HEADER} header (GET /api/session gives it).`,
      };
  }
  if (session.mustChangePassword && !passwordChange) return { kind: 'password-change' };
  const { sessionId: sid, editorId, name, role } = session;
  return { kind: 'ok', who: { kind: 'editor', editorId, name, role, sessionId: sid } };
}

function denial(check: Exclude<Check, { kind: 'ok' }>, env: NodeJS.ProcessEnv): Response {
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
  if (check.kind === 'password-change')
    return problemResponse({
      type: '/problems/password-change-required',
      title: 'Choose your own password first',
      status: 403,
      detail:
        'This account signed in with a one-time password: choose your own at /editor/password (POST /api/session/password) before anything else.',
    });
  if (check.kind === 'forbidden')
    return problemResponse({
      type: '/problems/cross-site-request',
      title: 'Cross-site request refused',
      status: 403,
      detail: check.detail,
    });
  return problemResponse(
    {
      type: '/problems/unauthorized',
      title: check.kind === 'ended' ? 'Session ended' : 'Editor sign-in required',
      status: 401,
      detail:
        check.kind === 'ended'
          ? 'This editor session has ended (signed out, expired, or the account changed): sign in again at /editor/sign-in.'
          : env.EDITOR_TOKEN
            ? 'Creating and changing views or incidents needs a signed-in editor (/editor/sign-in) or, for scripts, the service token sent as "Authorization: Bearer <token>".'
            : 'Creating and changing views or incidents needs a signed-in editor (/editor/sign-in); no service token (EDITOR_TOKEN) is configured for scripts.',
    },
    { 'www-authenticate': 'Bearer realm="editor"' },
  );
}

/** Who is writing, or the answer to give: 401, 403 (a cookie write without its CSRF token), 429, or 503 when the store is down. */
export async function authorizeWrite(
  req: Request,
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
  { passwordChange = false }: { passwordChange?: boolean } = {},
): Promise<{ ok: true; who: Writer } | { ok: false; response: Response }> {
  try {
    const check = await checkEditor(req, env, now, passwordChange);
    return check.kind === 'ok' ? { ok: true, who: check.who } : { ok: false, response: denial(check, env) };
  } catch (err) {
    return { ok: false, response: serverError(err) };
  }
}

/** null when the request is an editor's; else the answer to give. */
export async function requireEditor(req: Request, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Promise<Response | null> {
  const auth = await authorizeWrite(req, env, now);
  return auth.ok ? null : auth.response;
}

/** Whether the request carries an editor's credentials, for reads only editors may make (a wrong token counts as a failure). */
export async function isEditor(req: Request, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Promise<boolean> {
  return (await checkEditor(req, env, now)).kind === 'ok';
}
