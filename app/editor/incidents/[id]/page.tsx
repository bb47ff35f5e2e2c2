import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { RestoreButton, type RestoreLabels } from '@/components/desk/RestoreButton';
import { FieldChanges } from '@/components/FieldChanges';
import { parseId } from '@/lib/api/params';
import { deskSession } from '@/lib/auth/page-session';
import { formatDay, formatNumber, formatTimeUtc } from '@/lib/format';
import { incidentHistory } from '@/lib/history/pages';
import { fieldWords } from '@/lib/i18n/fields';
import { authorWords, type DeskKey, deskText } from '@/lib/i18n/desk';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'History of an incident · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** An incident's history on the editor's desk: each change, who made it, each field it changed; any version brought back. */
export default async function IncidentHistory({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const id = parseId((await params).id);
  if (!id.ok) notFound();
  const session = await deskSession(`/editor/incidents/${id.value}`, lang);
  const t = deskText(lang);
  const before = typeof sp.before === 'string' && /^\d{1,15}$/.test(sp.before) ? Number(sp.before) : undefined;
  const found = await incidentHistory(id.value, before, lang, { absent: t('valueAbsent'), none: t('valueNone') });
  if (!found) notFound();
  const { current, page, more, entries } = found;
  const newest = before === undefined ? page[0]?.seq : undefined;
  const known = current ?? page.find((c) => c.before)?.before ?? null;
  const title = known ? known.title[lang] || known.title.en : id.value;
  const labels: RestoreLabels = {
    restore: t('restoreVersion'),
    restoreBefore: t('restoreBefore'),
    conflict: t('restoreConflict'),
    failed: t('actFailed'),
    working: t('actWorking'),
  };
  const words = { field: t('field'), before: t('before'), after: t('after'), changedText: fieldWords(lang)('changedText') };
  const who = (a: { kind: string; name: string | null }) => authorWords(a, t);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <a href={`/editor?lang=${lang}`} className="text-blue-800 underline">
          {t('backToDesk')}
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t('historyTitle')}</h1>
      <p className="mt-1 text-lg" data-testid="history-incident">
        {title}
      </p>
      {current ? (
        <p className="mt-1 text-sm">
          <a href={`/?lang=${lang}&incident=${encodeURIComponent(id.value)}`} className="text-blue-800 underline">
            {t('historyOpenMap')}
          </a>
          {' · '}
          <a
            href={`/editor/incidents/${encodeURIComponent(id.value)}/edit?lang=${lang}`}
            className="text-blue-800 underline"
            data-testid="edit-incident"
          >
            {t('editIncident')}
          </a>
          <span className="text-slate-600">
            {' · '}
            {t('revisionN', { n: formatNumber(current.revision, lang) })}
          </span>
        </p>
      ) : (
        <p role="note" className="mt-2 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t('historyDeleted')}
        </p>
      )}
      {page.length === 0 ? (
        <p className="mt-6 text-sm text-slate-700">{t('historyNone')}</p>
      ) : (
        <ol className="mt-6 space-y-6" data-testid="history">
          {entries.map(({ c, body, readable }) => {
            const action = t(`action_${c.action}` as DeskKey, { seq: String(c.restoredFrom ?? '') });
            return (
              <li key={c.seq} className="rounded border border-slate-300 bg-white p-4" data-testid="change">
                <h2 className="text-base font-semibold">
                  {t('changeHeading', {
                    action,
                    date: formatDay(c.at.slice(0, 10), lang),
                    time: formatTimeUtc(c.at, lang),
                    who: who(c.author),
                  })}
                </h2>
                <p className="text-xs text-slate-600">
                  {t('changeN', { seq: String(c.seq) })}
                  {body.revision !== null && ` · ${t('revisionN', { n: formatNumber(body.revision, lang) })}`}
                </p>
                {body.fields.length > 0 && <FieldChanges fields={body.fields} readable={readable} words={words} />}
                {/* any version but the one the incident is in now can be brought back */}
                {c.seq !== newest || !current ? (
                  <div className="mt-3">
                    {c.after ? (
                      <RestoreButton
                        incidentId={id.value}
                        change={c.seq}
                        version="after"
                        revision={current?.revision ?? null}
                        csrf={session.csrf}
                        labels={labels}
                      />
                    ) : c.before ? (
                      <RestoreButton
                        incidentId={id.value}
                        change={c.seq}
                        version="before"
                        revision={current?.revision ?? null}
                        csrf={session.csrf}
                        labels={labels}
                      />
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {more && (
        <p className="mt-6 text-sm">
          <a
            href={`/editor/incidents/${encodeURIComponent(id.value)}?lang=${lang}&before=${page.at(-1)?.seq}`}
            className="text-blue-800 underline"
          >
            {t('olderChanges')}
          </a>
        </p>
      )}
    </main>
  );
}
