import 'server-only';
import { getDb } from '../db';
import type { Db } from '../db/store';
import { authorizeWrite, authorOf } from './guard';
import type { Author } from '../db/history';
import { parseId } from '../api/params';
import { badRequest, notFound, readJson, serverError } from '../api/problem';
import { cachedJson } from '../api/prepared';

type Ctx = { params: Promise<{ id: string }> };

/**
 * A GET handler for one resource by id: 400 for a malformed id, 404 when `load` finds
 * nothing, 503/500 as problems when the store fails, else the body with an ETag.
 */
export function getById(
  what: string,
  load: (db: Db, id: string, req: Request) => Promise<unknown | null>,
  contentType = 'application/geo+json',
) {
  return async function handleGet(req: Request, ctx: Ctx): Promise<Response> {
    const id = parseId((await ctx.params).id);
    if (!id.ok) return badRequest(id.errors);
    try {
      const body = await load(await getDb(), id.value, req);
      return body === null ? notFound(what, id.value) : cachedJson(req, body, { contentType });
    } catch (err) {
      return serverError(err);
    }
  };
}

/**
 * The common start of an editor's write to one resource: who is writing first (401/403/429,
 * before any byte of the body is read), the id in the URL (400) and, unless `body: false`, a JSON
 * body (400/413/415). Either the id, body and author, or the response to send.
 */
export async function editorWrite(
  req: Request,
  ctx: Ctx,
  { body: wantsBody = true }: { body?: boolean } = {},
): Promise<{ ok: true; id: string; body: unknown; author: Author } | { ok: false; response: Response }> {
  const auth = await authorizeWrite(req);
  if (!auth.ok) return auth;
  const author = authorOf(auth.who);
  const id = parseId((await ctx.params).id);
  if (!id.ok) return { ok: false, response: badRequest(id.errors) };
  if (!wantsBody) return { ok: true, id: id.value, body: null, author };
  const body = await readJson(req);
  if (!body.ok) return body;
  return { ok: true, id: id.value, body: body.value, author };
}
