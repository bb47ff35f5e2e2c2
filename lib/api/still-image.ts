import { z } from 'zod';
import { getDb } from '../db';
import { getView } from '../db/views';
import { svgToPng, viewStaticSvg } from '../static-image';
import { parseId } from './params';
import { badRequest, issuesToParams, notFound, serverError } from './problem';
import { cachedBytes, cachedJson } from './respond';

const sizeSchema = z.object({
  w: z.coerce.number().int().min(320).max(2000).optional(),
  h: z.coerce.number().int().min(240).max(2000).optional(),
  lang: z.enum(['fr', 'en']).optional(),
});

/** A view as a still image drawn on the server (SVG, or PNG rasterised from it): for <noscript>, print and link previews. */
export async function stillImage(req: Request, ctx: { params: Promise<{ id: string }> }, format: 'svg' | 'png'): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const q = sizeSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return badRequest(issuesToParams(q.error.issues));
  try {
    const db = await getDb();
    const view = await getView(db, id.value);
    if (!view) return notFound('View', id.value);
    const svg = await viewStaticSvg(db, view, { lang: q.data.lang, width: q.data.w, height: q.data.h });
    if (format === 'svg') return cachedJson(req, svg, { contentType: 'image/svg+xml', raw: true });
    const png = await svgToPng(svg, q.data.w ?? 800);
    return cachedBytes(req, png, 'image/png');
  } catch (err) {
    return serverError(err);
  }
}

