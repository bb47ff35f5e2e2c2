import { headers } from 'next/headers';
import Dashboard from '@/components/Dashboard';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { readViewState } from '@/lib/state';
import { SMALL_SET } from '@/lib/small-set';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const h = await headers();
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, h.get('accept-language'));
  // a production basemap replaces the offline one when configured (read at request time, not baked into the build)
  const styleUrl = process.env.BASEMAP_STYLE_URL || null;
  // how many matching incidents the page holds itself before drawing tiles (DASHBOARD_SMALL_SET)
  const small = Number(process.env.DASHBOARD_SMALL_SET);
  const smallSet = Number.isInteger(small) && small >= 0 ? small : SMALL_SET;
  return <Dashboard initial={readViewState(sp, lang)} styleUrl={styleUrl} smallSet={smallSet} openShare={sp.share === '1'} />;
}
