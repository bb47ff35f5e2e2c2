import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { publicOrigin } from '@/lib/api/origin';
import EmbedMap from '@/components/EmbedMap';
import { getDb } from '@/lib/db';
import { getView } from '@/lib/db/views';
import { idSchema } from '@/lib/domain/schema';
import { fullMapUrl, loadEmbed } from '@/lib/embed';

export const dynamic = 'force-dynamic';

/** oEmbed discovery: consumers find our oEmbed endpoint from the embed page itself. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { viewId } = await params;
  if (!idSchema.safeParse(viewId).success) return {};
  const h = await headers();
  const origin = publicOrigin(new Request(`http://${h.get('host') ?? 'localhost'}/`, { headers: h }));
  const view = await getView(await getDb(), viewId);
  if (!view) return {};
  const title = view.spec.title[view.spec.lang] ?? view.spec.title.fr ?? view.spec.title.en;
  const oembed = `${origin}/api/oembed?url=${encodeURIComponent(`${origin}/embed/${viewId}`)}&format=json`;
  const card = `${origin}/api/views/${viewId}/static.png?w=1200&h=630`;
  return {
    title,
    alternates: { types: { 'application/json+oembed': oembed } },
    openGraph: { title, images: [{ url: card, width: 1200, height: 630 }] },
    twitter: { card: 'summary_large_image', images: [card] },
    robots: { index: false },
  };
}

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
