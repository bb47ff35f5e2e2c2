import { getDb } from '@/lib/db';
import { storeVersion } from '@/lib/db/version';
import { adhocEmbedHtml, specFromQuery } from '@/lib/embed';
import { embedMessagePage, htmlResponse, pageResponse } from '@/lib/embed-page';
import { translator } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { cachedRender } from '@/lib/render-cache';

export const dynamic = 'force-dynamic';

/** An embed configured by its URL alone: /embed?title=…&lang=en&type=battles&bounds=w,s,e,n&highlight=… */
export async function GET(req: Request) {
  const sp = new URL(req.url).searchParams;
  const q: Record<string, string> = {};
  for (const key of new Set(sp.keys())) q[key] = sp.getAll(key).join(',');
  const lang = negotiateLang(q.lang, req.headers.get('accept-language'));
  const parsed = specFromQuery(q, lang);
  if (!parsed.ok) {
    const t = translator(lang);
    return htmlResponse(
      req,
      await embedMessagePage(lang, t('appTitle'), t('embedInvalid', { reason: parsed.reason }), 'embed-invalid'),
      400,
    );
  }
  const db = await getDb();
  // keyed by the options as parsed: two URLs that say the same thing share a page
  const key = JSON.stringify(['adhoc', parsed.spec, await storeVersion(db)]);
  return pageResponse(req, (await cachedRender(key, () => adhocEmbedHtml(db, parsed.spec)))!);
}
