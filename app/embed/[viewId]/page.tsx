import { notFound } from 'next/navigation';
import EmbedMap from '@/components/EmbedMap';
import { getDb } from '@/lib/db';
import { getView } from '@/lib/db/views';
import { idSchema } from '@/lib/domain/schema';
import { fullMapUrl, loadEmbed } from '@/lib/embed';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ viewId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmbedView({ params, searchParams }: Params) {
  const { viewId } = await params;
  const sp = await searchParams;
  if (!idSchema.safeParse(viewId).success) notFound();
  const db = await getDb();
  const view = await getView(db, viewId);
  if (!view) notFound();
  const lang = sp.lang === 'en' || sp.lang === 'fr' ? sp.lang : view.spec.lang;
  const data = await loadEmbed(db, view.spec, view, sp.live === '1');
  return (
    <EmbedMap
      viewId={view.id}
      spec={view.spec}
      lang={lang}
      incidents={data.incidents}
      places={data.places}
      pinned={data.pinned}
      fullMapUrl={fullMapUrl(view.spec, lang)}
      styleUrl={process.env.BASEMAP_STYLE_URL || null}
    />
  );
}
