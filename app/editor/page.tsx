import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ViewActions, type ViewActionLabels } from '@/components/desk/ViewActions';
import { deskSession } from '@/lib/auth/page-session';
import { deskHome, type RecentChange } from '@/lib/desk/page-data';
import type { View } from '@/lib/domain/view';
import { formatDay, formatNumber, formatTimeUtc } from '@/lib/format';
import { accountWords, passwordWords } from '@/lib/i18n/accounts';
import { authorWords, type DeskKey, deskText } from '@/lib/i18n/desk';
import type { Lang } from '@/lib/i18n/messages';
import { negotiateLang } from '@/lib/i18n/negotiate';

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

function ViewTable({
  views,
  lang,
  title,
  status,
  t,
  csrf,
}: {
  views: View[];
  lang: Lang;
  title: (v: View) => string;
  status: (v: View) => string;
  t: ReturnType<typeof deskText>;
  csrf: string;
}) {
  const labels: ViewActionLabels = {
    publish: t('actPublish'),
    publishPinned: t('actPublishPinned'),
    unpublish: t('actUnpublish'),
    delete: t('actDelete'),
    confirmDelete: t('actConfirmDelete'),
    cancel: t('actCancel'),
    failed: t('actFailed'),
    working: t('actWorking'),
  };
  return (
    // on a phone each view is a block of its own, its actions in reach (no table to scroll sideways)
    <div className="mt-3">
      <table className="w-full border-collapse text-start text-sm max-sm:block" data-testid="views-table">
        <thead className="max-sm:sr-only">
          <tr className="border-b border-slate-400 text-start">
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewTitle')}
            </th>
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewStatus')}
            </th>
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewUpdated')}
            </th>
            <th scope="col" className="py-2 pe-4 text-start font-semibold">
              {t('viewLinks')}
            </th>
            <th scope="col" className="py-2 text-start font-semibold">
              {t('viewActions')}
            </th>
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {views.map((v) => (
            <tr key={v.id} className="border-b border-slate-200 align-top max-sm:block max-sm:py-2">
              <td className="py-2 pe-4 max-sm:block max-sm:py-0.5 max-sm:font-semibold">{title(v)}</td>
              <td className="py-2 pe-4 max-sm:block max-sm:py-0.5">{status(v)}</td>
              <td className="py-2 pe-4 whitespace-nowrap max-sm:block max-sm:py-0.5 max-sm:text-slate-600">
                {formatDay(v.updatedAt.slice(0, 10), lang)}
              </td>
              <td className={`py-2 pe-4 whitespace-nowrap max-sm:block max-sm:py-0.5 ${v.publishedAt === null ? 'max-sm:hidden' : ''}`}>
                {/* a view not yet published has no public page or embed to open */}
                {v.publishedAt === null ? (
                  '—'
                ) : (
                  <>
                    <a href={`/views/${v.id}`} className="text-blue-800 underline">
                      {t('viewPage')}
                    </a>
                    {' · '}
                    <a href={`/embed/${v.id}`} className="text-blue-800 underline">
                      {t('viewEmbed')}
                    </a>
                  </>
                )}
              </td>
              <td className="py-2 max-sm:block max-sm:pt-1.5">
                <ViewActions id={v.id} title={title(v)} published={v.publishedAt !== null} csrf={csrf} labels={labels} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecentItem({ c, lang, t }: { c: RecentChange; lang: Lang; t: ReturnType<typeof deskText> }) {
  const name = (c.title && (c.title[lang] || c.title.en || c.title.fr || c.title.ar)) || c.entityId;
  const quoted = lang === 'fr' ? `« ${name} »` : `“${name}”`;
  const who = authorWords(c.author, t);
  return (
    <li>
      <span>
        {t(`action_${c.action}` as DeskKey, { seq: String(c.restoredFrom ?? '') })} {t(`kind_${c.kind}` as DeskKey)} {quoted}
      </span>
      <span className="text-slate-600">
        {' · '}
        {formatDay(c.at.slice(0, 10), lang)} {formatTimeUtc(c.at, lang)} UTC{' · '}
        {who}
      </span>
      {c.kind === 'incident' && (
        <>
          {' · '}
          <a href={`/editor/incidents/${encodeURIComponent(c.entityId)}?lang=${lang}`} className="text-blue-800 underline">
            {t('seeHistory')}
          </a>
        </>
      )}
      {(c.kind === 'place' || c.kind === 'source' || c.kind === 'actor') && (
        <>
          {' · '}
          <a href={`/editor/records/${c.kind}/${encodeURIComponent(c.entityId)}?lang=${lang}`} className="text-blue-800 underline">
            {t('seeHistory')}
          </a>
        </>
      )}
    </li>
  );
}
