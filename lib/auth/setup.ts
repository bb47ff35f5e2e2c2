/**
 * The first administrator, made in the browser while the server runs: the way a notebook server
 * hands out its token URL. On a start with no account, the server makes a one-time link and
 * prints it (and, for a PGlite store, writes it beside the store, where `npm run editor` finds it
 * when the server holds the directory). Whoever opens it chooses the first administrator's name
 * and password; the link then works no more. Accounts after the first are made on the desk.
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { clientAddress, publicOrigin } from '../api/origin';
import { issuesToParams, problemResponse, readFormOrJson, serverError, unprocessable } from '../api/problem';
import { getDb } from '../db';
import { anyEditor, EDITOR_NAME } from '../db/editors';
import { dropSetupLinks, makeFirstAdmin, replaceSetupLink, setupLinkState } from '../db/setup';
import { configFromEnv, type Db, type StoreConfig } from '../db/store';
import { LANGS } from '../i18n/messages';
import { hashPassword, MAX_PASSWORD, passwordProblem } from './passwords';
import { overHttps, sameOrigin, sessionCookies } from './session';
import { startSession } from './sign-in';
import { PRIVATE } from '../api/prepared';

export const SETUP_PAGE = '/editor/setup';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const setupTokenHash = (token: string) => createHash('sha256').update(`setup\0${token}`).digest('hex');
export const isSetupToken = (token: string | null | undefined): token is string => typeof token === 'string' && TOKEN.test(token);

/** Where the link is written for a PGlite store (beside its lock file); null for PostgreSQL. */
export function setupLinkFile(config: StoreConfig): string | null {
  return config.databaseUrl ? null : path.join(config.pgliteDir, '.setup-link');
}

/**
 * The origin the printed link names: PUBLIC_ORIGIN, or where server.mjs listens (SERVED_AT), or
 * this machine's port 3000 (`next dev`, and commands beside a server that was not told otherwise).
 */
export function serverOrigin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PUBLIC_ORIGIN) return env.PUBLIC_ORIGIN.replace(/\/+$/, '');
  return env.SERVED_AT || `http://localhost:${env.PORT || 3000}`;
}

/**
 * At start: with no account, a new link (any earlier one forgotten), written to `file` when there
 * is one, and returned for printing; with accounts, none (and any left over removed).
 */
export async function prepareSetupLink(db: Db, file: string | null, origin: string): Promise<string | null> {
  if (await anyEditor(db)) {
    await dropSetupLinks(db);
    if (file) fs.rmSync(file, { force: true });
    return null;
  }
  const token = randomBytes(32).toString('base64url');
  await replaceSetupLink(db, setupTokenHash(token));
  const link = `${origin}${SETUP_PAGE}?token=${token}`;
  if (file) fs.writeFileSync(file, `${link}\n`, { mode: 0o600 });
  return link;
}

