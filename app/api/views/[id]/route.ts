import { publicOrigin } from '@/lib/api/origin';
import { getDb } from '@/lib/db';
import { getView, updateView } from '@/lib/db/views';
import { viewSpecSchema } from '@/lib/domain/view';
import { requireEditor } from '@/lib/api/auth';
import { getById } from '@/lib/api/handlers';
import { parseId } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, readJson, serverError, unprocessable } from '@/lib/api/problem';
import { viewBody } from '@/lib/api/views';

export const dynamic = 'force-dynamic';

/** Views are public to read. */
export const GET = getById('View', async (db, id, req) => {
  const view = await getView(db, id);
  return view && viewBody(view, publicOrigin(req));
}, 'application/json');

/** Changes a view (editors only): the fields sent replace those stored; the result must be a valid view. */
export async function PATCH(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const denied = requireEditor(req);
  if (denied) return denied;
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const body = await readJson(req);
  if (!body.ok) return body.response;
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    return unprocessable([{ name: '(body)', reason: 'expected an object of view fields' }]);
  }
  try {
    const db = await getDb();
    const view = await getView(db, id.value);
    if (!view) return notFound('View', id.value);
    const spec = viewSpecSchema.safeParse({ ...view.spec, ...body.value });
    if (!spec.success) return unprocessable(issuesToParams(spec.error.issues));
    const updated = await updateView(db, id.value, spec.data);
    return Response.json(viewBody(updated!, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
