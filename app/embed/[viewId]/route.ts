import { publicOrigin } from '@/lib/api/origin';
import { getDb } from '@/lib/db';
import { getView } from '@/lib/db/views';
import { idSchema } from '@/lib/domain/schema';
import { loadEmbedProps } from '@/lib/embed';
import { embedMessagePage, embedPage, htmlResponse } from '@/lib/embed-page';
import { translator } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';

/** A saved view as an embed: /embed/{viewId}[?lang=fr|en][&live=1 for a pinned view's current data]. */
export async function GET(req: Request, { params }: { params: Promise<{ viewId: string }> }) {
  const { viewId } = await params;
  const sp = new URL(req.url).searchParams;
  const db = idSchema.safeParse(viewId).success ? await getDb() : null;
  const view = db ? await getView(db, viewId) : null;
  if (!db || !view) {
    const lang = negotiateLang(sp.get('lang'), req.headers.get('accept-language'));
    const t = translator(lang);
    return htmlResponse(req, await embedMessagePage(lang, t('viewNotFound'), t('viewNotFound'), 'embed-not-found'), 404);
  }
  const requested = sp.get('lang');
  const lang = requested === 'en' || requested === 'fr' ? requested : view.spec.lang;
  const origin = publicOrigin(req);
  const title = view.spec.title[lang] ?? view.spec.title[view.spec.lang] ?? view.spec.title.fr ?? view.spec.title.en ?? '';
  const html = await embedPage(
    await loadEmbedProps(db, view.spec, view, { lang, live: sp.get('live') === '1' }),
    {
      title,
      // oEmbed discovery: consumers find our oEmbed endpoint from the embed page itself
      oembedUrl: `${origin}/api/oembed?url=${encodeURIComponent(`${origin}/embed/${view.id}`)}&format=json`,
      cardImage: `${origin}/api/views/${view.id}/static.png?w=1200&h=630`,
    },
  );
  return htmlResponse(req, html);
}
