import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { RecordForm, type RecordKind } from '@/components/desk/RecordForm';
import { FieldChanges } from '@/components/FieldChanges';
import { parseId } from '@/lib/api/params';
import { deskSession } from '@/lib/auth/page-session';
import { getDb } from '@/lib/db';
import { changesOf } from '@/lib/db/history';
import { getPlaceRecord } from '@/lib/db/places';
import { listActors, listSources } from '@/lib/db/catalog';
import { formatDay, formatTimeUtc } from '@/lib/format';
import { readableChanges } from '@/lib/history/names';
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
  const db = await getDb();
  let record: Record<string, unknown> | null = null;
  let positionFixed = false;
  if (!isNew && id.ok) {
    if (kind === 'place') {
      record = (await getPlaceRecord(db, id.value)) as unknown as Record<string, unknown> | null;
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents WHERE place_id = $1', [id.value]);
      positionFixed = (n?.n ?? 0) > 0;
    } else {
      const all = kind === 'source' ? await listSources(db) : await listActors(db);
      record = (all.find((x) => x.id === id.value) ?? null) as Record<string, unknown> | null;
    }
    if (!record) notFound();
  }
  const changes = !isNew && id.ok ? await changesOf(db, kind, id.value, { limit: HISTORY }) : [];
  const title = t(`${kind}Title${isNew ? 'New' : ''}` as RecordsKey);
  const words = { field: dt('field'), before: dt('before'), after: dt('after'), changedText: fieldWords(lang)('changedText') };
  const entries = await readableChanges(db, lang, changes, { absent: dt('valueAbsent'), none: dt('valueNone') });
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
          {changes.length === 0 ? (
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
