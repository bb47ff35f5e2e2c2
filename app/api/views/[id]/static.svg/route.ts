import { z } from 'zod';
import { getDb } from '@/lib/db';
import { getView } from '@/lib/db/views';
import { parseId } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';
import { viewStaticSvg } from '@/lib/static-image';

export const dynamic = 'force-dynamic';

const sizeSchema = z.object({
  w: z.coerce.number().int().min(320).max(2000).optional(),
  h: z.coerce.number().int().min(240).max(2000).optional(),
  lang: z.enum(['fr', 'en']).optional(),
});

/** A view as a still SVG image, drawn on the server: for <noscript>, print and link previews. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const q = sizeSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return badRequest(issuesToParams(q.error.issues));
  try {
    const db = await getDb();
    const view = await getView(db, id.value);
    if (!view) return notFound('View', id.value);
    const svg = await viewStaticSvg(db, view, { lang: q.data.lang, width: q.data.w, height: q.data.h });
    return cachedJson(req, svg, { contentType: 'image/svg+xml', raw: true });
  } catch (err) {
    return serverError(err);
  }
}
