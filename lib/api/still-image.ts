import { z } from 'zod';
import { getDb } from '../db';
import { storeVersion } from '../db/version';
import { getView } from '../db/views';
import { cachedRender, renderCacheHeader } from '../render-cache';
import { svgToPng, viewStaticSvg } from '../static-image';
import { parseId } from './params';
import { badRequest, issuesToParams, notFound, serverError } from './problem';
import { preparedResponse, sharedCache } from './respond';

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
    // drawn once per view, size and language until the store changes (social sites and oEmbed consumers ask often)
    const key = JSON.stringify([
      'still',
      format,
      id.value,
      q.data.w ?? null,
      q.data.h ?? null,
      q.data.lang ?? null,
      await storeVersion(db),
    ]);
    const image = await cachedRender(key, async () => {
      const view = await getView(db, id.value);
      if (!view) return null;
      const svg = await viewStaticSvg(db, view, { lang: q.data.lang, width: q.data.w, height: q.data.h });
      return format === 'svg' ? svg : svgToPng(svg, q.data.w ?? 800);
    });
    if (!image) return notFound('View', id.value);
    const contentType = format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png';
    return preparedResponse(req, image.body, { contentType, headers: { ...sharedCache(30), ...renderCacheHeader(image) } });
  } catch (err) {
    return serverError(err);
  }
}
