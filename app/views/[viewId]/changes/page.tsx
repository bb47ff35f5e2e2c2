import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { namesIn } from '@/lib/history/names';
import { readable } from '@/lib/history/readable';
import { fieldWords } from '@/lib/i18n/fields';
import { FieldChanges } from '@/components/FieldChanges';
import { parseId } from '@/lib/api/params';
import { formatDay } from '@/lib/format';
import { changesText } from '@/lib/i18n/changes';
import { dirOf, type Lang, LANGS } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { type IncidentRef, publishedViewChanges } from '@/lib/views/changes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'What changed since publication · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** A published, pinned view's snapshot against today's data: the page its embed's correction note links to. */
export default async function ViewChanges({ params, searchParams }: { params: Promise<{ viewId: string }>; searchParams: Search }) {
  const sp = await searchParams;
  const id = parseId((await params).viewId);
  if (!id.ok) notFound();
  const found = await publishedViewChanges(id.value);
  if (!found) notFound();
  const { view, changes } = found;
  const asked = typeof sp.lang === 'string' && (LANGS as readonly string[]).includes(sp.lang) ? (sp.lang as Lang) : null;
  const lang = asked ?? negotiateLang(view.spec.lang, (await headers()).get('accept-language'));
  const t = changesText(lang);
  const name = (r: IncidentRef) => r.title[lang] || r.title.en || r.title.fr;
  const words = { field: t('field'), before: t('before'), after: t('after'), changedText: fieldWords(lang)('changedText') };
  const names = await namesIn(lang, changes?.changed.flatMap((c) => c.versions) ?? []);
  const readableOf = (c: { versions: unknown[] }) =>
    readable({ lang, names, records: c.versions, words: { absent: t('absent'), none: t('none') } });
  const viewTitle = view.spec.title[lang] || view.spec.title.en || view.spec.title.fr || view.spec.title.ar;
  const link = 'text-blue-800 underline';
  return (
    <main lang={lang} dir={dirOf(lang)} className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-lg">{viewTitle}</p>
      {!changes ? (
        <p className="mt-4 text-sm">{t('notPinned')}</p>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">{t('published', { date: formatDay(changes.publishedAt.slice(0, 10), lang) })}</p>
          <p className="mt-2 text-sm">
            <a href={`/views/${view.id}?lang=${lang}`} className={link}>
              {t('asPublished')}
            </a>
            {' · '}
            <a href={`/views/${view.id}?lang=${lang}&live=1`} className={link}>
              {t('current')}
            </a>
          </p>
          {changes.changed.length + changes.added.length + changes.removed.length === 0 && (
            <p className="mt-6 text-sm" data-testid="nothing-changed">
              {t('nothing')}
            </p>
          )}
          {changes.changed.length > 0 && (
            <section aria-labelledby="changed-heading" className="mt-6" data-testid="changed">
              <h2 id="changed-heading" className="text-lg font-semibold">
                {t('changed')}
              </h2>
              {changes.changed.map((c) => (
                <article key={c.id} className="mt-3 rounded border border-slate-300 bg-white p-4">
                  <h3 className="font-semibold">{name(c)}</h3>
                  <FieldChanges fields={c.fields} readable={readableOf(c)} words={words} />
                </article>
              ))}
            </section>
          )}
          {changes.added.length > 0 && (
            <section aria-labelledby="added-heading" className="mt-6" data-testid="added">
              <h2 id="added-heading" className="text-lg font-semibold">
                {t('added')}
              </h2>
              <ul className="mt-2 list-disc ps-5 text-sm">
                {changes.added.map((r) => (
                  <li key={r.id}>{name(r)}</li>
                ))}
              </ul>
            </section>
          )}
          {changes.removed.length > 0 && (
            <section aria-labelledby="removed-heading" className="mt-6" data-testid="removed">
              <h2 id="removed-heading" className="text-lg font-semibold">
                {t('removed')}
              </h2>
              <p className="text-xs text-slate-600">{t('removedNote')}</p>
              <ul className="mt-2 list-disc ps-5 text-sm">
                {changes.removed.map((r) => (
                  <li key={r.id}>{name(r)}</li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </main>
  );
}
