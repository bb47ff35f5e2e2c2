import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { pageSession } from '@/lib/auth/page-session';
import { getDb } from '@/lib/db';
import { listActors, listGazetteerPlaces, listSources, searchPlaces } from '@/lib/db/queries';
import { kindKey, recordsText } from '@/lib/i18n/records';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Places, sources and actors · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;
/** How many places a search on this page lists. */
const FOUND = 50;

/** The desk's list of the records incidents point to, each with its editor; a new one of each kind. */
export default async function Records({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const session = await pageSession();
  if (!session) redirect(`/editor/sign-in?next=${encodeURIComponent('/editor/records')}&lang=${lang}`);
  const t = recordsText(lang);
  const q = typeof sp.q === 'string' ? sp.q.trim().slice(0, 200) : '';
  const db = await getDb();
  const [sources, actors, places] = await Promise.all([
    listSources(db),
    listActors(db),
    q ? searchPlaces(db, q, FOUND) : listGazetteerPlaces(db),
  ]);
  const name = (n: { en: string; fr: string; ar?: string }) => (lang === 'ar' ? n.ar || n.en : lang === 'fr' ? n.fr : n.en);
  const link = (kind: string, id: string) => `/editor/records/${kind}/${encodeURIComponent(id)}?lang=${lang}`;
  const cls = 'text-blue-800 underline';
  const newLink = (kind: string, label: string) => (
    <a href={link(kind, 'new')} className="rounded border border-slate-500 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100">
      + {label}
    </a>
  );
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <a href={`/editor?lang=${lang}`} className={cls}>
          {t('backToDesk')}
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t('recordsTitle')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-700">{t('recordsIntro')}</p>

      <section aria-labelledby="sources-h" className="mt-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="sources-h" className="text-lg font-semibold">
            {t('sources')}
          </h2>
          {newLink('source', t('newSource'))}
        </div>
        <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid="sources-list">
          {sources.map((s) => (
            <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <bdi className="font-medium">{name(s.name)}</bdi> <span className="text-slate-600">· {t(kindKey('source', s.kind))}</span>
              </span>
              <a href={link('source', s.id)} className={cls} aria-label={`${t('edit')} ${name(s.name)}`}>
                {t('edit')}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="actors-h" className="mt-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="actors-h" className="text-lg font-semibold">
            {t('actors')}
          </h2>
          {newLink('actor', t('newActor'))}
        </div>
        <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid="actors-list">
          {actors.map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <bdi className="font-medium">{name(a.name)}</bdi> <span className="text-slate-600">· {t(kindKey('actor', a.kind))}</span>
              </span>
              <a href={link('actor', a.id)} className={cls} aria-label={`${t('edit')} ${name(a.name)}`}>
                {t('edit')}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="places-h" className="mt-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="places-h" className="text-lg font-semibold">
            {t('places')}
          </h2>
          {newLink('place', t('newPlace'))}
        </div>
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
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid="places-list">
            {places.map((p) => (
              <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  <bdi className="font-medium">{name(p.name)}</bdi>{' '}
                  <span className="text-slate-600">
                    · {t(kindKey('place', p.kind))} · {p.admin1}
                  </span>
                </span>
                <a href={link('place', p.id)} className={cls} aria-label={`${t('edit')} ${name(p.name)}`}>
                  {t('edit')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
