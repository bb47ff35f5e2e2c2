'use client';
import ModalDialog from './ModalDialog';
import { useState } from 'react';
import useSWR from 'swr';
import type { Range } from '@/lib/domain/casualties';
import { formatDay } from '@/lib/format';
import { ApiError, fetchJson, useCatalogue, useEditorSession } from '@/lib/hooks';
import { EVENT_TYPE_LABELS, type Lang, type Translate } from '@/lib/i18n/messages';
import { textIn } from '@/lib/i18n/text';
import type { EventType } from '@/lib/domain/taxonomy';
import { TollLine } from './Toll';

interface Side {
  id: string;
  title: { en: string; fr: string };
  date: string;
  placeId: string;
  placeName: string;
  eventType?: EventType;
  killed?: Range | null;
  wounded?: Range | null;
  actors?: string[];
  claimants?: string[];
}
interface Candidate {
  claimId: string;
  claimant: string;
  importedIncident: Side;
  incident: Side;
  distanceKm: number;
}

const button = 'rounded border px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600';

/** The possible matches by imported row, in the order the rows come, each row's closest first. */
function rowsOf(items: Candidate[]): [Candidate, ...Candidate[]][] {
  const rows = new Map<string, Candidate[]>();
  for (const c of items) rows.set(c.claimId, [...(rows.get(c.claimId) ?? []), c]);
  return [...rows.values()].map((r) => r.sort((a, b) => a.distanceKm - b.distanceKm) as [Candidate, ...Candidate[]]);
}

/**
 * "Review imports", for a signed-in editor: each row an import found likely to describe an incident
 * already stored, side by side with what to decide by (date, place, type, toll, actors, who reports
 * it), and the editor's two answers — the same incident (the row becomes one more claim on it,
 * and its other possible matches close) or not (they stay apart). Nothing is merged without this.
 */
export default function ReviewImportsDialog({ lang, t, onClose }: { lang: Lang; t: Translate; onClose(): void }) {
  const session = useEditorSession();
  const catalogue = useCatalogue();
  // asked when the dialog opens; decisions taken here leave the list without asking again
  const list = useSWR('/api/imports/candidates', (u: string) => fetchJson<{ candidates: Candidate[] }>(u), {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  const [said, setSaid] = useState('');
  const csrf = session.data?.csrf ?? '';

  const refused = (status: number) =>
    status === 401 ? t('sessionEnded') : status === 0 ? t('reviewUnreachable') : t('reviewFailed', { reason: status });
  const items = list.data?.candidates;

  async function decide(c: Candidate, decision: 'confirm' | 'reject') {
    const res = await fetch(`/api/imports/candidates/${c.claimId}/${c.incident.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ decision }),
    }).catch(() => null);
    if (!res?.ok) return setSaid(res ? refused(res.status) : t('reviewUnreachable'));
    setSaid(decision === 'confirm' ? t('reviewConfirmed', { incident: textIn(c.incident.title, lang) }) : t('reviewRejected'));
    // confirmed, the row is a claim on that incident: its other possible matches are closed with it (the server rejects them)
    await list.mutate(
      (d) => d && { candidates: d.candidates.filter((x) => (decision === 'confirm' ? x.claimId !== c.claimId : x !== c)) },
      { revalidate: false },
    );
  }

  const named = (list: { id: string; name: Record<string, string | undefined> }[] | undefined, id: string) => {
    const n = list?.find((x) => x.id === id)?.name;
    return (n && (n[lang] || n.en)) || id;
  };
  const side = (label: string, s: Side) => (
    <div className="min-w-0 flex-1">
      <p className="text-xs font-semibold text-slate-700">{label}</p>
      <p className="font-medium">{textIn(s.title, lang)}</p>
      <p className="text-xs text-slate-700">
        {formatDay(s.date, lang)} · {s.placeName}
        {s.eventType ? ` · ${EVENT_TYPE_LABELS[lang][s.eventType]}` : ''}
      </p>
      {s.killed !== undefined && <TollLine killed={s.killed} wounded={s.wounded} lang={lang} t={t} className="text-xs" />}
      {s.actors && s.actors.length > 0 && (
        <p className="text-xs text-slate-700" data-testid="review-actors">
          {t('reviewActors')}
          {t('colon')}
          {s.actors.map((a) => named(catalogue.data?.actors, a)).join(', ')}
        </p>
      )}
      {s.claimants && s.claimants.length > 0 && (
        <p className="text-xs text-slate-700" data-testid="review-claimants">
          {t('reportedBy')}
          {t('colon')}
          {s.claimants.map((c) => named(catalogue.data?.sources, c)).join(', ')}
        </p>
      )}
    </div>
  );

  return (
    <ModalDialog
      id="review"
      title={t('reviewTitle')}
      closeLabel={t('close')}
      width="w-[min(96vw,760px)]"
      testId="review-dialog"
      onClose={onClose}
    >
      <div className="space-y-3 p-4 text-sm">
        <p className="text-slate-700">{t('reviewIntro')}</p>
        <p aria-live="polite" className="min-h-5 text-slate-800" data-testid="review-status">
          {list.isLoading ? t('loading') : said}
        </p>
        {list.error && (
          <p role="alert" className="text-red-800">
            {refused(list.error instanceof ApiError ? list.error.status : 0)}
          </p>
        )}
        {items?.length === 0 && <p data-testid="review-empty">{t('reviewEmpty')}</p>}
        {items && items.length > 0 && (
          <ul className="space-y-3" data-testid="review-list">
            {/* one imported row once, beside each incident it may describe */}
            {rowsOf(items).map(([first, ...others]) => (
              <li key={first.claimId} className="rounded border border-slate-300 p-3" data-testid="review-row" data-claim={first.claimId}>
                <div className="flex flex-wrap gap-4">
                  {side(t('reviewImported', { claimant: named(catalogue.data?.sources, first.claimant) }), first.importedIncident)}
                  <ul className="min-w-0 flex-1 space-y-3">
                    {[first, ...others].map((c) => (
                      <li key={c.incident.id} data-testid="review-item" data-claim={c.claimId}>
                        {side(t('reviewStored'), c.incident)}
                        <p className="pt-1 text-xs text-slate-700">{t('reviewDistance', { km: c.distanceKm.toLocaleString(lang) })}</p>
                        <div className="flex flex-wrap gap-2 pt-2">
                          <button type="button" className={`${button} border-slate-900`} onClick={() => void decide(c, 'confirm')}>
                            {t('reviewConfirm')}
                          </button>
                          <button type="button" className={`${button} border-slate-500`} onClick={() => void decide(c, 'reject')}>
                            {t('reviewReject')}
                          </button>
                        </div>
                      </li>
                    ))}
                  </ul>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </ModalDialog>
  );
}
