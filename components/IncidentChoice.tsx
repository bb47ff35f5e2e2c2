import type { IncidentBriefProps } from '@/lib/incident/geojson';
import { formatIncidentDate, listSeparator } from '@/lib/format';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { textAttrs, textIn } from '@/lib/i18n/text';
import { Toll } from './Toll';

/**
 * One incident in the chooser of incidents that share a point: its title, then what tells it from
 * the others beside it (identical titles are common in datasets): date, place, deaths, who reports it.
 */
export default function IncidentChoice({
  p,
  lang,
  t,
  sourceName,
}: {
  p: IncidentBriefProps;
  lang: Lang;
  t: Translate;
  sourceName(id: string): string;
}) {
  return (
    <span className="block" data-testid="incident-choice">
      <span className="block font-medium text-blue-800" {...textAttrs(p.title, lang)}>
        {textIn(p.title, lang)}
      </span>
      <span className="block text-xs text-slate-700">
        {formatIncidentDate(p.date, p.datePrecision, lang)} · {p.placeName[lang]} · {t('killed')}
        {t('colon')}
        <Toll range={p.killed} lang={lang} t={t} />
        {p.claimants.length > 0 && (
          <>
            {' · '}
            <bdi>{p.claimants.map(sourceName).join(listSeparator(lang))}</bdi>
          </>
        )}
      </span>
    </span>
  );
}
