import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { deskSession } from '@/lib/auth/page-session';
import { deskHome } from '@/lib/desk/page-data';
import type { View } from '@/lib/domain/view';
import { formatDay, formatNumber, formatTimeUtc } from '@/lib/format';
import { accountWords, passwordWords } from '@/lib/i18n/accounts';
import { deskText } from '@/lib/i18n/desk';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { RecentItem, ViewTable } from '@/components/desk/DeskLists';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Editor’s desk · Conflict incident map', robots: { index: false } };

const SHOWN = 200;
const RECENT = 15;

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The editor's desk: who is signed in, signing out, and the saved views with their status. */
export default async function Desk({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const session = await deskSession('/editor', lang);
  const t = deskText(lang);
  const { views, total, recent } = await deskHome(SHOWN, RECENT);
  const title = (v: View) => v.spec.title[lang] || v.spec.title.en || v.spec.title.fr || v.spec.title.ar || v.id;
  const status = (v: View) =>
    v.publishedAt === null
      ? t('statusDraft')
      : t(v.pinned ? 'statusPinned' : 'statusLive', { date: formatDay(v.publishedAt.slice(0, 10), lang) });
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <header className="flex flex-wrap items-baseline justify-between gap-4 border-b border-slate-300 pb-4">
        <div>
          <h1 className="text-2xl font-semibold">{t('deskTitle')}</h1>
          <p className="mt-1 text-sm text-slate-700">
            <span data-testid="signed-in-as">{t('signedInAs', { name: session.name })}</span>
            {' · '}
            {t(`role_${session.role}`)}
          </p>
          <p className="mt-1 text-xs text-slate-600">{t('sessionEnds', { time: formatTimeUtc(session.expiresAt, lang) })}</p>
        </div>
        <div className="flex items-center gap-4">
          <a href={`/?lang=${lang}`} className="text-sm text-blue-800 underline">
            {t('backToMap')}
          </a>
          <form method="post" action="/api/session/sign-out">
            <input type="hidden" name="csrf" value={session.csrf} />
            <input type="hidden" name="lang" value={lang} />
            <button
              type="submit"
              className="rounded border border-slate-500 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
            >
              {t('signOut')}
            </button>
          </form>
        </div>
      </header>
      {sp.welcome === '1' && (
        <p
          role="status"
          className="mt-6 rounded border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm text-emerald-950"
          data-testid="welcome"
        >
          {t('welcome')}
        </p>
      )}
      <p className="mt-6">
        <a
          href={`/editor/incidents/new?lang=${lang}`}
          className="inline-block rounded bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-900 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
          data-testid="new-incident"
        >
          {t('newIncident')}
        </a>{' '}
        <a href={`/editor/records?lang=${lang}`} className="ms-3 text-sm text-blue-800 underline" data-testid="records-link">
          {t('records')}
        </a>
        <a href={`/editor/password?lang=${lang}`} className="ms-3 text-sm text-blue-800 underline" data-testid="password-link">
          {passwordWords(lang).link}
        </a>
        {session.role === 'admin' && (
          <a href={`/editor/accounts?lang=${lang}`} className="ms-3 text-sm text-blue-800 underline" data-testid="accounts-link">
            {accountWords(lang).link}
          </a>
        )}
      </p>
      <section aria-labelledby="views-heading" className="mt-6">
        <h2 id="views-heading" className="text-lg font-semibold">
          {t('views')}
        </h2>
        {views.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t('viewsNone')}</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">
              {views.length < total
                ? t('viewsCount', { shown: formatNumber(views.length, lang), total: formatNumber(total, lang) })
                : t('viewsAll', { n: formatNumber(total, lang) })}
            </p>
            <ViewTable views={views} lang={lang} title={title} status={status} t={t} csrf={session.csrf} />
          </>
        )}
      </section>
      <section aria-labelledby="recent-heading" className="mt-8">
        <h2 id="recent-heading" className="text-lg font-semibold">
          {t('recentChanges')}
        </h2>
        {recent.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t('recentNone')}</p>
        ) : (
          <ul data-testid="recent-changes" className="mt-2 space-y-1.5 text-sm">
            {recent.map((c) => (
              <RecentItem key={c.seq} c={c} lang={lang} t={t} />
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
