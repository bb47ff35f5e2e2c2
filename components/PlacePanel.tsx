'use client';
import { useEffect, useRef, useState } from 'react';
import type { Feature, IncidentProps } from '@/lib/incident/geojson';
import type { PlaceDetailProps } from '@/lib/api/geojson';
import { formatCoordinate, formatDay, formatIncidentDate, formatNumber } from '@/lib/format';
import { ApiError, fetchJson, usePlace } from '@/lib/hooks';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { ContestedMark, TollLine, TollTable } from './Toll';
import { inEnglishFor, textAttrs, textIn } from '@/lib/i18n/text';

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
    <>
      {items.some((i) => inEnglishFor(i.title, lang)) && (
        <p className="mt-1 text-xs text-slate-600" data-testid="arabic-fallback">
          {t('arabicFallback')}
        </p>
      )}
      <ul className="mt-1 space-y-1">
        {items.map((i) => (
          <li key={i.id}>
            <a
              href={`?lang=${lang}&incident=${encodeURIComponent(i.id)}`}
              className="block w-full rounded border border-slate-200 p-2 text-start hover:bg-slate-50 focus:outline-2 focus:outline-blue-600"
              onClick={(e) => {
                // a plain click opens it here; a middle or modified click opens the deep link in a new tab
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                onSelect(i.id);
              }}
              data-testid="place-incident"
            >
              <span className="block font-medium text-blue-800" {...textAttrs(i.title, lang)}>
                {textIn(i.title, lang)}
              </span>
              <span className="block text-xs text-slate-600">{formatIncidentDate(i.date, i.datePrecision, lang)}</span>
              <TollLine killed={i.killed} wounded={i.wounded} lang={lang} t={t} className="block text-xs text-slate-700" />
              <ContestedMark reasons={i.contested} t={t} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A list that comes a page at a time: the first page with the place's details, then "show
 * more" fetches the next (the server's cursor), and the count says how many of how many.
 */
function PagedIncidents({
  first,
  total,
  exact = true,
  cursor,
  pageUrl,
  pick,
  lang,
  t,
  onSelect,
  testId,
}: {
  first: IncidentProps[];
  total: number;
  /** false when there are more than `total` */
  exact?: boolean;
  cursor: string | null;
  pageUrl(cursor: string): string;
  pick(p: PlaceDetailProps): { items: IncidentProps[]; next: string | null };
  lang: Lang;
  t: Translate;
  onSelect(id: string): void;
  testId: string;
}) {
  const [more, setMore] = useState<{ items: IncidentProps[]; next: string | null }>({ items: [], next: cursor });
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const items = more.items.length ? [...first, ...more.items] : first;
  const next = more.next;
  const load = async () => {
    if (!next) return;
    setState({ loading: true, error: null });
    try {
      const page = pick((await fetchJson<Feature<PlaceDetailProps>>(pageUrl(next))).properties);
      setMore((m) => ({ items: [...m.items, ...page.items], next: page.next }));
      setState({ loading: false, error: null });
    } catch (err) {
      setState({ loading: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <>
      <IncidentLinks items={items} lang={lang} t={t} onSelect={onSelect} />
      {(total > items.length || !exact) && (
        <p className="mt-1 text-xs text-slate-600" data-testid={`${testId}-count`}>
          {t(exact ? 'shownOf' : 'shownOfAtLeast', { shown: formatNumber(items.length, lang), total: formatNumber(total, lang) })}
        </p>
      )}
      {next && (
        <button
          type="button"
          className="mt-1 rounded border border-slate-400 px-2 py-1 text-xs focus:outline-2 focus:outline-blue-600 disabled:opacity-60"
          onClick={load}
          disabled={state.loading}
          data-testid={`${testId}-more`}
        >
          {state.loading ? t('loading') : t('showMore', { count: formatNumber(Math.min(first.length || 50, total - items.length), lang) })}
        </button>
      )}
      {state.error && (
        <p role="alert" className="mt-1 text-xs text-red-800">
          {t('moreError', { reason: state.error })}
        </p>
      )}
    </>
  );
}

export default function PlacePanel({ id, lang, t, onClose, onSelectIncident, asPublished = null }: Props) {
  const { data, error, isLoading, mutate } = usePlace(id, asPublished?.viewId ?? null);
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the heading whenever another place opens or loads
  useEffect(() => heading.current?.focus({ preventScroll: true }), [id, data]);
  const p = data?.properties;
  const sourceName = (sid: string) => {
    const name = p?.sources.find((s) => s.id === sid)?.name;
    return name ? textIn(name, lang) : sid;
  };

  return (
    <aside
      className="h-full overflow-y-auto border-s border-slate-200 bg-white p-4 text-sm"
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
            <dd lang="en" dir="ltr" className="text-start">
              {p.name.en}
            </dd>
            <dt className="text-slate-600">Français</dt>
            <dd lang="fr" dir="ltr" className="text-start">
              {p.name.fr}
            </dd>
            <dt className="text-slate-600">العربية</dt>
            {/* aligned with the names above it, whichever way the page runs */}
            <dd lang="ar" dir="rtl" className={lang === 'ar' ? undefined : 'text-left'}>
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
            <PagedIncidents
              key={`${id}-here`}
              first={p.incidents}
              total={p.incidentTotal}
              cursor={p.nextCursor}
              pageUrl={(c) => `/api/places/${encodeURIComponent(id)}?cursor=${encodeURIComponent(c)}`}
              pick={(d) => ({ items: d.incidents, next: d.nextCursor })}
              lang={lang}
              t={t}
              onSelect={onSelectIncident}
              testId="place-incidents"
            />
          ) : (
            <p className="mt-1 text-slate-600">{t('noIncidentsHere')}</p>
          )}

          {p.byClaimant.length > 0 && (
            <>
              <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('totalsByClaimant')}</h3>
              <TollTable
                caption={t('totalsByClaimant')}
                nameHeader={t('sources')}
                rows={p.byClaimant.map((c) => ({ key: c.claimant, name: sourceName(c.claimant), killed: c.killed, wounded: c.wounded }))}
                lang={lang}
                t={t}
                testId="totals-by-claimant"
              />
              <p className="mt-1 text-xs text-slate-600">{t('totalsNote')}</p>
            </>
          )}

          {p.areaIncidents.length > 0 && (
            <>
              <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('incidentsInArea')}</h3>
              <PagedIncidents
                key={`${id}-area`}
                first={p.areaIncidents}
                total={p.areaIncidentTotal}
                exact={p.areaIncidentTotalExact}
                cursor={p.areaNextCursor}
                pageUrl={(c) => `/api/places/${encodeURIComponent(id)}?areaCursor=${encodeURIComponent(c)}`}
                pick={(d) => ({ items: d.areaIncidents, next: d.areaNextCursor })}
                lang={lang}
                t={t}
                onSelect={onSelectIncident}
                testId="place-area-incidents"
              />
            </>
          )}
        </>
      )}
    </aside>
  );
}
