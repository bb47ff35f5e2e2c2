'use client';
import DownloadMenu from './DownloadMenu';
import ReviewImportsDialog from './ReviewImportsDialog';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, useEditorSession } from '@/lib/hooks';
import { formatNumber } from '@/lib/format';
import { useMedia } from '@/lib/use-media';
import { dirOf, LANG_NAMES, LANGS, translator } from '@/lib/i18n/messages';
import { NO_FILTERS, viewStateToSearch, type ViewState } from '@/lib/state';
import Filters from './Filters';
import ShareDialog from './ShareDialog';
import IncidentDetails from './IncidentDetails';
// a plain import: the map's code downloads with the page's, not after hydration (it renders an empty box on the server)
import IncidentMap from './IncidentMap';
import IncidentList from './IncidentList';
import IncidentSummary from './IncidentSummary';
import Legend from './Legend';
import LocatorInset from './LocatorInset';
import TimeBar from './TimeBar';
import type { PaletteName } from '@/geo/palette';
import PlacePanel from './PlacePanel';
import { Toll } from './Toll';
import type { BBox, Camera } from './IncidentMap';
import { useDashboardData } from './use-dashboard-data';

export default function Dashboard({
  initial,
  styleUrl,
  smallSet,
  openShare = false,
}: {
  initial: ViewState;
  styleUrl: string | null;
  smallSet: number;
  /** the share dialog open at first (back from signing in to publish) */
  openShare?: boolean;
}) {
  const [state, setState] = useState<ViewState>(initial);
  const [bounds, setBounds] = useState<BBox | null>(null);
  const [initialCamera] = useState(initial.camera);
  const [sharing, setSharing] = useState(openShare);
  const [reviewing, setReviewing] = useState(false);
  const onView = useCallback((b: BBox, camera: Camera) => {
    setBounds(b);
    setState((s) => ({ ...s, camera }));
  }, []);
  const t = useMemo(() => translator(state.lang), [state.lang]);
  const lang = state.lang;

  const update = useCallback((patch: Partial<ViewState>) => setState((s) => ({ ...s, ...patch })), []);

  // the URL mirrors the view, so any moment can be shared as a link
  useEffect(() => {
    const search = viewStateToSearch(state);
    if (window.location.search !== search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
    document.documentElement.lang = state.lang;
    // on the body, as the layout has it (app/layout.tsx says why)
    document.body.dir = dirOf(state.lang);
  }, [state]);

  const {
    incidents,
    places,
    outline,
    focusPlace,
    catalogue,
    large,
    tiles,
    page,
    features,
    inView,
    viewToll,
    typesShown,
    marksShown,
    missing,
    selectedMissing,
    mapIncidents,
    titleOf,
    sourceName,
  } = useDashboardData(state, bounds, smallSet);
  const clearFilters = useCallback(() => update(NO_FILTERS), [update]);

  const selectIncident = useCallback((id: string | null) => update({ incident: id }), [update]);

  // when a popup closes, the keyboard goes back to the incident's entry in the list, not the page top
  const sidebar = useRef<HTMLDivElement>(null);
  const previous = useRef(state.incident);
  useEffect(() => {
    const closed = previous.current;
    previous.current = state.incident;
    if (!closed || state.incident) return;
    const active = document.activeElement;
    if (active && active !== document.body && document.body.contains(active)) return;
    document.querySelector<HTMLElement>(`[data-incident-id="${CSS.escape(closed)}"]`)?.focus();
  }, [state.incident]);
  const selectPlace = useCallback((id: string | null) => update({ place: id }), [update]);
  // on a phone the map is short: its popup stays brief and the details go in the column below
  const narrow = useMedia('(max-width: 767px)');
  // the page follows the reader's light or dark setting (app/dark.css); the marks drawn in colour take the map's palette for it
  const scheme: PaletteName = useMedia('(prefers-color-scheme: dark)') ? 'dark' : 'light';
  // a signed-in editor gets, in each incident's details, its editor and its history, and the review of imports
  const session = useEditorSession().data;
  const editor = session?.editor && !session.mustChangePassword ? session.editor : null;
  const details = (id: string, fill = false) => (
    <IncidentDetails
      fill={fill}
      id={id}
      editorLinks={
        editor
          ? {
              edit: `/editor/incidents/${encodeURIComponent(id)}/edit?lang=${lang}`,
              history: `/editor/incidents/${encodeURIComponent(id)}?lang=${lang}`,
            }
          : undefined
      }
      summary={(mapIncidents?.features ?? features).find((f) => f.id === id)?.properties}
      lang={lang}
      t={t}
      onClose={() => selectIncident(null)}
      onSelectPlace={selectPlace}
      titleOf={titleOf}
    />
  );

  return (
    <div className="flex h-dvh flex-col">
      <a href="#incident-list" className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:bg-white focus:p-2">
        {t('skipToList')}
      </a>
      {catalogue.data?.synthetic && (
        <p role="note" className="border-b border-amber-400 bg-amber-100 px-4 py-1 text-sm text-amber-950" data-testid="synthetic-banner">
          {t('syntheticBanner')}
        </p>
      )}
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2">
        <div>
          <h1 className="text-lg font-semibold">{t('appTitle')}</h1>
          <p className="text-xs text-slate-600">{t('appTagline')}</p>
        </div>
        {incidents.data && (
          <p className="text-sm" data-testid="view-toll" aria-live="polite">
            {!large && inView.length === 0 ? (
              // zero incidents, said as such: not a toll "not reported"
              t('tollNoIncidents')
            ) : (
              <>
                {t(large ? 'totalDeathsAll' : 'totalDeaths')}
                {t('colon')}
                <Toll range={viewToll.killed} lang={lang} t={t} />
              </>
            )}
          </p>
        )}
        <DownloadMenu filters={state} t={t} />
        {/* an editor's tool, shown to a signed-in editor only: on a phone the header keeps to what readers need */}
        {editor && (
          <button
            type="button"
            onClick={() => setReviewing(true)}
            className="hidden rounded border border-slate-500 px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600 sm:inline-block"
            data-testid="review-button"
          >
            {t('reviewImports')}
          </button>
        )}
        <button
          type="button"
          onClick={() => setSharing(true)}
          className="rounded border border-slate-900 px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600"
          data-testid="share-button"
        >
          {t('share')}
        </button>
        {/* biome-ignore lint/a11y/useSemanticElements: two toggle buttons, not a form's field set */}
        <div role="group" aria-label={t('language')} className="flex gap-1">
          {LANGS.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={l === lang}
              onClick={() => update({ lang: l })}
              className={`rounded border px-2 py-1 text-sm uppercase focus:outline-2 focus:outline-blue-600 ${l === lang ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-400 bg-white'}`}
            >
              {LANG_NAMES[l]}
            </button>
          ))}
        </div>
      </header>

      <div className="flex min-h-0 flex-1 flex-col md:flex-row">
        <div ref={sidebar} className="order-2 overflow-y-auto border-e border-slate-200 bg-white p-4 md:order-1 md:w-80 md:shrink-0">
          {narrow && state.incident && (
            <div id="incident-details-panel" className="-mx-4 -mt-4 mb-4 border-b border-slate-200">
              {details(state.incident, true)}
            </div>
          )}
          <Filters state={state} actors={catalogue.data?.actors ?? []} lang={lang} t={t} onChange={update} />
          {incidents.error ? (
            <div role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-2 text-sm text-red-900" data-testid="load-error">
              {t('loadError', { reason: incidents.error.message })}{' '}
              <button type="button" className="font-semibold underline" onClick={() => incidents.mutate()}>
                {t('retry')}
              </button>
            </div>
          ) : incidents.isLoading && !incidents.data ? (
            <p role="status" className="mt-4 text-sm text-slate-700" data-testid="loading">
              {t('loading')}
            </p>
          ) : null}
          {large && incidents.data && (
            <p role="note" className="mt-4 rounded border border-slate-300 bg-slate-50 p-2 text-xs text-slate-800" data-testid="scale-note">
              {t(incidents.data.exact ? 'scaleNote' : 'scaleNoteAtLeast', { n: formatNumber(incidents.data.numberMatched, lang) })}
            </p>
          )}
          {large && page.data && (
            <p className="mt-2 text-xs text-slate-700" data-testid="list-count" aria-live="polite">
              {t(page.data.numberMatchedAtLeast === undefined ? 'listCount' : 'listCountAtLeast', {
                shown: formatNumber(page.data.features.length, lang),
                total: formatNumber(page.data.numberMatched ?? page.data.numberMatchedAtLeast ?? 0, lang),
              })}
            </p>
          )}
          {large && tiles.error && (
            <p role="alert" className="mt-2 text-sm text-red-900">
              {t('loadError', { reason: tiles.error.message })}{' '}
              <button type="button" className="underline" onClick={() => tiles.mutate()}>
                {t('retry')}
              </button>
            </p>
          )}
          {places.error && (
            <p role="alert" className="mt-2 text-sm text-red-900">
              {t('placesError', { reason: places.error.message })}{' '}
              <button type="button" className="underline" onClick={() => places.mutate()}>
                {t('retry')}
              </button>
            </p>
          )}
          {selectedMissing && (missing.error || (missing.data && !large)) && (
            <p role="alert" className="mt-2 text-sm text-amber-900" data-testid="selected-missing">
              {missing.data
                ? t('hiddenByFilters')
                : missing.error instanceof ApiError && missing.error.status === 404
                  ? t('incidentNotFound')
                  : t('detailError', { reason: missing.error?.message ?? '' })}{' '}
              {missing.data && (
                <button type="button" className="me-2 underline" onClick={clearFilters}>
                  {t('clearFilters')}
                </button>
              )}
              <button type="button" className="underline" onClick={() => selectIncident(null)}>
                {t('close')}
              </button>
            </p>
          )}
          {incidents.data && (
            <IncidentList
              items={inView}
              selected={state.incident}
              lang={lang}
              t={t}
              onSelect={selectIncident}
              scroller={sidebar}
              palette={scheme}
              // one empty message: the filters match nothing anywhere, or nothing is in this part of the map
              empty={incidents.data.numberMatched === 0 ? 'filters' : 'view'}
            />
          )}
          <Legend types={typesShown} shown={marksShown} lang={lang} t={t} palette={scheme} />
        </div>

        <main className="order-1 flex h-[55vh] min-h-[320px] flex-1 flex-col md:order-2 md:h-auto">
          <div className="relative min-h-0 flex-1">
            {/* where in Syria the map is: top left, clear of the zoom buttons (top right); from tablets up */}
            <div data-map-keep-clear className="pointer-events-none absolute top-2 start-2 z-[2] hidden sm:block">
              <LocatorInset outline={outline.data} frame={bounds} t={t} tones={scheme} />
            </div>
            <IncidentMap
              palette="auto"
              lang={lang}
              t={t}
              styleUrl={styleUrl}
              incidents={mapIncidents}
              tiles={large ? (tiles.data ?? null) : null}
              places={places.data}
              selectedIncident={state.incident}
              onSelectIncident={selectIncident}
              onSelectPlace={selectPlace}
              focusPlace={focusPlace}
              initialCamera={initialCamera}
              onBoundsChange={onView}
              sourceName={sourceName}
              renderIncident={(id) => {
                const summary = (mapIncidents?.features ?? features).find((f) => f.id === id)?.properties;
                if (!narrow) return details(id);
                return summary ? (
                  <IncidentSummary
                    p={summary}
                    lang={lang}
                    t={t}
                    onMore={() => document.getElementById('incident-details-panel')?.scrollIntoView({ behavior: 'smooth' })}
                  />
                ) : null;
              }}
            />
          </div>
          <TimeBar state={state} lang={lang} t={t} onChange={update} palette={scheme} />
        </main>

        {state.place && (
          // beside the map from tablets up (the map narrows, the place centred in what is left); on a phone a
          // sheet over the bottom of the page, under the map, so the place stays in sight above it
          <div
            className="fixed inset-x-0 bottom-0 z-30 max-h-[45dvh] overflow-y-auto rounded-t-xl border-t border-slate-300 shadow-[0_-8px_24px_rgba(15,23,42,0.25)] md:static md:order-3 md:max-h-none md:overflow-visible md:w-96 md:shrink-0 md:rounded-none md:border-t-0 md:shadow-none"
            data-testid="place-sheet"
          >
            <PlacePanel id={state.place} lang={lang} t={t} onClose={() => selectPlace(null)} onSelectIncident={selectIncident} />
          </div>
        )}
      </div>
      {reviewing && <ReviewImportsDialog lang={lang} t={t} onClose={() => setReviewing(false)} />}
      {sharing && <ShareDialog state={state} bounds={bounds} lang={lang} t={t} onClose={() => setSharing(false)} />}
    </div>
  );
}
