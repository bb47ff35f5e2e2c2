import { publicOrigin } from '@/lib/api/origin';
import { getDb } from '@/lib/db';
import { storeVersion } from '@/lib/db/version';
import { getView } from '@/lib/db/views';
import { idSchema } from '@/lib/domain/schema';
import { viewEmbedHtml } from '@/lib/embed';
import { embedMessagePage, htmlResponse, pageResponse } from '@/lib/embed-page';
import { translator } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { cachedPage } from '@/lib/page-cache';

export const dynamic = 'force-dynamic';

/** A saved view as an embed: /embed/{viewId}[?lang=fr|en][&live=1 for a pinned view's current data]. */
export async function GET(req: Request, { params }: { params: Promise<{ viewId: string }> }) {
  const { viewId } = await params;
  const sp = new URL(req.url).searchParams;
  const asked = sp.get('lang');
  const lang = asked === 'en' || asked === 'fr' ? asked : null;
  const live = sp.get('live') === '1';
  if (idSchema.safeParse(viewId).success) {
    const db = await getDb();
    const origin = publicOrigin(req);
    // the store's version first: a page is never older than the version it is kept under
    const key = JSON.stringify(['view', viewId, lang, live, origin, await storeVersion(db)]);
    const page = await cachedPage(key, async () => {
      const view = await getView(db, viewId);
      return view && viewEmbedHtml(db, view, { lang, live, origin });
    });
    if (page) return pageResponse(req, page);
  }
  const pageLang = negotiateLang(asked, req.headers.get('accept-language'));
  const t = translator(pageLang);
  return htmlResponse(req, await embedMessagePage(pageLang, t('viewNotFound'), t('viewNotFound'), 'embed-not-found'), 404);
}
