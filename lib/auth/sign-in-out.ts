/**
 * The session's routes (app/api/session): who is signed in, signing in, signing out. Each
 * answers JSON to scripts and pages that call it with fetch, and a 303 redirect to the editor's
 * own HTML forms (which work without JavaScript).
 */
import 'server-only';
import { z } from 'zod';
import { authorizeWrite } from './guard';
import { clientAddress, publicOrigin } from '../api/origin';
import { issuesToParams, problemResponse, readCapped, readFormOrJson, readJson, serverError, unprocessable } from '../api/problem';
import { getDb } from '../db';
import { setEditorPassword } from '../db/editors';
import { endSession, sessionEditor } from '../db/sessions';
import { LANGS } from '../i18n/messages';
import {
  CSRF_HEADER,
  clearedCookies,
  csrfMatches,
  csrfToken,
  overHttps,
  sameOrigin,
  sessionCookies,
  sessionId,
  sessionToken,
} from './session';
import { hashPassword, passwordProblem } from './passwords';
import { signIn } from './sign-in';
import { PRIVATE } from '../api/prepared';

const SIGN_IN_PAGE = '/editor/sign-in';
const DESK = '/editor';
const PASSWORD_PAGE = '/editor/password';
/** a sign-in form is a few hundred bytes */
const MAX_BODY = 8 * 1024;

/**
 * Where a form may send the editor after signing in: one of the editor's pages, or the map (with
 * its view's query, to come back to the share dialog), never elsewhere.
 */
const OURS = /^\/(editor(\/[\w/-]*)?)?(\?[\w=&%./+-]*)?$/;
export function safeNext(next: string | null | undefined): string {
  return next && OURS.test(next) && !next.startsWith(SIGN_IN_PAGE) ? next : DESK;
}

const isForm = (req: Request) => (req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
const langOf = (v: string | null) => (v && (LANGS as readonly string[]).includes(v) ? v : null);

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, ...PRIVATE });
  for (const c of cookies) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
}

const crossSite = () =>
  problemResponse({
    type: '/problems/cross-site-request',
    title: 'Cross-site request refused',
    status: 403,
    detail: 'Signing in and out is done from this site’s own pages.',
  });

/** GET /api/session: the signed-in editor and the CSRF token their pages send with writes, or `editor: null`. */
export async function currentSession(req: Request): Promise<Response> {
  const token = sessionToken(req);
  try {
    const s = token ? await sessionEditor(await getDb(), sessionId(token)) : null;
    const body =
      s && token
        ? {
            editor: { name: s.name, role: s.role },
            csrf: csrfToken(token),
            expiresAt: s.expiresAt,
            ...(s.mustChangePassword ? { mustChangePassword: true } : {}),
          }
        : { editor: null };
    return Response.json(body, { headers: PRIVATE });
  } catch (err) {
    return serverError(err);
  }
}

const credentialsSchema = z.object({
  name: z.string().min(1, 'required').max(200),
  password: z.string().min(1, 'required').max(1024),
});

/** POST /api/session: signs in with a name and password (JSON, or the sign-in page's form). */
export async function signInResponse(req: Request): Promise<Response> {
  if (!sameOrigin(req, publicOrigin(req))) return crossSite();
  const read = await readFormOrJson(req, MAX_BODY, 'Sign in');
  if (!read.ok) return read.response;
  const { form, fields } = read;
  const lang = form ? langOf(String(fields.lang ?? '')) : null;
  const next = form ? safeNext(String(fields.next ?? '')) : DESK;
  const back = (error: string) => {
    const q = new URLSearchParams({
      error,
      ...(fields.name ? { name: String(fields.name).slice(0, 64) } : {}),
      next,
      ...(lang ? { lang } : {}),
    });
    return `${SIGN_IN_PAGE}?${q}`;
  };
  const parsed = credentialsSchema.safeParse(fields);
  if (!parsed.success) return form ? redirect(back('missing')) : unprocessable(issuesToParams(parsed.error.issues));
  try {
    const result = await signIn(await getDb(), { ...parsed.data, address: clientAddress(req) });
    if (!result.ok) {
      if (result.reason === 'limited') {
        if (form) return redirect(`${back('limited')}&wait=${result.wait}`);
        return problemResponse(
          {
            type: '/problems/too-many-attempts',
            title: 'Too many failed sign-ins',
            status: 429,
            detail: `Too many failed sign-ins for this account or from this address. Try again in ${Math.ceil(result.wait / 60)} min.`,
          },
          { 'retry-after': String(result.wait), ...PRIVATE },
        );
      }
      if (form) return redirect(back('invalid'));
      return problemResponse(
        {
          type: '/problems/sign-in-failed',
          title: 'Sign-in failed',
          status: 401,
          detail: 'Wrong name or password (or the account is disabled).',
        },
        PRIVATE,
      );
    }
    const cookies = sessionCookies(result.token, overHttps(req));
    // a one-time password is changed first; the page then goes on to where the editor was going
    const target = result.mustChangePassword ? `${PASSWORD_PAGE}?${new URLSearchParams({ next })}` : next;
    if (form) return redirect(lang ? `${target}${target.includes('?') ? '&' : '?'}lang=${lang}` : target, cookies);
    const headers = new Headers(PRIVATE);
    for (const c of cookies) headers.append('set-cookie', c);
    return Response.json(
      {
        editor: result.editor,
        csrf: result.csrf,
        expiresAt: result.expiresAt,
        ...(result.mustChangePassword ? { mustChangePassword: true } : {}),
      },
      { headers },
    );
  } catch (err) {
    return serverError(err);
  }
}

