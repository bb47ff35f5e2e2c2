'use client';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { PALETTES, type PaletteName } from '@/geo/palette';
import { EVENT_TYPE_IDS, type EventType } from '@/lib/domain/taxonomy';
import { formatDay, formatNumber } from '@/lib/format';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { addBins, type Bin, binEnd, binStart, binsBetween } from '@/lib/timeline';

/** What a bar shows: incidents per bin and type (the dashboard's from the API, an embed's from its own incidents). */
export interface TimeBarData {
  total: number;
  bins: { start: string; count: number; byType: Partial<Record<EventType, number>> }[];
}

export interface Period {
  from: string | null;
  to: string | null;
}

interface Props {
  /** the period set, each end null when open */
  period: Period;
  bin: Bin;
  data: TimeBarData | undefined;
  error?: Error | null;
  lang: Lang;
  t: Translate;
  onChange(period: Period): void;
  dark?: boolean;
  /** the bars' colours (a page themed by app/dark.css keeps light classes, which it inverts, and dark bars) */
  palette?: PaletteName;
  /** the section's own classes (the dashboard hides the bar on phones) */
  className?: string;
}

const HEIGHT = 44;

/** How many incidents began in bins lo to hi. */
const sumBins = (bins: { bin: { count: number } | null }[], lo: number, hi: number) =>
  bins.slice(lo, hi + 1).reduce((n, b) => n + (b.bin?.count ?? 0), 0);
/** at least this many bins on the bar, so that one busy day is not one bar across the whole map */
const MIN_BINS = 15;
const PLAY_MS = 800;

/**
 * The time bar under the map: how many incidents there were per day, week or month (stacked by
 * type), for the filters other than the dates; brushing it (pointer, or the two handles with
 * the keyboard) sets the period, and Play moves the period forward a bin at a time.
 */
