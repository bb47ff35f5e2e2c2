import 'server-only';
import { originVary, publicOrigin } from '@/lib/api/origin';
import { PRIVATE } from '@/lib/api/prepared';
import { readableView } from '@/lib/views/readable';
import { getDb } from '@/lib/db';
import { isStoreUnavailable } from '@/lib/db/errors';
import { storeVersion } from '@/lib/db/version';
import { idSchema } from '@/lib/domain/schema';
import { embedMessagePage, htmlResponse, pageOptions, pageResponse } from '@/lib/embed/page';
import { leaveAnswer } from '@/lib/front';
import { type ViewPageKind, viewEmbedHtml } from '@/lib/embed/props';
import { LANGS, type Lang, translator } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { cachedRender } from '@/lib/render-cache';
import { lastStill } from '@/lib/still/last';

/**
 * A page that cannot be made because the store is out of reach: 503 with Retry-After, a message
 * in the reader's language and, when one was drawn before, the view's last still image.
 * Anything else that failed is logged and answered 500, with the same kind of page.
 */
export async function pageFailure(req: Request, err: unknown, lang: Lang, viewId: string | null): Promise<Response> {
  const t = translator(lang);
  const unavailable = isStoreUnavailable(err);
  console.error('[page]', err);
  // drawn at a fixed size: scaled down to the frame, so a phone does not scroll sideways
  const still =
    unavailable && viewId ? lastStill(viewId)?.replace('<svg ', '<svg style="display:block;max-width:100%;height:auto" ') : null;
  const after = still
    ? `<figure class="p-3"><figcaption class="pb-2 text-sm text-slate-700">${t('lastDrawn')}</figcaption>${still}</figure>`
    : '';
  const html = await embedMessagePage(lang, t('appTitle'), t(unavailable ? 'storeUnavailable' : 'pageError'), 'embed-unavailable', after);
  return htmlResponse(req, html, unavailable ? 503 : 500, { 'cache-control': 'no-store', ...(unavailable ? { 'retry-after': '5' } : {}) });
}

/**
 * A saved view's HTML page, as an embed (/embed/{id}, for a frame in an article) or on its own
 * (/views/{id}, the link an editor shares). Query: lang=fr|en|ar (the view's own by default), and
 * live=1 for a pinned view's current data. An unknown or unpublished view is a 404 page in the
 * reader's language (an editor, with the token, sees an unpublished one).
 */
export async function viewPageResponse(req: Request, viewId: string, kind: ViewPageKind): Promise<Response> {
  const sp = new URL(req.url).searchParams;
  const asked = sp.get('lang');
  const lang = LANGS.find((l) => l === asked) ?? null;
  const live = sp.get('live') === '1';
  const pageLang = negotiateLang(asked, req.headers.get('accept-language'));
  if (idSchema.safeParse(viewId).success) {
    try {
      const db = await getDb();
      const origin = publicOrigin(req);
      // the store's version first: a page is never older than the version it is kept under
      const version = await storeVersion(db);
      const found = await readableView(db, viewId, req);
      if (found) {
        const key = JSON.stringify([kind, viewId, lang, live, origin, version]);
        const page = await cachedRender(key, () => viewEmbedHtml(db, found.view, { lang, live, origin, kind }));
        if (page && !found.private)
          // the same page for every reader until the store changes: given again before Next.js, under a crowd
          leaveAnswer(req, page.body, pageOptions(originVary()), async () => (await storeVersion(db)) === version);
        if (page) return pageResponse(req, page, { ...originVary(), ...(found.private ? PRIVATE : {}) });
      }
    } catch (err) {
      return pageFailure(req, err, pageLang, viewId);
    }
  }
  const t = translator(pageLang);
  return htmlResponse(req, await embedMessagePage(pageLang, t('viewNotFound'), t('viewNotFound'), 'embed-not-found'), 404);
}
