import { z } from 'zod';
import { getDb } from '@/lib/db';
import { getView } from '@/lib/db/views';
import { idSchema } from '@/lib/domain/schema';
import { DEFAULT_EMBED_HEIGHT, embedCode } from '@/lib/embed-code';
import { publicOrigin } from '@/lib/api/origin';
import { badRequest, issuesToParams, notFound, problemResponse, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  url: z.url({ error: 'expected the URL of one of our embeds or views' }),
  maxwidth: z.coerce.number().int().min(1).optional(),
  maxheight: z.coerce.number().int().min(1).optional(),
  format: z.string().optional(),
});

const MIN_WIDTH = 320;
const DEFAULT_WIDTH = 640;

/**
 * oEmbed 1.0 (https://oembed.com), type "rich": the embed code of one of our views.
 * format=xml is not offered (501); a URL that is not one of our views is 404.
 */
export async function GET(req: Request): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const q = querySchema.safeParse(Object.fromEntries(sp));
  if (!q.success) return badRequest(issuesToParams(q.error.issues));
  const format = q.data.format ?? 'json';
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
  const match = /^\/(?:embed|views|api\/views)\/([^/]+)\/?$/.exec(target.pathname);
  if (target.origin !== origin || !match || !idSchema.safeParse(match[1]).success) return notFound('Embeddable view', q.data.url);
  try {
    const view = await getView(await getDb(), match[1]!);
    if (!view) return notFound('Embeddable view', q.data.url);
    const title = view.spec.title[view.spec.lang] ?? view.spec.title.fr ?? view.spec.title.en ?? '';
    const width = Math.max(MIN_WIDTH, Math.min(q.data.maxwidth ?? DEFAULT_WIDTH, DEFAULT_WIDTH));
    const height = Math.min(q.data.maxheight ?? DEFAULT_EMBED_HEIGHT, DEFAULT_EMBED_HEIGHT);
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
      thumbnail_url: `${origin}/api/views/${view.id}/static.png?w=${width}&h=${Math.max(240, Math.round(width * 0.65))}`,
      thumbnail_width: width,
      thumbnail_height: Math.max(240, Math.round(width * 0.65)),
    };
    return cachedJson(req, body);
  } catch (err) {
    return serverError(err);
  }
}