export default function TimeBarView({
  period,
  bin,
  data,
  error,
  lang,
  t,
  onChange,
  dark = false,
  palette = dark ? 'dark' : 'light',
  className = '',
}: Props) {
  const bins = useMemo(() => {
    if (!data?.bins.length) return [];
    const have = data.bins;
    let starts = binsBetween(have[0]?.start ?? '', have.at(-1)?.start ?? '', bin);
    // pad a short period on both sides
    while (starts.length < MIN_BINS) starts = [addBins(starts[0] ?? '', bin, -1), ...starts, addBins(starts.at(-1) ?? '', bin, 1)];
    const byStart = new Map(have.map((b) => [b.start, b]));
    return starts.map((start) => ({ start, bin: byStart.get(start) ?? null }));
  }, [data, bin]);
  const max = Math.max(1, ...bins.map((b) => b.bin?.count ?? 0));
  const colours = PALETTES[palette].types;

  // the selection as bin indices; a drag in progress is a draft until the pointer lifts
  const index = (iso: string | null, fallback: number) => {
    if (!iso || bins.length === 0) return fallback;
    const s = binStart(iso, bin);
    const after = bins.findIndex((b) => b.start > s);
    return after === -1 ? bins.length - 1 : Math.max(0, after - 1);
  };
  const selected = period.from || period.to ? ([index(period.from, 0), index(period.to, bins.length - 1)] as const) : null;
  const [draft, setDraft] = useState<[number, number] | null>(null);
  const range = draft ?? selected;
  const lo = range ? Math.min(range[0], range[1]) : null;
  const hi = range ? Math.max(range[0], range[1]) : null;

  const commit = (a: number, b: number) => {
    const i = Math.max(0, Math.min(a, b));
    const j = Math.min(bins.length - 1, Math.max(a, b));
    const from = bins[i]?.start;
    const to = bins[j] && binEnd(bins[j].start, bin);
    if (from && to) onChange({ from, to });
  };

  const svg = useRef<SVGSVGElement>(null);
  const anchor = useRef<number | null>(null);
  const binAt = (clientX: number) => {
    const r = svg.current?.getBoundingClientRect();
    if (!r || bins.length === 0) return 0;
    return Math.max(0, Math.min(bins.length - 1, Math.floor(((clientX - r.left) / r.width) * bins.length)));
  };
  // on the bar or a handle alike: a press starts a period there, a drag stretches it
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    setPlaying(false);
    e.currentTarget.setPointerCapture(e.pointerId);
    const i = binAt(e.clientX);
    anchor.current = i;
    setDraft([i, i]);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (anchor.current !== null) setDraft([anchor.current, binAt(e.clientX)]);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (anchor.current === null) return;
    commit(anchor.current, binAt(e.clientX));
    anchor.current = null;
    setDraft(null);
  };

  // a handle moves by a bin with the arrows, ten with Page Up/Down, to either end with Home/End
  const onHandleKey = (which: 0 | 1) => (e: KeyboardEvent<HTMLDivElement>) => {
    if (bins.length === 0) return;
    const [a, b] = selected ?? [0, bins.length - 1];
    const current = which === 0 ? Math.min(a, b) : Math.max(a, b);
    const step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10, PageUp: 10 }[e.key];
    let next: number | null = step === undefined ? null : current + step;
    if (e.key === 'Home') next = which === 0 ? 0 : Math.min(a, b);
    if (e.key === 'End') next = which === 0 ? Math.max(a, b) : bins.length - 1;
    if (next === null) return;
    e.preventDefault();
    setPlaying(false);
    const other = which === 0 ? Math.max(a, b) : Math.min(a, b);
    next = which === 0 ? Math.max(0, Math.min(next, other)) : Math.min(bins.length - 1, Math.max(next, other));
    commit(which === 0 ? next : other, which === 0 ? other : next);
  };

  // playback: the period (one bin when none is set) moves forward a bin at a time, to the end
  const [playing, setPlaying] = useState(false);
  const latest = useRef({ lo, hi, bins, commit });
  latest.current = { lo, hi, bins, commit };
  useEffect(() => {
    if (!playing) return;
    // from the start when nothing is set or the period already ends the bar, keeping its width
    const { lo: l0, hi: h0, bins: b0, commit: c0 } = latest.current;
    if (l0 === null || h0 === null) c0(0, 0);
    else if (h0 >= b0.length - 1) c0(0, h0 - l0);
    const timer = setInterval(() => {
      const { lo: l, hi: h, bins: b, commit: c } = latest.current;
      if (l === null || h === null || h >= b.length - 1) return setPlaying(false);
      c(l + 1, h + 1);
    }, PLAY_MS);
    return () => clearInterval(timer);
  }, [playing]);

  const label = (i: number | null, end = false) => {
    const b = i === null ? null : bins[i];
    return b ? formatDay(end ? binEnd(b.start, bin) : b.start, lang) : '';
  };
  const total = data?.total ?? 0;
  const loading = !data && !error;
  const muted = dark ? 'text-slate-300' : 'text-slate-600';
  const ink = dark ? 'bg-slate-100/80' : 'bg-slate-900/70';

  return (
    <section
      className={`border-t px-3 py-2 text-xs ${dark ? 'border-slate-700 bg-slate-900 text-slate-100' : 'border-slate-200 bg-white'} ${className}`}
      aria-label={t('timeBar')}
      data-testid="time-bar"
    >
      <div className="mb-1 flex flex-wrap items-center gap-2">
        <h2 className={`font-semibold ${dark ? '' : 'text-slate-800'}`}>{t('timeBar')}</h2>
        <span className={muted} data-testid="time-bar-bin">
          {t(bin === 'day' ? 'perDay' : bin === 'week' ? 'perWeek' : 'perMonth')}
        </span>
        <span className={dark ? '' : 'text-slate-800'} aria-live="polite" data-testid="time-bar-range">
          {lo === null || hi === null
            ? t('allDates')
            : label(lo) === label(hi, true)
              ? t('periodOneDay', { day: label(lo) })
              : t('periodShown', { from: label(lo), to: label(hi, true) })}
        </span>
        {lo !== null && hi !== null && data && (
          <span className={muted} data-testid="time-bar-count">
            ({t('periodCount', { n: formatNumber(sumBins(bins, lo, hi), lang) })})
          </span>
        )}
        <span className="ms-auto flex gap-1">
          <button
            type="button"
            className="rounded border border-slate-500 px-2 py-0.5 focus:outline-2 focus:outline-blue-600 disabled:opacity-50"
            onClick={() => setPlaying((p) => !p)}
            aria-pressed={playing}
            disabled={bins.length < 2}
            data-testid="time-bar-play"
          >
            {playing ? t('pause') : t('play')}
          </button>
          {(period.from || period.to) && (
            <button
              type="button"
              className={`rounded border px-2 py-0.5 underline focus:outline-2 focus:outline-blue-600 ${dark ? 'border-slate-500 text-sky-300' : 'border-slate-300 text-blue-800'}`}
              onClick={() => {
                setPlaying(false);
                onChange({ from: null, to: null });
              }}
              data-testid="time-bar-clear"
            >
              {t('allDates')}
            </button>
          )}
        </span>
      </div>
      {error ? (
        <p role="alert" className="text-red-900">
          {t('loadError', { reason: error.message })}
        </p>
      ) : loading ? (
        <p role="status" className={muted} style={{ height: HEIGHT }}>
          {t('loading')}
        </p>
      ) : total === 0 ? (
        <p className={muted} style={{ height: HEIGHT }} data-testid="time-bar-empty">
          {t('timeBarEmpty')}
        </p>
      ) : (
        // time runs left to right in every language, as in the Arabic press's own charts; the brush's keys follow it
        <div dir="ltr" className="relative" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}>
          <svg
            ref={svg}
            role="img"
            aria-label={t('timeBarFigure', { n: formatNumber(total, lang), from: label(0), to: label(bins.length - 1, true) })}
            className="block w-full cursor-crosshair touch-none select-none"
            height={HEIGHT}
            viewBox={`0 0 ${bins.length} ${HEIGHT}`}
            preserveAspectRatio="none"
            data-testid="time-bar-svg"
          >
            {bins.map((b, i) => {
              let y = HEIGHT;
              const dim = lo !== null && hi !== null && (i < lo || i > hi);
              return (
                <g key={b.start} opacity={dim ? 0.3 : 1}>
                  <title>{`${label(i)}: ${formatNumber(b.bin?.count ?? 0, lang)}`}</title>
                  {EVENT_TYPE_IDS.map((type) => {
                    const n = b.bin?.byType[type] ?? 0;
                    if (!n) return null;
                    const h = (n / max) * (HEIGHT - 2);
                    y -= h;
                    return <rect key={type} x={i + 0.08} width={0.84} y={y} height={h} fill={colours[type]} />;
                  })}
                </g>
              );
            })}
          </svg>
          {lo !== null && hi !== null && bins.length > 0 && (
            <div
              className={`pointer-events-none absolute top-0 border-x-2 ${dark ? 'border-slate-100 bg-slate-100/10' : 'border-slate-900 bg-slate-900/5'}`}
              style={{ left: `${(lo / bins.length) * 100}%`, width: `${((hi - lo + 1) / bins.length) * 100}%`, height: HEIGHT }}
            />
          )}
          {bins.length > 0 &&
            ([0, 1] as const).map((which) => {
              const i = which === 0 ? (lo ?? 0) : (hi ?? bins.length - 1);
              return (
                // a native range cannot make a two-handled slider: the WAI-ARIA slider pattern, focusable, moved by keys
                <div
                  key={which}
                  role="slider"
                  tabIndex={0}
                  aria-label={t(which === 0 ? 'periodStart' : 'periodEnd')}
                  aria-valuemin={0}
                  aria-valuemax={bins.length - 1}
                  aria-valuenow={i}
                  aria-valuetext={label(i, which === 1)}
                  onKeyDown={onHandleKey(which)}
                  className={`absolute top-0 h-full w-3 -translate-x-1/2 cursor-ew-resize rounded-sm ${ink} focus:bg-blue-700 focus:outline-2 focus:outline-offset-1 focus:outline-blue-600`}
                  style={{ left: `${((which === 0 ? i : i + 1) / bins.length) * 100}%`, height: HEIGHT }}
                  data-testid={which === 0 ? 'time-bar-start' : 'time-bar-end'}
                />
              );
            })}
          <div className={`mt-0.5 flex justify-between ${muted}`}>
            <span>{label(0)}</span>
            <span>{label(bins.length - 1, true)}</span>
          </div>
        </div>
      )}
    </section>
  );
}
