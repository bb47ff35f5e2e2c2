import { headers } from 'next/headers';
import EmbedMap from '@/components/EmbedMap';
import { getDb } from '@/lib/db';
import { fullMapUrl, loadEmbed, specFromQuery } from '@/lib/embed';
import { translator } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';

/** An embed configured by its URL alone: /embed?title=…&lang=en&type=battles&bounds=w,s,e,n&highlight=… */
export default async function AdHocEmbed({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const q = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
  const lang = negotiateLang(q.lang, (await headers()).get('accept-language'));
  const parsed = specFromQuery(q, lang);
  if (!parsed.ok) {
    return (
      <p role="alert" className="p-3 text-sm text-red-900" data-testid="embed-invalid">
        {translator(lang)('embedInvalid', { reason: parsed.reason })}
      </p>
    );
  }
  const data = await loadEmbed(await getDb(), parsed.spec, null, true);
  return (
    <EmbedMap
      viewId={null}
      spec={parsed.spec}
      lang={parsed.spec.lang}
      incidents={data.incidents}
      places={data.places}
      pinned={null}
      fullMapUrl={fullMapUrl(parsed.spec, parsed.spec.lang)}
      styleUrl={process.env.BASEMAP_STYLE_URL || null}
    />
  );
}
