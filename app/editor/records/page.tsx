import type { Metadata } from 'next';
import { recordLists } from '@/lib/records/pages';
import { headers } from 'next/headers';
import { deskSession } from '@/lib/auth/page-session';
import { kindKey, recordsText } from '@/lib/i18n/records';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { RecordList, RecordSection } from '@/components/desk/RecordLists';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Places, sources and actors · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;
/** How many places a search on this page lists. */
const FOUND = 50;

/** The desk's list of the records incidents point to, each with its editor; a new one of each kind. */
export default async function Records({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  await deskSession('/editor/records', lang);
  const t = recordsText(lang);
  const q = typeof sp.q === 'string' ? sp.q.trim().slice(0, 200) : '';
  const { sources, actors, places } = await recordLists(q, FOUND);
  const name = (n: { en: string; fr: string; ar?: string }) => (lang === 'ar' ? n.ar || n.en : lang === 'fr' ? n.fr : n.en);
  const cls = 'text-blue-800 underline';
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <a href={`/editor?lang=${lang}`} className={cls}>
          {t('backToDesk')}
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t('recordsTitle')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-700">{t('recordsIntro')}</p>

      <RecordSection kind="source" heading={t('sources')} newLabel={t('newSource')} lang={lang}>
        <RecordList
          kind="source"
          lang={lang}
          edit={t('edit')}
          items={sources.map((x) => ({ id: x.id, name: name(x.name), about: t(kindKey('source', x.kind)) }))}
        />
      </RecordSection>
      <RecordSection kind="actor" heading={t('actors')} newLabel={t('newActor')} lang={lang}>
        <RecordList
          kind="actor"
          lang={lang}
          edit={t('edit')}
          items={actors.map((x) => ({ id: x.id, name: name(x.name), about: t(kindKey('actor', x.kind)) }))}
        />
      </RecordSection>
      <RecordSection kind="place" heading={t('places')} newLabel={t('newPlace')} lang={lang}>
        <form method="get" className="mt-2 flex flex-wrap items-end gap-2 text-sm">
          <input type="hidden" name="lang" value={lang} />
          <label htmlFor="place-q">{q ? t('placesFound', { q }) : t('placesShown')}</label>
          <input id="place-q" name="q" defaultValue={q} className="rounded border border-slate-500 px-2 py-1" />
          <button type="submit" className="rounded border border-slate-500 bg-white px-2 py-1 font-medium">
            {t('search')}
          </button>
        </form>
        {places.length === 0 ? (
          <p className="mt-2 text-sm">{t('none')}</p>
        ) : (
          <RecordList
            kind="place"
            lang={lang}
            edit={t('edit')}
            items={places.map((x) => ({ id: x.id, name: name(x.name), about: `${t(kindKey('place', x.kind))} · ${x.admin1}` }))}
          />
        )}
      </RecordSection>
    </main>
  );
}
