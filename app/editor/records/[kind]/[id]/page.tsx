import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { RecordForm, type RecordKind } from '@/components/desk/RecordForm';
import { FieldChanges } from '@/components/FieldChanges';
import { parseId } from '@/lib/api/params';
import { deskSession } from '@/lib/auth/page-session';
import { formatDay, formatTimeUtc } from '@/lib/format';
import { recordHistory } from '@/lib/history/pages';
import { recordToEdit } from '@/lib/records/pages';
import { fieldWords } from '@/lib/i18n/fields';
import { authorWords, deskText } from '@/lib/i18n/desk';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { type RecordsKey, recordsText } from '@/lib/i18n/records';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'A place, a source or an actor · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;
const KINDS: readonly RecordKind[] = ['place', 'source', 'actor'];
const HISTORY = 20;

/** A place, a source or an actor on the desk ("new" for a new one): its editor, and its history below. */
export default async function RecordPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string; id: string }>;
  searchParams: Search;
}) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const p = await params;
  const kind = KINDS.find((k) => k === p.kind);
  const isNew = p.id === 'new';
  const id = parseId(p.id);
  if (!kind || (!isNew && !id.ok)) notFound();
  const session = await deskSession(`/editor/records/${kind}/${p.id}`, lang);
  const t = recordsText(lang);
  const dt = deskText(lang);
  let record: Record<string, unknown> | null = null;
  let positionFixed = false;
  if (!isNew && id.ok) {
    const found = await recordToEdit(kind, id.value);
    if (!found) notFound();
    ({ record, positionFixed } = found);
  }
  const title = t(`${kind}Title${isNew ? 'New' : ''}` as RecordsKey);
  const words = { field: dt('field'), before: dt('before'), after: dt('after'), changedText: fieldWords(lang)('changedText') };
  const entries =
    !isNew && id.ok ? await recordHistory(kind, id.value, HISTORY, lang, { absent: dt('valueAbsent'), none: dt('valueNone') }) : [];
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <a href={`/editor/records?lang=${lang}`} className="text-blue-800 underline">
          {t('backToRecords')}
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <RecordForm kind={kind} lang={lang} csrf={session.csrf} initial={record} positionFixed={positionFixed} />
      {!isNew && (
        <section aria-labelledby="history-h" className="mt-10">
          <h2 id="history-h" className="text-lg font-semibold">
            {t('history')}
          </h2>
          {entries.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">{t('historyNone')}</p>
          ) : (
            <ol className="mt-2 space-y-4" data-testid="record-history">
              {entries.map(({ c, body, readable }) => {
                const who = authorWords(c.author, dt);
                return (
                  <li key={c.seq} className="rounded border border-slate-300 bg-white p-3">
                    <h3 className="text-sm font-semibold">
                      {dt('changeHeading', {
                        action: dt(`action_${c.action === 'restore' ? 'update' : c.action}`),
                        date: formatDay(c.at.slice(0, 10), lang),
                        time: formatTimeUtc(c.at, lang),
                        who,
                      })}
                    </h3>
                    {body.fields.length > 0 && <FieldChanges fields={body.fields} readable={readable} words={words} />}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
    </main>
  );
}
