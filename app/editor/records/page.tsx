import type { Metadata } from 'next';
import { recordLists } from '@/lib/records/pages';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { deskSession } from '@/lib/auth/page-session';
import { kindKey, recordsText } from '@/lib/i18n/records';
import type { Lang } from '@/lib/i18n/messages';
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

const recordLink = (kind: string, id: string, lang: Lang) => `/editor/records/${kind}/${encodeURIComponent(id)}?lang=${lang}`;

/** One kind of record: its heading, a link to make a new one, and what follows. */
function RecordSection({
  kind,
  heading,
  newLabel,
  lang,
  children,
}: {
  kind: string;
  heading: string;
  newLabel: string;
  lang: Lang;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${kind}s-h`} className="mt-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${kind}s-h`} className="text-lg font-semibold">
          {heading}
        </h2>
        <a
          href={recordLink(kind, 'new', lang)}
          className="rounded border border-slate-500 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100"
        >
          + {newLabel}
        </a>
      </div>
      {children}
    </section>
  );
}

/** Records of one kind, each with what it is and a link to its editor. */
function RecordList({
  kind,
  lang,
  edit,
  items,
}: {
  kind: string;
  lang: Lang;
  edit: string;
  items: { id: string; name: string; about: string }[];
}) {
  return (
    <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid={`${kind}s-list`}>
      {items.map((x) => (
        <li key={x.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 text-sm">
          <span>
            <bdi className="font-medium">{x.name}</bdi> <span className="text-slate-600">· {x.about}</span>
          </span>
          <a href={recordLink(kind, x.id, lang)} className="text-blue-800 underline" aria-label={`${edit} ${x.name}`}>
            {edit}
          </a>
        </li>
      ))}
    </ul>
  );
}