/** The link a running server wrote beside a PGlite store, if it is still waiting to be used. */
export function readSetupLink(file: string | null): string | null {
  if (!file) return null;
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

const MAX_BODY = 8 * 1024;

const setupSchema = z
  .object({
    token: z.string().regex(TOKEN, 'not a setup link'),
    name: z.string().regex(EDITOR_NAME, 'letters, digits, . _ -; 64 at most, starting with a letter or a digit'),
    password: z.string().max(MAX_PASSWORD),
    again: z.string().max(MAX_PASSWORD).optional(),
  })
  .superRefine((v, ctx) => {
    const weak = passwordProblem(v.password);
    if (weak) ctx.addIssue({ code: 'custom', path: ['password'], message: weak });
    else if (v.again !== undefined && v.again !== v.password) ctx.addIssue({ code: 'custom', path: ['again'], message: 'differs' });
  });

/**
 * POST /api/setup: the first administrator, from the setup page's form (303 to the desk, signed
 * in; or back to the form with what to mend) or from JSON (201 and the session, as a sign-in).
 * 410 once any account exists, 404 for a link that is not the one printed last.
 */
export async function setupResponse(req: Request): Promise<Response> {
  if (!sameOrigin(req, publicOrigin(req)))
    return problemResponse({
      type: '/problems/cross-site-request',
      title: 'Cross-site request refused',
      status: 403,
      detail: 'The first administrator is made from this site’s own setup page.',
    });
  const read = await readFormOrJson(req, MAX_BODY, 'Make the first administrator');
  if (!read.ok) return read.response;
  const { form, fields } = read;
  const lang = typeof fields.lang === 'string' && (LANGS as readonly string[]).includes(fields.lang) ? fields.lang : 'en';
  const back = (error: string) => {
    const q = new URLSearchParams({ token: String(fields.token ?? '').slice(0, 64), error, lang });
    if (typeof fields.name === 'string') q.set('name', fields.name.slice(0, 64));
    return redirect(`${SETUP_PAGE}?${q}`);
  };
  const parsed = setupSchema.safeParse(fields);
  if (!parsed.success) {
    if (!form) return unprocessable(issuesToParams(parsed.error.issues));
    const at = String(parsed.error.issues[0]?.path[0] ?? 'token');
    return back(at === 'again' ? 'mismatch' : at === 'password' ? 'weak' : at === 'name' ? 'name' : 'unknown');
  }
  try {
    const db = await getDb();
    const made = await makeFirstAdmin(db, {
      tokenHash: setupTokenHash(parsed.data.token),
      name: parsed.data.name,
      passwordHash: await hashPassword(parsed.data.password),
    });
    if (!made.ok) {
      if (form) return back(made.reason);
      return made.reason === 'used'
        ? problemResponse({
            type: '/problems/setup-done',
            title: 'The first administrator exists',
            status: 410,
            detail: 'An account exists already: sign in at /editor/sign-in; administrators add accounts on the desk.',
          })
        : problemResponse({
            type: '/problems/setup-link-unknown',
            title: 'Not the setup link',
            status: 404,
            detail: 'This is not the link the server printed last: use the latest, or restart the server for a new one.',
          });
    }
    // the link is spent: a command beside the server no longer points to it
    const file = setupLinkFile(configFromEnv());
    if (file) fs.rmSync(file, { force: true });
    const session = await startSession(db, made.editor, clientAddress(req));
    const headers = new Headers(PRIVATE);
    for (const c of sessionCookies(session.token, overHttps(req))) headers.append('set-cookie', c);
    if (form) {
      headers.set('location', `/editor?lang=${lang}&welcome=1`);
      return new Response(null, { status: 303, headers });
    }
    return Response.json({ editor: session.editor, csrf: session.csrf, expiresAt: session.expiresAt }, { status: 201, headers });
  } catch (err) {
    return serverError(err);
  }
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location, ...PRIVATE } });
}

/**
 * At the server's start: with no account yet, the setup link printed where the newcomer looks,
 * the last lines the server writes. A failure is logged, never fatal (the server still serves).
 */
export async function announceSetupLink(db: Db, config: StoreConfig, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const link = await prepareSetupLink(db, setupLinkFile(config), serverOrigin(env));
    if (link)
      console.log(`\n[setup] No editor account yet. Open this link to make the first administrator (it works once):\n[setup]   ${link}\n`);
  } catch (err) {
    console.error('[setup] could not make the setup link:', err instanceof Error ? err.message : err);
  }
}

/** What the setup page says of the link it was opened with: good, used already, or unknown. */
export async function setupPageState(token: string | undefined) {
  return isSetupToken(token) ? setupLinkState(await getDb(), setupTokenHash(token)) : 'unknown';
}

/** Whether the store has no editor account yet (the sign-in page then points to the setup link). */
export async function storeHasNoAccount(): Promise<boolean> {
  return !(await anyEditor(await getDb()));
}
