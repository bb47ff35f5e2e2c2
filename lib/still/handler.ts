import 'server-only';
import { z } from 'zod';
import { decimalInt, parseId, parseQuery } from '@/lib/api/params';
import { badRequest, notFound, problemAnswer, problemResponse, serverError } from '@/lib/api/problem';
import { preparedResponse, sharedCache } from '@/lib/api/prepared';
import { PRIVATE } from '@/lib/api/prepared';
import { readableView } from '@/lib/views/readable';
import { getDb } from '@/lib/db';
import { storeVersion } from '@/lib/db/version';
import { leaveAnswer, setGate } from '@/lib/front';
import { cachedRender, isCached, renderCacheHeader } from '@/lib/render-cache';
import { rememberStill } from '@/lib/still/last';
import { RasterBusy, rasterBusy } from '@/lib/still/raster';
import { viewStill } from '@/lib/still/render';
import { stillSize } from '@/lib/still/sizes';

const sizeSchema = z
  .object({
    w: decimalInt.pipe(z.number().min(320, 'at least 320').max(2000, 'at most 2000')).optional(),
    h: decimalInt.pipe(z.number().min(240, 'at least 240').max(2000, 'at most 2000')).optional(),
    lang: z.enum(['fr', 'en', 'ar']).optional(),
  })
  .strict();

const BUSY = {
  type: '/problems/busy',
  title: 'Still images are being drawn',
  status: 503,
  detail: 'Too many still images are being drawn; try again shortly.',
};
const RETRY = { 'retry-after': '2' };

// while the worker's queue is full, a still image not kept is refused before Next.js (a flood of
// them, asking again at once, would otherwise keep the server busy answering 503s)
const STILL = /^\/api\/views\/[^/]+\/static\.(png|svg)$/;
setGate('still-busy', (pathname) => (STILL.test(pathname) && rasterBusy() ? problemAnswer(BUSY, RETRY) : null));

/**
 * A view as a still image drawn on the server (SVG, or PNG rasterised from it), both off the
 * request thread: for <noscript>, print and link previews. Sizes snap to a fixed set
 * (lib/still/sizes.ts); 503 with Retry-After while the worker's queue is full.
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
    // an image not drawn yet while the worker is full: refused before any work is done for it
    if (rasterBusy() && !isCached(key)) throw new RasterBusy();
    const image = await cachedRender(key, async () => {
      const { svg, png } = await viewStill(db, view, version, { lang: q.data.lang, ...size, png: format === 'png' });
      if (!found.private) rememberStill(view.id, svg);
      return png ?? svg;
    });
    if (!image) return notFound('View', id.value);
    const contentType = format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png';
    const options = { contentType, headers: { ...sharedCache(30), 'x-still-size': `${size.width}x${size.height}` } };
    if (!found.private) leaveAnswer(req, image.body, options, async () => (await storeVersion(db)) === version);
    return preparedResponse(req, image.body, {
      ...options,
      headers: { ...options.headers, ...(found.private ? PRIVATE : {}), ...renderCacheHeader(image) },
    });
  } catch (err) {
    if (err instanceof RasterBusy) return problemResponse(BUSY, RETRY);
    return serverError(err);
  }
}
