import { getDb } from '../db';
import type { Db } from '../db/store';
import { parseId } from './params';
import { badRequest, notFound, serverError } from './problem';
import { cachedJson } from './respond';

type Ctx = { params: Promise<{ id: string }> };

/**
 * A GET handler for one resource by id: 400 for a malformed id, 404 when `load` finds
 * nothing, 503/500 as problems when the store fails, else the body with an ETag.
 */
export function getById(what: string, load: (db: Db, id: string, req: Request) => Promise<unknown | null>, contentType = 'application/geo+json') {
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
