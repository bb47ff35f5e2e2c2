import { headers } from 'next/headers';
import Dashboard from '@/components/Dashboard';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { readViewState } from '@/lib/state';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const h = await headers();
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, h.get('accept-language'));
  // a production basemap replaces the offline one when configured (read at request time, not baked into the build)
  const styleUrl = process.env.BASEMAP_STYLE_URL || null;
  return <Dashboard initial={readViewState(sp, lang)} styleUrl={styleUrl} />;
}