/**
 * POST /api/session/sign-out: ends the session and removes its cookies. The CSRF token comes in
 * the X-CSRF-Token header, or as the `csrf` field of the desk's sign-out form.
 */
export async function signOutResponse(req: Request): Promise<Response> {
  // another site's form is refused before anything: with SameSite=Lax it sends no cookie, and
  // answering it with cleared cookies would sign the reader out from elsewhere
  if (!sameOrigin(req, publicOrigin(req))) return crossSite();
  const form = isForm(req);
  const token = sessionToken(req);
  let fields = new URLSearchParams();
  if (form) {
    const body = await readCapped(req, MAX_BODY);
    if (!body.ok) return body.response;
    fields = new URLSearchParams(new TextDecoder().decode(body.bytes));
  }
  const lang = langOf(fields.get('lang'));
  const secure = overHttps(req);
  if (token === null) {
    if (form) return redirect(`${SIGN_IN_PAGE}${lang ? `?lang=${lang}` : ''}`, clearedCookies(secure));
    return problemResponse(
      { type: '/problems/unauthorized', title: 'Not signed in', status: 401, detail: 'There is no editor session to end.' },
      { 'www-authenticate': 'Bearer realm="editor"' },
    );
  }
  if (!csrfMatches(form ? fields.get('csrf') : req.headers.get(CSRF_HEADER), token)) return crossSite();
  try {
    await endSession(await getDb(), sessionId(token));
  } catch (err) {
    return serverError(err);
  }
  if (form) return redirect(`${SIGN_IN_PAGE}?signedOut=1${lang ? `&lang=${lang}` : ''}`, clearedCookies(secure));
  const headers = new Headers(PRIVATE);
  for (const c of clearedCookies(secure)) headers.append('set-cookie', c);
  return new Response(null, { status: 204, headers });
}

const passwordChangeSchema = z.object({
  current: z.string().min(1, 'required').max(1024),
  next: z.string().max(1024),
});

/**
 * POST /api/session/password `{current, next}` (the signed-in editor, with the session's CSRF
 * token): the editor's own password changed. The current one is checked as a sign-in is (failures
 * counted, the same limits); every session of the account ends, and this one is replaced by a new
 * session (new cookies, new CSRF token) so the editor stays signed in here.
 */
export async function changePasswordResponse(req: Request): Promise<Response> {
  // the session and its CSRF token, checked as every write's are (a dead session 401, no token 403)
  const auth = await authorizeWrite(req, process.env, Date.now(), { passwordChange: true });
  if (!auth.ok) return auth.response;
  if (auth.who.kind !== 'editor')
    return problemResponse({
      type: '/problems/no-password',
      title: 'The service token has no password',
      status: 403,
      detail: 'Only a signed-in editor changes their own password; accounts are managed at /api/editors.',
    });
  const token = sessionToken(req);
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const parsed = passwordChangeSchema.safeParse(body.value);
  if (!parsed.success) return unprocessable(issuesToParams(parsed.error.issues));
  const weak = passwordProblem(parsed.data.next);
  if (weak) return unprocessable([{ name: 'next', reason: weak }]);
  try {
    const db = await getDb();
    const me = auth.who;
    const address = clientAddress(req);
    // the current password, checked (and counted) as a sign-in is
    const check = await signIn(db, { name: me.name, password: parsed.data.current, address });
    if (!check.ok && check.reason === 'limited')
      return problemResponse(
        { type: '/problems/too-many-attempts', title: 'Too many failed attempts', status: 429, detail: 'Try again later.' },
        { 'retry-after': String(check.wait), ...PRIVATE },
      );
    if (!check.ok) return unprocessable([{ name: 'current', reason: 'not your current password' }]);
    await endSession(db, sessionId(check.token));
    await setEditorPassword(db, me.name, await hashPassword(parsed.data.next), { oneTime: false });
    // every session made before the new password no longer counts: this one is made after it
    const fresh = await signIn(db, { name: me.name, password: parsed.data.next, address });
    if (!fresh.ok) throw new Error('the new password did not sign in');
    if (token) await endSession(db, sessionId(token));
    const headers = new Headers(PRIVATE);
    for (const c of sessionCookies(fresh.token, overHttps(req))) headers.append('set-cookie', c);
    return Response.json({ editor: fresh.editor, csrf: fresh.csrf, expiresAt: fresh.expiresAt }, { headers });
  } catch (err) {
    return serverError(err);
  }
}
