import 'server-only';
import { z } from 'zod';
import { decimalInt, parseId, parseQuery } from '@/lib/api/params';
import { badRequest, notFound, problemResponse, serverError } from '@/lib/api/problem';
import { preparedResponse, sharedCache } from '@/lib/api/respond';
import { PRIVATE, readableView } from '@/lib/api/views';
import { getDb } from '@/lib/db';
import { storeVersion } from '@/lib/db/version';
import { cachedRender, isCached, renderCacheHeader } from '@/lib/render-cache';
import { rememberStill } from '@/lib/still/last';
import { RasterBusy, rasterBusy, svgToPng } from '@/lib/still/raster';
import { viewStaticSvg } from '@/lib/still/render';
import { stillSize } from '@/lib/still/sizes';

const sizeSchema = z
  .object({
    w: decimalInt.pipe(z.number().min(320, 'at least 320').max(2000, 'at most 2000')).optional(),
    h: decimalInt.pipe(z.number().min(240, 'at least 240').max(2000, 'at most 2000')).optional(),
    lang: z.enum(['fr', 'en', 'ar']).optional(),
  })
  .strict();

/**
 * A view as a still image drawn on the server (SVG, or PNG rasterised from it off the request
 * thread): for <noscript>, print and link previews. Sizes snap to a fixed set (lib/still/sizes.ts);
 * 503 with Retry-After while the rasteriser's queue is full.
 */
export async function stillImage(req: Request, ctx: { params: Promise<{ id: string }> }, format: 'svg' | 'png'): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  const parsed = parseQuery(new URL(req.url).searchParams, sizeSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  const q = { data: parsed.value };
  const size = stillSize(q.data.w, q.data.h);
  try {
    const db = await getDb();
    const version = await storeVersion(db);
    const found = await readableView(db, id.value, req);
    if (!found) return notFound('View', id.value);
    const { view } = found;
    // drawn once per view, size and language until the store changes (social sites and oEmbed consumers ask often)
    const key = JSON.stringify(['still', format, id.value, size.width, size.height, q.data.lang ?? null, version]);
    // a PNG not drawn yet while the renderer is full: refused before any work is done for it
    if (format === 'png' && rasterBusy() && !isCached(key)) throw new RasterBusy();
    const image = await cachedRender(key, async () => {
      const svg = await viewStaticSvg(db, view, { lang: q.data.lang, ...size });
      if (!found.private) rememberStill(view.id, svg);
      return format === 'svg' ? svg : svgToPng(svg, size.width);
    });
    if (!image) return notFound('View', id.value);
    const contentType = format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png';
    return preparedResponse(req, image.body, {
      contentType,
      headers: {
        ...sharedCache(30),
        ...(found.private ? PRIVATE : {}),
        ...renderCacheHeader(image),
        'x-still-size': `${size.width}x${size.height}`,
      },
    });
  } catch (err) {
    if (err instanceof RasterBusy) {
      return problemResponse(
        {
          type: '/problems/busy',
          title: 'Still images are being drawn',
          status: 503,
          detail: 'Too many still images are being drawn; try again shortly.',
        },
        { 'retry-after': '2' },
      );
    }
    return serverError(err);
  }
}
