import { editorWrite } from '@/lib/api/handlers';
import { originVary, publicOrigin } from '@/lib/api/origin';
import { parseId } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, otherMethods, serverError, unprocessable } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';
import { PRIVATE, readableView, viewBody } from '@/lib/api/views';
import { getDb } from '@/lib/db';
import { deleteView, getView, updateView } from '@/lib/db/views';
import { viewSpecSchema } from '@/lib/domain/view';

export const dynamic = 'force-dynamic';

export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');

type Ctx = { params: Promise<{ id: string }> };

/** A published view is public to read; an unpublished one only for editors (404 to anyone else). */
export async function GET(req: Request, ctx: Ctx): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  try {
    const found = await readableView(await getDb(), id.value, req);
    if (!found) return notFound('View', id.value);
    return cachedJson(req, viewBody(found.view, publicOrigin(req)), { headers: { ...originVary(), ...(found.private ? PRIVATE : {}) } });
  } catch (err) {
    return serverError(err);
  }
}

/** Changes a view (editors only): the fields sent replace those stored; the result must be a valid view. */
export async function PATCH(req: Request, ctx: Ctx): Promise<Response> {
  const write = await editorWrite(req, ctx);
  if (!write.ok) return write.response;
  if (typeof write.body !== 'object' || write.body === null || Array.isArray(write.body)) {
    return unprocessable([{ name: '(body)', reason: 'expected an object of view fields' }]);
  }
  try {
    const db = await getDb();
    const view = await getView(db, write.id);
    if (!view) return notFound('View', write.id);
    const spec = viewSpecSchema.safeParse({ ...view.spec, ...write.body });
    if (!spec.success) return unprocessable(issuesToParams(spec.error.issues));
    const updated = await updateView(db, write.id, spec.data, write.author);
    if (!updated) return notFound('View', write.id);
    return Response.json(viewBody(updated, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}

/** Deletes a view for good (editors only): 204. Its embeds and links answer 404 from then on. */
export async function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  const write = await editorWrite(req, ctx, { body: false });
  if (!write.ok) return write.response;
  try {
    if (!(await deleteView(await getDb(), write.id, write.author))) return notFound('View', write.id);
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
