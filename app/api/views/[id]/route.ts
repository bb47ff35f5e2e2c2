import { publicOrigin } from '@/lib/api/origin';
import { getDb } from '@/lib/db';
import { getView, updateView } from '@/lib/db/views';
import { viewSpecSchema } from '@/lib/domain/view';
import { editorWrite, getById } from '@/lib/api/handlers';
import { issuesToParams, notFound, serverError, unprocessable } from '@/lib/api/problem';
import { viewBody } from '@/lib/api/views';

export const dynamic = 'force-dynamic';

/** Views are public to read. */
export const GET = getById(
  'View',
  async (db, id, req) => {
    const view = await getView(db, id);
    return view && viewBody(view, publicOrigin(req));
  },
  'application/json',
);

/** Changes a view (editors only): the fields sent replace those stored; the result must be a valid view. */
export async function PATCH(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
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
    const updated = await updateView(db, write.id, spec.data);
    return Response.json(viewBody(updated!, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
