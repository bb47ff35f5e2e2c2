/** GET /api/oembed: a published view as an oEmbed rich item, for CMSs that embed by URL. */
import 'server-only';
import { originVary, publicOrigin } from '@/lib/api/origin';
import { decimalInt, parseQuery } from '@/lib/api/params';
import { badRequest, notFound, problemResponse, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/prepared';
import { PRIVATE } from '@/lib/api/prepared';
import { readableView } from '@/lib/views/readable';
import { getDb } from '@/lib/db';
import { idSchema } from '@/lib/domain/schema';
import { DEFAULT_EMBED_HEIGHT, embedCode } from '@/lib/embed/code';
import { stillSize } from '@/lib/still/sizes';
import { z } from 'zod';

const querySchema = z.object({
  url: z.url({ error: 'expected the URL of one of our embeds or views' }).max(2000, 'at most 2000 characters'),
  maxwidth: decimalInt.pipe(z.number().min(1, 'at least 1')).optional(),
  maxheight: decimalInt.pipe(z.number().min(1, 'at least 1')).optional(),
  format: z.string().max(20).optional(),
});

const MIN_WIDTH = 320;
const DEFAULT_WIDTH = 640;

/**
 * oEmbed 1.0 (https://oembed.com), type "rich": the embed code of one of our views.
 * format=xml is not offered (501); a URL that is not one of our views is 404.
 */
export async function oembedGet(req: Request): Promise<Response> {
  const parsed = parseQuery(new URL(req.url).searchParams, querySchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  const q = { data: parsed.value };
  const format = q.data.format || 'json';
  if (format !== 'json') {
    return problemResponse({
      type: '/problems/not-implemented',
      title: 'Only JSON is offered',
      status: 501,
      detail: `format=${format} is not implemented; use format=json.`,
    });
  }
  const origin = publicOrigin(req);
  const target = new URL(q.data.url);
  const viewId = /^\/(?:embed|views|api\/views)\/([^/]+)\/?$/.exec(target.pathname)?.[1];
  if (target.origin !== origin || !viewId || !idSchema.safeParse(viewId).success) return notFound('Embeddable view', q.data.url);
  try {
    const found = await readableView(await getDb(), viewId, req);
    if (!found) return notFound('Embeddable view', q.data.url);
    const { view } = found;
    const title = view.spec.title[view.spec.lang] ?? view.spec.title.fr ?? view.spec.title.en ?? '';
    const width = Math.max(MIN_WIDTH, Math.min(q.data.maxwidth ?? DEFAULT_WIDTH, DEFAULT_WIDTH));
    const height = Math.min(q.data.maxheight ?? DEFAULT_EMBED_HEIGHT, DEFAULT_EMBED_HEIGHT);
    // the thumbnail in one of the still image's sizes, about as wide as the embed
    const thumb = stillSize(width, Math.round(width * 0.65));
    const body = {
      version: '1.0',
      type: 'rich',
      title,
      provider_name: 'Conflict incident map',
      provider_url: origin,
      author_name: view.spec.credit[view.spec.lang] ?? undefined,
      cache_age: 300,
      html: embedCode({ origin, viewId: view.id, title, width: q.data.maxwidth ? width : null, height }),
      width,
      height,
      // a thumbnail must carry all three fields (oEmbed 1.0, 2.3.4)
      thumbnail_url: `${origin}/api/views/${view.id}/static.png?w=${thumb.width}&h=${thumb.height}`,
      thumbnail_width: thumb.width,
      thumbnail_height: thumb.height,
    };
    return cachedJson(req, body, { headers: { ...originVary(), ...(found.private ? PRIVATE : {}) } });
  } catch (err) {
    return serverError(err);
  }
}
