import { z } from 'zod';
import { editorWrite } from '@/lib/api/handlers';
import { publicOrigin } from '@/lib/api/origin';
import { issuesToParams, notFound, otherMethods, serverError, unprocessable } from '@/lib/api/problem';
import { viewBody } from '@/lib/api/views';
import { getDb } from '@/lib/db';
import { getView, unpublishView } from '@/lib/db/views';
import { publish } from '@/lib/views/incidents';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH } = otherMethods('POST', 'DELETE');

const publishSchema = z.object({ pin: z.boolean().default(false) }).strict();

/**
 * Publishes a view (editors only). `{"pin": true}` freezes it: its embed keeps showing the
 * incidents as they are now, and says so when they are corrected later. Until published, a view
 * is for editors only.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx);
  if (!write.ok) return write.response;
  const opts = publishSchema.safeParse(write.body);
  if (!opts.success) return unprocessable(issuesToParams(opts.error.issues));
  try {
    const db = await getDb();
    const view = await getView(db, write.id);
    const published = view && (await publish(db, view, opts.data.pin, write.author));
    if (!published) return notFound('View', write.id);
    return Response.json(viewBody(published, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}

/** Unpublishes a view (editors only): its embed, page, images and oEmbed answer 404 to the public again. */
export async function DELETE(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx, { body: false });
  if (!write.ok) return write.response;
  try {
    const view = await unpublishView(await getDb(), write.id, write.author);
    if (!view) return notFound('View', write.id);
    return Response.json(viewBody(view, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
