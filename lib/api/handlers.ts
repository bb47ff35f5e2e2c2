import { getDb } from '../db';
import type { Db } from '../db/store';
import { parseId } from './params';
import { requireEditor } from './auth';
import { badRequest, notFound, readJson, serverError } from './problem';
import { cachedJson } from './respond';

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
  return async function GET(req: Request, ctx: Ctx): Promise<Response> {
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
 * The common start of an editor's write to one resource: the token (401), the id in the URL
 * (400) and a JSON body (400/415). Either the id and body, or the response to send.
 */
export async function editorWrite(
  req: Request,
  ctx: Ctx,
): Promise<{ ok: true; id: string; body: unknown } | { ok: false; response: Response }> {
  const denied = requireEditor(req);
  if (denied) return { ok: false, response: denied };
  const id = parseId((await ctx.params).id);
  if (!id.ok) return { ok: false, response: badRequest(id.errors) };
  const body = await readJson(req);
  if (!body.ok) return body;
  return { ok: true, id: id.value, body: body.value };
}
