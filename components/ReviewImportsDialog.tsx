'use client';
import { fieldClass } from './styles';
import ModalDialog from './ModalDialog';
import { useState } from 'react';
import { formatDay } from '@/lib/format';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { textIn } from '@/lib/i18n/text';

interface Side {
  id: string;
  title: { en: string; fr: string };
  date: string;
  placeId: string;
  placeName: string;
}
interface Candidate {
  claimId: string;
  claimant: string;
  importedIncident: Side;
  incident: Side;
  distanceKm: number;
}

type Load = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; items: Candidate[] };

const field = fieldClass;
const button = 'rounded border px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600';

/**
 * "Review imports", for editors: each row an import found likely to describe an incident already
 * stored, side by side, with the editor's two answers — the same incident (the row becomes one
 * more claim on it) or not (they stay apart). Nothing is merged without this.
 */
export default function ReviewImportsDialog({ lang, t, onClose }: { lang: Lang; t: Translate; onClose(): void }) {
  const [token, setToken] = useState('');
  const [load, setLoad] = useState<Load>({ kind: 'idle' });
  const [said, setSaid] = useState('');

  const auth = () => ({ authorization: `Bearer ${token.trim()}` });
  const refused = (status: number) => (status === 401 || status === 429 ? t('wrongToken') : t('reviewFailed', { reason: status }));

  async function list() {
    setLoad({ kind: 'loading' });
    try {
      const res = await fetch('/api/imports/candidates', { headers: auth() });
      if (!res.ok) return setLoad({ kind: 'error', message: refused(res.status) });
      setLoad({ kind: 'loaded', items: ((await res.json()) as { candidates: Candidate[] }).candidates });
    } catch {
      setLoad({ kind: 'error', message: t('reviewUnreachable') });
    }
  }

  async function decide(c: Candidate, decision: 'confirm' | 'reject') {
    const res = await fetch(`/api/imports/candidates/${c.claimId}/${c.incident.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: JSON.stringify({ decision }),
    }).catch(() => null);
    if (!res?.ok) return setSaid(res ? refused(res.status) : t('reviewUnreachable'));
    setSaid(decision === 'confirm' ? t('reviewConfirmed', { incident: textIn(c.incident.title, lang) }) : t('reviewRejected'));
    setLoad((l) => (l.kind === 'loaded' ? { kind: 'loaded', items: l.items.filter((x) => x !== c) } : l));
  }

  const side = (label: string, s: Side) => (
    <div className="min-w-0 flex-1">
      <p className="text-xs font-semibold text-slate-700">{label}</p>
      <p className="font-medium">{textIn(s.title, lang)}</p>
      <p className="text-xs text-slate-700">
        {formatDay(s.date, lang)} · {s.placeName}
      </p>
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
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void list();
          }}
        >
          <label className="block flex-1">
            <span className="text-xs font-semibold text-slate-700">{t('editorToken')}</span>
            <input
              type="password"
              autoComplete="off"
              className={field}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              name="token"
            />
          </label>
          <button type="submit" className={`${button} border-slate-900 bg-slate-900 text-white`} disabled={!token.trim()}>
            {t('reviewLoad')}
          </button>
        </form>
        <p aria-live="polite" className="min-h-5 text-slate-800" data-testid="review-status">
          {load.kind === 'loading' ? t('loading') : said}
        </p>
        {load.kind === 'error' && (
          <p role="alert" className="text-red-800">
            {load.message}
          </p>
        )}
        {load.kind === 'loaded' && load.items.length === 0 && <p data-testid="review-empty">{t('reviewEmpty')}</p>}
        {load.kind === 'loaded' && load.items.length > 0 && (
          <ul className="space-y-3" data-testid="review-list">
            {load.items.map((c) => (
              <li key={`${c.claimId}/${c.incident.id}`} className="rounded border border-slate-300 p-3" data-testid="review-item">
                <div className="flex flex-wrap gap-4">
                  {side(t('reviewImported', { claimant: c.claimant.toUpperCase() }), c.importedIncident)}
                  {side(t('reviewStored'), c.incident)}
                </div>
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
        )}
      </div>
    </ModalDialog>
  );
}
