/** GET /embed?…: an embed configured by its URL alone (/embed?title=…&lang=en&type=battles&bounds=w,s,e,n&highlight=…). */
import 'server-only';
import { single } from '@/lib/api/params';
import type { InvalidParam } from '@/lib/api/problem';
import { getDb } from '@/lib/db';
import { storeVersion } from '@/lib/db/version';
import { embedMessagePage, htmlResponse, pageResponse } from '@/lib/embed/page';
import { LIST_PARAMS, adhocEmbedHtml, specFromQuery } from '@/lib/embed/props';
import { pageFailure } from '@/lib/embed/view-page';
import { translator } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { cachedRender } from '@/lib/render-cache';

/** The page, or a page saying which option is wrong (400); kept per store version and options as parsed. */
export async function adhocEmbedGet(req: Request) {
  const sp = new URL(req.url).searchParams;
  const errors: InvalidParam[] = [];
  const one = single(sp, errors);
  const q: Record<string, string | undefined> = {};
  // lists may be repeated or comma-separated; every other option is given once
  for (const key of new Set(sp.keys())) q[key] = LIST_PARAMS.includes(key) ? sp.getAll(key).join(',') : one(key);
  const lang = negotiateLang(q.lang, req.headers.get('accept-language'));
  const t = translator(lang);
  const parsed = errors.length
    ? { ok: false as const, reason: errors.map((e) => `${e.name}: ${e.reason}`).join('; ') }
    : specFromQuery(q, lang);
  if (!parsed.ok) {
    return htmlResponse(
      req,
      await embedMessagePage(lang, t('appTitle'), t('embedInvalid', { reason: parsed.reason }), 'embed-invalid'),
      400,
    );
  }
  try {
    const db = await getDb();
    // keyed by the options as parsed: two URLs that say the same thing share a page
    const key = JSON.stringify(['adhoc', parsed.spec, await storeVersion(db)]);
    const page = await cachedRender(key, () => adhocEmbedHtml(db, parsed.spec));
    if (!page) throw new Error('an ad-hoc embed rendered nothing');
    return pageResponse(req, page);
  } catch (err) {
    return pageFailure(req, err, lang, null);
  }
}
