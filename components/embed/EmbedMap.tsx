'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection, IncidentDetailProps } from '@/lib/incident/geojson';
import type { ViewSpec } from '@/lib/domain/view';
import type { EmbedMapProps } from '@/lib/embed/types';
import type { EventType } from '@/lib/domain/taxonomy';
import { compareText, formatDay, formatIncidentDate, formatNumber } from '@/lib/format';
import { translator, type Translate } from '@/lib/i18n/messages';
import { useMedia } from '@/lib/use-media';
import type { Feature } from '@/lib/incident/geojson';
import { fetchJson } from '@/lib/hooks';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
import IncidentDetails from '../IncidentDetails';
// a plain import: the map's code downloads with the page's, not after hydration (it renders an empty box on the server)
import IncidentMap, { type MapStart } from '../IncidentMap';
import Legend, { ALL_MARKS, marksOf } from '../Legend';
import LocatorInset from '../LocatorInset';
import PlacePanel from '../PlacePanel';
import { ContestedMark, Toll } from '../Toll';
import TimeBarView, { type Period } from '../TimeBarView';
import { histogramOf, inPeriod, tilesInPeriod, useLargeHistogram } from './time-bar';
import { inEnglishFor, textAttrs, textIn, viewText } from '@/lib/i18n/text';

/** Whether an embed draws dark: its theme, or with "auto" the reader's preference. */
export const embedIsDark = (theme: ViewSpec['theme'], prefersDark: boolean) => theme === 'dark' || (theme === 'auto' && prefersDark);

/**
 * The options the embed's map starts from, shared by the component and the page's entry, which
 * starts the map before hydrating (startMapEarly) with exactly these.
 */
export function embedMapStart(p: EmbedMapProps, dark: boolean, incidents: FeatureCollection<IncidentDetailProps>, t: Translate): MapStart {
  return {
    lang: p.lang,
    t,
    palette: dark ? 'dark' : 'light',
    styleUrl: p.styleUrl,
    geography: p.geography,
    workerUrl: p.workerUrl,
    incidents,
    places: p.places,
    highlighted: p.spec.highlighted,
    initialCamera: null,
    initialBounds: p.spec.bounds,
    cooperative: true,
  };
}

