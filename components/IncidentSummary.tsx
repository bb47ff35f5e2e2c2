import type { IncidentBriefProps } from '@/lib/incident/geojson';
import { formatIncidentDate } from '@/lib/format';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { ContestedMark, TollLine } from './Toll';
import { textAttrs, textIn } from '@/lib/i18n/text';

/** The short popup of narrow screens: the full details sit below the map. */
export default function IncidentSummary({ p, lang, t, onMore }: { p: IncidentBriefProps; lang: Lang; t: Translate; onMore(): void }) {
  return (
    <div className="max-w-[80vw] p-3 pe-7 text-sm" data-testid="incident-summary">
      <p className="font-semibold" {...textAttrs(p.title, lang)}>
        {textIn(p.title, lang)}
      </p>
      <p className="text-xs text-slate-600">{formatIncidentDate(p.date, p.datePrecision, lang)}</p>
      <TollLine killed={p.killed} wounded={p.wounded} lang={lang} t={t} />
      <ContestedMark reasons={p.contested} t={t} />
      <button type="button" className="mt-1 block text-xs text-blue-800 underline" onClick={onMore}>
        {t('seeDetails')}
      </button>
    </div>
  );
}
