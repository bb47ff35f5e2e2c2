'use client';
import { useEffect, useRef } from 'react';
import type { IncidentProps } from '@/lib/api/geojson';
import { formatCoordinate, formatDay, formatIncidentDate } from '@/lib/format';
import { ApiError, usePlace } from '@/lib/hooks';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { ContestedMark, Toll, TollLine } from './Toll';

interface Props {
  id: string;
  lang: Lang;
  t: Translate;
  onClose(): void;
  onSelectIncident(id: string): void;
  /** a pinned view's details as published (its id and publication date), not the current ones */
  asPublished?: { viewId: string; publishedAt: string } | null;
}

function IncidentLinks({ items, lang, t, onSelect }: { items: IncidentProps[]; lang: Lang; t: Translate; onSelect(id: string): void }) {
  return (
    <ul className="mt-1 space-y-1">
      {items.map((i) => (
        <li key={i.id}>
          <a
            href={`?lang=${lang}&incident=${encodeURIComponent(i.id)}`}
            className="block w-full rounded border border-slate-200 p-2 text-left hover:bg-slate-50 focus:outline-2 focus:outline-blue-600"
            onClick={(e) => {
              // a plain click opens it here; a middle or modified click opens the deep link in a new tab
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              onSelect(i.id);
            }}
            data-testid="place-incident"
          >
            <span className="block font-medium text-blue-800">{i.title[lang]}</span>
            <span className="block text-xs text-slate-600">{formatIncidentDate(i.date, i.datePrecision, lang)}</span>
            <TollLine killed={i.killed} wounded={i.wounded} lang={lang} t={t} className="block text-xs text-slate-700" />
            <ContestedMark reasons={i.contested} t={t} />
          </a>
        </li>
      ))}
    </ul>
  );
}

export default function PlacePanel({ id, lang, t, onClose, onSelectIncident, asPublished = null }: Props) {
  const { data, error, isLoading, mutate } = usePlace(id, asPublished?.viewId ?? null);
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the heading whenever another place opens or loads
  useEffect(() => heading.current?.focus({ preventScroll: true }), [id, data]);
  const p = data?.properties;
  const sourceName = (sid: string) => p?.sources.find((s) => s.id === sid)?.name[lang] ?? sid;

  return (
    <aside
      className="h-full overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm"
      aria-label={t('placeDetails')}
      data-testid="place-panel"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
          {p ? p.name[lang] : t('placeDetails')}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100 focus:outline-2 focus:outline-blue-600"
          aria-label={t('close')}
        >
          ✕
        </button>
      </div>
      {asPublished && (
        <p className="mt-1 text-xs text-amber-900" data-testid="place-as-published">
          {t('placeAsPublished', { date: formatDay(asPublished.publishedAt.slice(0, 10), lang) })}
        </p>
      )}
      {isLoading && !p && <p role="status">{t('loadingDetails')}</p>}
      {error && (
        <p role="alert" className="text-red-800">
          {error instanceof ApiError && error.status === 404 ? t('placeNotFound') : t('detailError', { reason: error.message })}{' '}
          {!(error instanceof ApiError && error.status === 404) && (
            <button type="button" className="underline" onClick={() => mutate()}>
              {t('retry')}
            </button>
          )}
        </p>
      )}
      {p && data && (
        <>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1" data-testid="place-names">
            <dt className="text-slate-600">English</dt>
            <dd lang="en">{p.name.en}</dd>
            <dt className="text-slate-600">Français</dt>
            <dd lang="fr">{p.name.fr}</dd>
            <dt className="text-slate-600">العربية</dt>
            <dd lang="ar" dir="rtl" className="text-left">
              {p.name.ar}
            </dd>
            <dt className="text-slate-600">{t('coordinates')}</dt>
            <dd>{formatCoordinate(data.geometry.coordinates[1], data.geometry.coordinates[0], lang)}</dd>
            {p.geonamesId !== null && (
              <>
                <dt className="text-slate-600">{t('geonames')}</dt>
                <dd>
                  <a
                    className="text-blue-800 underline"
                    href={`https://www.geonames.org/${p.geonamesId}`}
                    rel="noopener noreferrer"
                    target="_blank"
                  >
                    {p.geonamesId}
                  </a>
                </dd>
              </>
            )}
          </dl>
          {p.aliases.length > 0 && <p className="mt-1 text-xs text-slate-600">{p.aliases.join(' · ')}</p>}

          <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('incidentsHere')}</h3>
          {p.incidents.length ? (
            <IncidentLinks items={p.incidents} lang={lang} t={t} onSelect={onSelectIncident} />
          ) : (
            <p className="mt-1 text-slate-600">{t('noIncidentsHere')}</p>
          )}

          {p.byClaimant.length > 0 && (
            <>
              <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('totalsByClaimant')}</h3>
              <table className="mt-1 w-full text-left text-xs" data-testid="totals-by-claimant">
                <caption className="sr-only">{t('totalsByClaimant')}</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="font-normal">
                      {t('sources')}
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
                  {p.byClaimant.map((c) => (
                    <tr key={c.claimant} className="border-t border-slate-200">
                      <th scope="row" className="py-1 font-normal">
                        {sourceName(c.claimant)}
                      </th>
                      <td>
                        <Toll range={c.killed} lang={lang} t={t} />
                      </td>
                      <td>
                        <Toll range={c.wounded} lang={lang} t={t} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-slate-600">{t('totalsNote')}</p>
            </>
          )}

          {p.areaIncidents.length > 0 && (
            <>
              <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('incidentsInArea')}</h3>
              <IncidentLinks items={p.areaIncidents} lang={lang} t={t} onSelect={onSelectIncident} />
            </>
          )}
        </>
      )}
    </aside>
  );
}