/** The map alone, for an article: title, map, legend, credit and sources; popups and place details inside. */
export default function EmbedMap(props: EmbedMapProps) {
  const { viewId, spec, lang, incidents, pinned, fullMapUrl, large } = props;
  const t = useMemo(() => translator(lang), [lang]);
  const prefersDark = useMedia('(prefers-color-scheme: dark)');
  const dark = embedIsDark(spec.theme, prefersDark);
  const [incident, setIncident] = useState<string | null>(null);
  const [place, setPlace] = useState<string | null>(null);
  // the map's frame, for the locator inset
  const [frame, setFrame] = useState<[number, number, number, number] | null>(null);
  // a large view: tiles on the map, and the incident a reader opens fetched when opened (in effects:
  // the page's server render has neither)
  const [tiles, setTiles] = useState<string | null>(null);
  const [tilesFailed, setTilesFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!large) return;
    let current = true;
    fetchJson<{ tiles: string[] }>(large.tileJson).then(
      (tj) => current && setTiles(tj.tiles[0] ?? null),
      (err: Error) => current && setTilesFailed(err.message),
    );
    return () => {
      current = false;
    };
  }, [large]);
  const [opened, setOpened] = useState<Feature<IncidentDetailProps> | null>(null);
  useEffect(() => {
    if (!large || !incident) return;
    let current = true;
    fetchJson<Feature<IncidentDetailProps>>(`/api/incidents/${encodeURIComponent(incident)}`).then(
      (f) => current && setOpened(f),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [large, incident]);
  // the time bar, when the view shows it: what the reader brushes narrows the map to a period
  const [period, setPeriod] = useState<Period>({ from: null, to: null });
  const ownBar = useMemo(() => (spec.timeBar && !large ? histogramOf(incidents) : null), [spec.timeBar, large, incidents]);
  const largeBar = useLargeHistogram(spec.timeBar && large ? large.histogram : null);
  const bar = ownBar ?? (spec.timeBar && large ? largeBar : null);
  const inView = useMemo(
    () => (period.from || period.to ? incidents.filter((f) => inPeriod(f.properties, period)) : incidents),
    [incidents, period],
  );
  const tileUrl = useMemo(() => (tiles ? tilesInPeriod(tiles, period) : null), [tiles, period]);
  const shown = useMemo(() => (large && opened && opened.id === incident ? [opened] : inView), [large, opened, incident, inView]);
  const fc = useMemo(() => ({ type: 'FeatureCollection' as const, features: shown }), [shown]);
  const byId = useMemo(() => new Map(shown.map((f) => [f.id, f])), [shown]);
  const types = useMemo(
    () =>
      large
        ? ((spec.filters.types?.length ? spec.filters.types : EVENT_TYPE_IDS) as EventType[])
        : ([...new Set(incidents.map((f) => f.properties.eventType))].sort() as EventType[]),
    [large, spec.filters.types, incidents],
  );
  const sources = useMemo(() => {
    if (large) return [...large.sources].sort(compareText(lang));
    const names = new Map<string, string>();
    for (const f of incidents) for (const s of f.properties.sources) names.set(s.id, textIn(s.name, lang));
    return [...names.values()].sort(compareText(lang));
  }, [large, incidents, lang]);
  const pick = (x: { fr?: string; en?: string; ar?: string }) => viewText(x, lang, spec.lang);

  // inside a frame: tell the host page our height whenever it changes (protocol: README, "Embedding a map in an article")
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (window.parent === window || !root.current) return;
    const send = () =>
      window.parent.postMessage(
        { type: 'conflict-map:height', version: 1, height: root.current?.getBoundingClientRect().height ?? 0 },
        '*',
      );
    const observer = new ResizeObserver(send);
    observer.observe(root.current);
    send();
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={root}
      lang={lang}
      data-theme={dark ? 'dark' : 'light'}
      data-testid="embed"
      className={`min-w-[320px] p-3 text-sm ${dark ? 'bg-slate-900 text-slate-100' : 'bg-white text-slate-900'}`}
    >
      <header className="mb-2">
        <h1 className="text-base leading-snug font-semibold">{pick(spec.title)}</h1>
        {pick(spec.caption) && <p className={dark ? 'text-slate-300' : 'text-slate-700'}>{pick(spec.caption)}</p>}
      </header>
      {pinned?.changed && (
        <p
          role="note"
          className={`mb-2 rounded border px-2 py-1 text-xs ${dark ? 'border-amber-300 text-amber-100' : 'border-amber-700 bg-amber-50 text-amber-900'}`}
          data-testid="pinned-note"
        >
          {t('pinnedAsPublished', { date: formatDay(pinned.publishedAt.slice(0, 10), lang) })} <strong>{t('correctedSince')}</strong>{' '}
          <a href={pinned.changesUrl} target="_blank" rel="noopener" className="underline">
            {t('whatChanged')}
          </a>
          {' · '}
          <a href={pinned.liveUrl} target="_blank" rel="noopener" className="underline">
            {t('seeCurrent')}
          </a>
        </p>
      )}
      {pinned?.cut && (
        <p
          role="note"
          className={`mb-2 rounded border px-2 py-1 text-xs ${dark ? 'border-amber-300 text-amber-100' : 'border-amber-700 bg-amber-50 text-amber-900'}`}
          data-testid="pinned-cut"
        >
          {t(pinned.cut.exact ? 'pinnedCut' : 'pinnedCutAtLeast', {
            shown: formatNumber(pinned.cut.shown, lang),
            n: formatNumber(pinned.cut.matched, lang),
          })}
        </p>
      )}
      {large && (
        <p
          role="note"
          className={`mb-2 rounded border px-2 py-1 text-xs ${dark ? 'border-slate-500 text-slate-200' : 'border-slate-300 bg-slate-50 text-slate-800'}`}
          data-testid="large-note"
        >
          {t(large.exact ? 'embedLarge' : 'embedLargeAtLeast', { n: formatNumber(large.matched, lang) })}
        </p>
      )}
      {tilesFailed && (
        <p role="alert" className="mb-2 text-xs text-red-800">
          {t('loadError', { reason: tilesFailed })}
        </p>
      )}
      {viewId && (
        // on paper: the still image drawn by the server, and the incident table below it
        <img
          src={`/api/views/${viewId}/static.svg?lang=${lang}`}
          alt={pick(spec.title) ?? ''}
          className="hidden w-full print:block"
          data-testid="print-image"
          loading="lazy"
        />
      )}
      <div className="relative h-[clamp(300px,62vw,560px)] overflow-hidden rounded border border-slate-300 print:hidden">
        {viewId && (
          <noscript>
            <img
              src={`/api/views/${viewId}/static.svg?lang=${lang}`}
              alt={pick(spec.title) ?? ''}
              className="h-full w-full object-contain"
            />
          </noscript>
        )}
        {spec.inset && (
          // a locator map of Syria, top left (the zoom buttons are top right); from 400 px wide
          <div data-map-keep-clear className="pointer-events-none absolute top-2 start-2 z-[2] hidden min-[400px]:block">
            <LocatorInset outline={props.geography?.['syria-outline']} frame={frame} t={t} dark={dark} />
          </div>
        )}
        <IncidentMap
          {...embedMapStart(props, dark, fc, t)}
          unavailable={
            viewId && (
              <img
                src={`/api/views/${viewId}/static.svg?lang=${lang}`}
                alt={pick(spec.title) ?? ''}
                className="mt-3 max-h-[85%] w-full object-contain"
                data-testid="map-still"
              />
            )
          }
          tiles={large ? tileUrl : null}
          selectedIncident={incident}
          onSelectIncident={setIncident}
          onSelectPlace={setPlace}
          onBoundsChange={(b) => spec.inset && setFrame(b)}
          sourceName={(sid) => {
            for (const f of incidents) {
              const s = f.properties.sources.find((x) => x.id === sid);
              if (s) return textIn(s.name, lang);
            }
            return sid;
          }}
          renderIncident={(id) => (
            <IncidentDetails
              id={id}
              given={byId.get(id)?.properties}
              summary={byId.get(id)?.properties}
              lang={lang}
              t={t}
              onClose={() => setIncident(null)}
              onSelectPlace={setPlace}
              titleOf={(x) => {
                const f = byId.get(x);
                return f ? textIn(f.properties.title, lang) : undefined;
              }}
            />
          )}
        />
        {place && (
          <div className="absolute inset-y-0 end-0 z-10 w-[min(100%,340px)] text-slate-900 shadow-lg">
            <PlacePanel
              id={place}
              lang={lang}
              t={t}
              onClose={() => setPlace(null)}
              onSelectIncident={setIncident}
              asPublished={viewId && pinned ? { viewId, publishedAt: pinned.publishedAt } : null}
            />
          </div>
        )}
      </div>
      {bar && (
        <TimeBarView
          period={period}
          bin={bar.bin}
          data={bar.data}
          error={'error' in bar ? bar.error : null}
          lang={lang}
          t={t}
          onChange={setPeriod}
          dark={dark}
          className="mt-2 rounded border print:hidden"
        />
      )}
      <div className={dark ? '[&_*]:text-slate-200' : ''}>
        <Legend types={types} shown={large ? ALL_MARKS : marksOf(incidents)} lang={lang} t={t} palette={dark ? 'dark' : 'light'} />
      </div>
      <section className="sr-only focus-within:not-sr-only focus-within:mt-2 print:not-sr-only print:mt-2" aria-label={t('incidentTable')}>
        <table className="w-full text-start text-xs" data-testid="incident-table">
          <caption className="text-start font-semibold">{t('incidentTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('date')}</th>
              <th scope="col">{t('place')}</th>
              <th scope="col">{t('incident')}</th>
              <th scope="col">{t('killed')}</th>
              <th scope="col">{t('wounded')}</th>
            </tr>
          </thead>
          <tbody>
            {inView.map(({ id, properties: p }) => (
              <tr key={id}>
                <td>{formatIncidentDate(p.date, p.datePrecision, lang)}</td>
                <td>{p.placeName[lang]}</td>
                <th scope="row" className="font-normal">
                  <button type="button" className="text-start underline" data-incident-id={id} onClick={() => setIncident(id)}>
                    <span {...textAttrs(p.title, lang)}>{textIn(p.title, lang)}</span>
                  </button>
                  <ContestedMark reasons={p.contested} t={t} />
                </th>
                <td>
                  <Toll range={p.killed} lang={lang} t={t} />
                </td>
                <td>
                  <Toll range={p.wounded} lang={lang} t={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <footer className={`mt-2 text-xs ${dark ? 'text-slate-300' : 'text-slate-700'}`}>
        {incidents.some((f) => inEnglishFor(f.properties.title, lang)) && <p data-testid="arabic-fallback">{t('arabicFallback')}</p>}
        {pick(spec.credit) && (
          <p>
            {t('credit')}
            {t('colon')}
            {pick(spec.credit)}
          </p>
        )}
        <p>
          {t('sources')}
          {t('colon')}
          {/* each name isolated (English names in an Arabic line keep their own order) and kept whole on a
              line when it fits (a name broken across lines of an Arabic page read in the wrong order);
              the dot stays with the name before it */}
          {sources.map((name, i) => (
            <span key={name}>
              {i > 0 && '\u00a0· '}
              <bdi className="inline-block">{name}</bdi>
            </span>
          ))}
        </p>
        <p>
          <a href={fullMapUrl} target="_blank" rel="noopener" className={`underline ${dark ? 'text-sky-300' : 'text-blue-800'}`}>
            {t('openFullMap')}
          </a>
        </p>
      </footer>
    </div>
  );
}
