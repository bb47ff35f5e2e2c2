'use client';
import type { Feature, IncidentProps } from '@/lib/api/geojson';
import { PALETTES } from '@/geo/palette';
import { formatIncidentDate } from '@/lib/format';
import { EVENT_TYPE_LABELS, type Lang, type Translate } from '@/lib/i18n/messages';
import { ContestedMark, TollLine } from './Toll';

interface Props {
  items: Feature<IncidentProps>[];
  selected: string | null;
  lang: Lang;
  t: Translate;
  onSelect(id: string): void;
}

/** The incidents in the map's view, as a list a keyboard or a screen reader can walk. */
export default function IncidentList({ items, selected, lang, t, onSelect }: Props) {
  return (
    <section id="incident-list" aria-labelledby="incident-list-title" className="mt-4">
      <h2 id="incident-list-title" className="text-sm font-semibold">
        {t('incidentsInView')} <span className="font-normal text-slate-600">({items.length})</span>
      </h2>
      <p className="text-xs text-slate-600">{t('listHint')}</p>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="empty-view">
          {t('noIncidentsInView')}
        </p>
      ) : (
        <ul className="mt-2 space-y-1" data-testid="incident-list">
          {items.map(({ id, properties: p }) => (
            <li key={id}>
              <button
                type="button"
                data-testid="incident-list-item"
                data-incident-id={id}
                aria-current={selected === id ? 'true' : undefined}
                onClick={() => onSelect(id)}
                className={`w-full rounded border p-2 text-left text-sm focus:outline-2 focus:outline-blue-600 ${
                  selected === id ? 'border-blue-600 bg-blue-50' : 'border-slate-200 bg-white hover:bg-slate-50'
                }`}
              >
                <span className="flex items-start gap-2">
                  <span
                    aria-hidden="true"
                    className="mt-1 inline-block h-3 w-3 shrink-0 rounded-full"
                    style={{ background: PALETTES.light.types[p.eventType] }}
                  />
                  <span>
                    <span className="block font-medium">{p.title[lang]}</span>
                    <span className="block text-xs text-slate-600">
                      {formatIncidentDate(p.date, p.datePrecision, lang)} · {p.placeName[lang]} · {EVENT_TYPE_LABELS[lang][p.eventType]}
                    </span>
                    <TollLine killed={p.killed} wounded={p.wounded} lang={lang} t={t} />
                    <ContestedMark reasons={p.contested} t={t} />
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
