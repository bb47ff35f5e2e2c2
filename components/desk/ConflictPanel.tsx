'use client';
import { FieldChanges } from '@/components/FieldChanges';
import { type Names, readable } from '@/lib/history/readable';
import { diffRecords } from '@/lib/domain/diff';
import type { Incident } from '@/lib/domain/schema';
import { fieldWords } from '@/lib/i18n/fields';
import type { FormText } from '@/lib/i18n/incident-form';
import type { Lang } from '@/lib/i18n/messages';

/** A save refused because someone else saved meanwhile: what differs, and the editor's two ways out. */
export function ConflictPanel({
  t,
  lang,
  names,
  conflict,
  mine,
  onKeepMine,
  onTakeTheirs,
}: {
  t: FormText;
  lang: Lang;
  names: Names;
  conflict: { current: Incident; revision: number; who: string | null };
  mine: Incident | null;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const fields = mine ? diffRecords(conflict.current, mine) : [];
  return (
    <section
      role="alert"
      aria-labelledby="conflict-heading"
      className="rounded border-2 border-amber-600 bg-amber-50 p-4"
      data-testid="edit-conflict"
    >
      <h2 id="conflict-heading" className="text-lg font-semibold">
        {t('conflictHeading')}
      </h2>
      <p className="mt-1 text-sm">{t('conflictText', { who: conflict.who ?? '—', n: conflict.revision })}</p>
      <FieldChanges
        fields={fields}
        readable={readable({ lang, names, records: [mine, conflict.current], words: { absent: t('valueAbsent'), none: t('valueNone') } })}
        words={{ field: t('field'), before: t('conflictTheirs'), after: t('conflictMine'), changedText: fieldWords(lang)('changedText') }}
      />
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" onClick={onKeepMine} className="rounded bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white">
          {t('conflictKeepMine')}
        </button>
        <button type="button" onClick={onTakeTheirs} className="rounded border border-slate-500 bg-white px-3 py-1.5 text-sm font-medium">
          {t('conflictTakeTheirs')}
        </button>
      </div>
    </section>
  );
}
