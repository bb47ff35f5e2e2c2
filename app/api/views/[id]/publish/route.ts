import { publicOrigin } from '@/lib/api/origin';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { publishView } from '@/lib/db/views';
import { editorWrite } from '@/lib/api/handlers';
import { issuesToParams, notFound, serverError, unprocessable } from '@/lib/api/problem';
import { viewBody } from '@/lib/api/views';

export const dynamic = 'force-dynamic';

const publishSchema = z.object({ pin: z.boolean().default(false) }).strict();

/**
 * Publishes a view (editors only). `{"pin": true}` freezes it: its embed keeps showing the
 * incidents as they are now, and says so when they are corrected later.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx);
  if (!write.ok) return write.response;
  const opts = publishSchema.safeParse(write.body);
  if (!opts.success) return unprocessable(issuesToParams(opts.error.issues));
  try {
    const view = await publishView(await getDb(), write.id, opts.data.pin);
    if (!view) return notFound('View', write.id);
    return Response.json(viewBody(view, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
