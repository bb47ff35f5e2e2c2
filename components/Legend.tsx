import { EVENT_TYPE_COLOURS, type EventType } from '@/lib/domain/taxonomy';
import { EVENT_TYPE_LABELS, type Lang, type Translate } from '@/lib/i18n/messages';

/** What the symbols mean: colour by event type (those on the map), size, precision rings and areas, contested rings. */
export default function Legend({ types, lang, t }: { types: EventType[]; lang: Lang; t: Translate }) {
  return (
    <section aria-labelledby="legend-title" className="mt-4 text-xs" data-testid="legend">
      <h2 id="legend-title" className="text-sm font-semibold">{t('legend')}</h2>
      <ul className="mt-1 space-y-1">
        {types.map((type) => (
          <li key={type} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full border border-white" style={{ background: EVENT_TYPE_COLOURS[type] }} />
            {EVENT_TYPE_LABELS[lang][type]}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-flex items-end gap-0.5">
            <span className="inline-block h-2 w-2 rounded-full bg-slate-500" />
            <span className="inline-block h-4 w-4 rounded-full bg-slate-500" />
          </span>
          {t('legendSize')}
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full border-[3px] border-slate-600 bg-slate-600/25" />
          {t('legendProvince')}
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-full border border-dashed border-slate-600 bg-slate-500/15" />
          {t('legendArea')}
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-flex h-4 w-4 items-center justify-center rounded-full border-2 border-gray-900">
            <span className="inline-block h-2 w-2 rounded-full bg-slate-500" />
          </span>
          {t('legendContested')}
        </li>
      </ul>
    </section>
  );
}
