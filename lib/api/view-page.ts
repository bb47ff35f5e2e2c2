import { getDb } from '../db';
import { storeVersion } from '../db/version';
import { getView } from '../db/views';
import { idSchema } from '../domain/schema';
import { viewEmbedHtml, type ViewPageKind } from '../embed';
import { embedMessagePage, htmlResponse, pageResponse } from '../embed-page';
import { translator } from '../i18n/messages';
import { negotiateLang } from '../i18n/negotiate';
import { cachedRender } from '../render-cache';
import { publicOrigin } from './origin';

/**
 * A saved view's HTML page, as an embed (/embed/{id}, for a frame in an article) or on its own
 * (/views/{id}, the link an editor shares). Query: lang=fr|en (the view's own by default), and
 * live=1 for a pinned view's current data. An unknown view is a 404 page in the reader's language.
 */
export async function viewPageResponse(req: Request, viewId: string, kind: ViewPageKind): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const asked = sp.get('lang');
  const lang = asked === 'en' || asked === 'fr' ? asked : null;
  const live = sp.get('live') === '1';
  if (idSchema.safeParse(viewId).success) {
    const db = await getDb();
    const origin = publicOrigin(req);
    // the store's version first: a page is never older than the version it is kept under
    const key = JSON.stringify([kind, viewId, lang, live, origin, await storeVersion(db)]);
    const page = await cachedRender(key, async () => {
      const view = await getView(db, viewId);
      return view && viewEmbedHtml(db, view, { lang, live, origin, kind });
    });
    if (page) return pageResponse(req, page);
  }
  const pageLang = negotiateLang(asked, req.headers.get('accept-language'));
  const t = translator(pageLang);
  return htmlResponse(req, await embedMessagePage(pageLang, t('viewNotFound'), t('viewNotFound'), 'embed-not-found'), 404);
}
