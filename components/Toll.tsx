import type { Range } from '@/lib/domain/casualties';
import { formatRange } from '@/lib/format';
import type { Lang, Translate } from '@/lib/i18n/messages';

/** A reported figure: the number or range, or "not reported" — never a 0 nobody said. */
export function Toll({ range, lang, t }: { range: Range | null; lang: Lang; t: Translate }) {
  if (!range) return <span className="text-slate-600 italic">{t('notReported')}</span>;
  return <span className="font-semibold tabular-nums">{formatRange(range, lang)}</span>;
}

export function ContestedMark({ reasons, t }: { reasons: readonly ('attribution' | 'toll')[]; t: Translate }) {
  if (reasons.length === 0) return null;
  const why = reasons.map((r) => (r === 'attribution' ? t('contestedAttribution') : t('contestedToll'))).join(' · ');
  return (
    <p
      className="inline-flex flex-wrap items-center gap-1 rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-xs text-amber-900"
      data-testid="contested-mark"
    >
      <span aria-hidden="true">⚠</span>
      <strong className="font-semibold">{t('contested')}</strong>
      <span>— {why}</span>
    </p>
  );
}

/** "Killed: 27 · Wounded: 9", the one-line toll of list entries and short popups. */
export function TollLine({
  killed,
  wounded,
  lang,
  t,
  className,
}: {
  killed: Range | null;
  wounded?: Range | null;
  lang: Lang;
  t: Translate;
  className?: string;
}) {
  return (
    <span className={className ?? 'block text-xs'}>
      {t('killed')}
      {t('colon')}
      <Toll range={killed} lang={lang} t={t} />
      {wounded !== undefined && (
        <>
          {' · '}
          {t('wounded')}
          {t('colon')}
          <Toll range={wounded} lang={lang} t={t} />
        </>
      )}
    </span>
  );
}

/** A table of tolls, a row per group or claimant: its name, killed, wounded ("not reported" where no one said). */
export function TollTable({
  caption,
  nameHeader,
  rows,
  lang,
  t,
  testId,
}: {
  caption: string;
  nameHeader: string;
  rows: { key: string; name: string; killed: Range | null; wounded: Range | null }[];
  lang: Lang;
  t: Translate;
  testId?: string;
}) {
  return (
    <table className="mt-1 w-full text-start text-xs" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="font-normal">
            {nameHeader}
          </th>
          <th scope="col" className="font-normal">
            {t('killed')}
          </th>
          <th scope="col" className="font-normal">
            {t('wounded')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-200">
            <th scope="row" className="py-0.5 font-normal">
              {r.name}
            </th>
            <td>
              <Toll range={r.killed} lang={lang} t={t} />
            </td>
            <td>
              <Toll range={r.wounded} lang={lang} t={t} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
