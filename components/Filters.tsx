'use client';
// first: no zod check may run before it is told not to compile code (CSP)
import '@/components/zod-jitless';
import DateField from './DateField';
import { fieldClass } from './styles';
import type { Actor } from '@/lib/domain/schema';
import { EVENT_TYPE_IDS, type EventType } from '@/lib/domain/taxonomy';
import { EVENT_TYPE_LABELS, type Lang, type Translate } from '@/lib/i18n/messages';
import { useHistogram } from '@/lib/hooks';
import { histogramQuery, NO_FILTERS, type ViewState } from '@/lib/state';
import { textIn } from '@/lib/i18n/text';

interface Props {
  state: ViewState;
  actors: Actor[];
  lang: Lang;
  t: Translate;
  onChange(patch: Partial<ViewState>): void;
}

const field = fieldClass;
/** a date on its line, its label beside it */
const DATE_LAYOUT = {
  className: 'grid grid-cols-[3rem_1fr] items-center gap-2',
  labelClass: 'text-xs text-slate-700',
  boxClass: 'w-full rounded border border-slate-400 bg-white px-2 py-1 text-sm',
};

export default function Filters({ state, actors, lang, t, onChange }: Props) {
  // the months that hold incidents (the time bar's own request, shared): an empty date's calendar opens there, not at today
  const months = useHistogram(histogramQuery({ ...state, from: null, to: null }, 'month')).data?.bins;
  const toggleType = (type: EventType) =>
    onChange({ types: state.types.includes(type) ? state.types.filter((x) => x !== type) : [...state.types, type] });
  const active = state.from || state.to || state.types.length || state.actor;
  return (
    <form className="space-y-2 text-sm" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()} data-testid="filters">
      <h2 className="text-sm font-semibold">{t('filters')}</h2>
      {/* one date a line, its label beside it: two side by side left too little room for a whole date and its button */}
      <div className="space-y-1.5">
        <DateField
          label={t('from')}
          name="from"
          lang={lang}
          {...DATE_LAYOUT}
          value={state.from ?? ''}
          max={state.to}
          near={state.to ?? months?.[0]?.start}
          onChange={(v) => onChange({ from: v || null })}
        />
        <DateField
          label={t('to')}
          name="to"
          lang={lang}
          {...DATE_LAYOUT}
          value={state.to ?? ''}
          min={state.from}
          near={state.from ?? months?.at(-1)?.start}
          onChange={(v) => onChange({ to: v || null })}
        />
      </div>
      <fieldset>
        <legend className="text-xs text-slate-700">{t('eventType')}</legend>
        <div className="mt-0.5">
          {EVENT_TYPE_IDS.map((type) => (
            <label key={type} className="flex items-center gap-2 py-1">
              {/* 20 px boxes on a 28 px pitch: WCAG 2.2 target size */}
              <input
                type="checkbox"
                name="type"
                value={type}
                className="h-5 w-5"
                checked={state.types.includes(type)}
                onChange={() => toggleType(type)}
              />
              {EVENT_TYPE_LABELS[lang][type]}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block">
        <span className="text-xs text-slate-700">{t('actor')}</span>
        <select name="actor" className={field} value={state.actor ?? ''} onChange={(e) => onChange({ actor: e.target.value || null })}>
          <option value="">{t('all')}</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {textIn(a.name, lang)}
            </option>
          ))}
        </select>
      </label>
      {active ? (
        <button type="button" className="text-xs text-blue-800 underline" onClick={() => onChange(NO_FILTERS)}>
          {t('clearFilters')}
        </button>
      ) : null}
    </form>
  );
}
