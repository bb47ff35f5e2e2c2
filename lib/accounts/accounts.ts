/**
 * Accounts managed in the browser by administrators (the `admin` role; a script with the
 * service token may too): add an account with a one-time password, give an account a new one,
 * disable one. The password is in the answer once and never stored but as its hash.
 */
import 'server-only';
import { z } from 'zod';
import { authorizeWrite, type Writer } from '@/lib/auth/guard';
import { issuesToParams, notFound, problemResponse, readJson, serverError, unprocessable } from '@/lib/api/problem';
import { hashPassword, oneTimePassword } from '@/lib/auth/passwords';
import { getDb } from '@/lib/db';
import {
  addEditor,
  disableEditor,
  EDITOR_NAME,
  EditorExistsError,
  findEditor,
  listEditors,
  ROLES,
  setEditorPassword,
} from '@/lib/db/editors';

type Ctx = { params: Promise<{ name: string }> };
const NO_STORE = { 'cache-control': 'no-store' };

/** The writer, when it may manage accounts: an administrator's session or the service token; else the answer. */
async function adminWrite(req: Request): Promise<{ ok: true; who: Writer } | { ok: false; response: Response }> {
  const auth = await authorizeWrite(req);
  if (!auth.ok) return auth;
  if (auth.who.kind === 'editor' && auth.who.role !== 'admin')
    return {
      ok: false,
      response: problemResponse({
        type: '/problems/admin-only',
        title: 'Only administrators manage accounts',
        status: 403,
        detail: `${auth.who.name} is an editor: ask an administrator.`,
      }),
    };
  return auth;
}

const nameSchema = z.string().regex(EDITOR_NAME, 'letters, digits, . _ -; 64 at most, starting with a letter or a digit');
const addSchema = z.object({ name: nameSchema, role: z.enum(ROLES) });

/** The account's name from the path (decoded by the router), when it can be one. */
async function nameOf(ctx: Ctx): Promise<string | null> {
  const raw = (await ctx.params).name;
  return EDITOR_NAME.test(raw) ? raw : null;
}

/** POST /api/editors {name, role}: a new account and its one-time password (201), shown this once. */
export async function addAccount(req: Request): Promise<Response> {
  const auth = await adminWrite(req);
  if (!auth.ok) return auth.response;
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const parsed = addSchema.safeParse(body.value);
  if (!parsed.success) return unprocessable(issuesToParams(parsed.error.issues));
  try {
    const password = oneTimePassword();
    const editor = await addEditor(await getDb(), { ...parsed.data, passwordHash: await hashPassword(password), oneTime: true });
    return Response.json(
      { editor: { name: editor.name, role: editor.role, createdAt: editor.createdAt }, password },
      { status: 201, headers: NO_STORE },
    );
  } catch (err) {
    if (err instanceof EditorExistsError)
      return problemResponse({ type: '/problems/editor-exists', title: 'That name is taken', status: 409, detail: err.message });
    return serverError(err);
  }
}

/** POST /api/editors/{name}/password: a new one-time password (the account enabled again), shown this once. */
export async function resetAccount(req: Request, ctx: Ctx): Promise<Response> {
  const auth = await adminWrite(req);
  if (!auth.ok) return auth.response;
  const name = await nameOf(ctx);
  if (!name) return notFound('Editor', (await ctx.params).name.slice(0, 64));
  try {
    const password = oneTimePassword();
    const done = await setEditorPassword(await getDb(), name, await hashPassword(password), { oneTime: true });
    return done ? Response.json({ name, password }, { headers: NO_STORE }) : notFound('Editor', name);
  } catch (err) {
    return serverError(err);
  }
}

/** POST /api/editors/{name}/disable: the account can no longer sign in (its sessions end); not one's own. */
export async function disableAccount(req: Request, ctx: Ctx): Promise<Response> {
  const auth = await adminWrite(req);
  if (!auth.ok) return auth.response;
  const name = await nameOf(ctx);
  if (!name) return notFound('Editor', (await ctx.params).name.slice(0, 64));
  if (auth.who.kind === 'editor' && auth.who.name.toLowerCase() === name.toLowerCase())
    return problemResponse({
      type: '/problems/own-account',
      title: 'Not your own account',
      status: 409,
      detail: 'An administrator cannot disable the account they are signed in with: another administrator can.',
    });
  try {
    const db = await getDb();
    const done = await disableEditor(db, name);
    if (!done) return notFound('Editor', name);
    const editor = await findEditor(db, name);
    return Response.json({ name: editor?.name ?? name, disabledAt: editor?.disabledAt ?? null }, { headers: NO_STORE });
  } catch (err) {
    return serverError(err);
  }
}

/** The accounts the administrators' page lists. */
export async function accountsList() {
  return listEditors(await getDb());
}
