import { publicOrigin } from '@/lib/api/origin';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { publishView } from '@/lib/db/views';
import { requireEditor } from '@/lib/api/auth';
import { parseId } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, readJson, serverError, unprocessable } from '@/lib/api/problem';
import { viewBody } from '@/lib/api/views';

export const dynamic = 'force-dynamic';

const publishSchema = z.object({ pin: z.boolean().default(false) }).strict();

/**
 * Publishes a view (editors only). `{"pin": true}` freezes it: its embed keeps showing the
 * incidents as they are now, and says so when they are corrected later.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const denied = requireEditor(req);
  if (denied) return denied;
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const opts = publishSchema.safeParse(body.value);
  if (!opts.success) return unprocessable(issuesToParams(opts.error.issues));
  try {
    const view = await publishView(await getDb(), id.value, opts.data.pin);
    if (!view) return notFound('View', id.value);
    return Response.json(viewBody(view, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
