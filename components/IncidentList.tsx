'use client';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';
import type { Feature, IncidentBriefProps } from '@/lib/incident/geojson';
import { PALETTES, type PaletteName } from '@/geo/palette';
import { formatIncidentDate, formatNumber } from '@/lib/format';
import { EVENT_TYPE_LABELS, type Lang, type Translate } from '@/lib/i18n/messages';
import { ContestedMark, TollLine } from './Toll';
import { inEnglishFor, textAttrs, textIn } from '@/lib/i18n/text';

interface Props {
  items: Feature<IncidentBriefProps>[];
  selected: string | null;
  lang: Lang;
  t: Translate;
  onSelect(id: string): void;
  /** the element the list scrolls in: past VIRTUAL_FROM entries, only those near its view are drawn */
  scroller: RefObject<HTMLElement | null>;
  /** why the list may be empty: the filters match nothing at all, or nothing lies in the view */
  empty?: 'filters' | 'view';
  /** the type dots' colours: the map's, in the page's theme */
  palette?: PaletteName;
}

/** From this many entries the list draws only those in and near the view (a few dozen, not two thousand). */
export const VIRTUAL_FROM = 150;

/** The incidents in the map's view, as a list a keyboard or a screen reader can walk. */
export default function IncidentList({ items, selected, lang, t, onSelect, scroller, empty = 'view', palette = 'light' }: Props) {
  const entry = (f: Feature<IncidentBriefProps>) => (
    <Entry item={f} selected={selected === f.id} lang={lang} t={t} onSelect={onSelect} palette={palette} />
  );
  return (
    <section id="incident-list" aria-labelledby="incident-list-title" className="mt-4">
      <h2 id="incident-list-title" className="text-sm font-semibold">
        {t('incidentsInView')} <span className="font-normal text-slate-600">({formatNumber(items.length, lang)})</span>
      </h2>
      <p className="text-xs text-slate-600">{t('listHint')}</p>
      {items.some((f) => inEnglishFor(f.properties.title, lang)) && (
        <p className="text-xs text-slate-600" data-testid="arabic-fallback">
          {t('arabicFallback')}
        </p>
      )}
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700" data-testid={empty === 'filters' ? 'empty' : 'empty-view'}>
          {t(empty === 'filters' ? 'noIncidents' : 'noIncidentsInView')}
        </p>
      ) : items.length >= VIRTUAL_FROM ? (
        <VirtualList items={items} selected={selected} scroller={scroller} entry={entry} />
      ) : (
        <ul className="mt-2 space-y-1" data-testid="incident-list">
          {items.map((f) => (
            <li key={f.id}>{entry(f)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A long list drawn in part: entries are measured as they are drawn and the rest is room kept
 * for them, so the scroll bar is true. Tab walks on into the next entries as the browser
 * scrolls them in; the open incident's entry and the focused one are always drawn, so focus is
 * neither lost when new incidents arrive nor unable to return to the entry it came from.
 */
function VirtualList({
  items,
  selected,
  scroller,
  entry,
}: {
  items: Feature<IncidentBriefProps>[];
  selected: string | null;
  scroller: RefObject<HTMLElement | null>;
  entry(f: Feature<IncidentBriefProps>): ReactNode;
}) {
  const list = useRef<HTMLUListElement>(null);
  // the open incident's entry and the focused one (with its neighbours) stay drawn wherever the list scrolls or its items move
  const [focused, setFocused] = useState<string | null>(null);
  const indexOf = (id: string | null) => (id ? items.findIndex((f) => f.id === id) : -1);
  const at = indexOf(focused);
  // the focused entry's neighbours too: Tab and Shift+Tab always find the next entry drawn, however
  // fast the keys come and however busy the page is (the focus event draws the one after it at once)
  const keep = [...new Set([indexOf(selected), at - 1, at, at + 1].filter((i, k) => i >= 0 && i < items.length && (k === 0 || at >= 0)))];
  // where the list starts in its scroller (filters and notes sit above it)
  const [margin, setMargin] = useState(0);
  // measured after every render (what sits above may have changed with it) and when anything in the scroller resizes
  useLayoutEffect(() => {
    const el = list.current;
    const sc = scroller.current;
    if (!el || !sc) return;
    const measure = () => {
      const top = Math.round(el.getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop);
      setMargin((m) => (m === top ? m : top));
    };
    measure();
    const ro = new ResizeObserver(measure);
    for (const child of sc.children) if (!child.contains(el)) ro.observe(child);
    return () => ro.disconnect();
  });
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 76,
    overscan: 6,
    scrollMargin: margin,
    getItemKey: (i) => items[i]?.id ?? i,
    rangeExtractor: (range) => {
      const shown = defaultRangeExtractor(range);
      const extra = keep.filter((i) => !shown.includes(i));
      return extra.length ? [...shown, ...extra].sort((a, b) => a - b) : shown;
    },
  });
  return (
    <ul
      ref={list}
      className="relative mt-2"
      style={{ height: v.getTotalSize() }}
      data-testid="incident-list"
      data-virtual="true"
      onFocus={(e) => setFocused((e.target as HTMLElement).closest('[data-incident-id]')?.getAttribute('data-incident-id') ?? null)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
      }}
    >
      {v.getVirtualItems().map((row) => {
        const f = items[row.index];
        if (!f) return null;
        return (
          <li
            key={row.key}
            ref={v.measureElement}
            data-index={row.index}
            aria-posinset={row.index + 1}
            aria-setsize={items.length}
            className="absolute start-0 top-0 w-full pb-1"
            style={{ transform: `translateY(${row.start - v.options.scrollMargin}px)` }}
          >
            {entry(f)}
          </li>
        );
      })}
    </ul>
  );
}

function Entry({
  item: { id, properties: p },
  selected,
  lang,
  t,
  onSelect,
  palette,
}: {
  item: Feature<IncidentBriefProps>;
  selected: boolean;
  lang: Lang;
  t: Translate;
  onSelect(id: string): void;
  palette: PaletteName;
}) {
  return (
    <button
      type="button"
      data-testid="incident-list-item"
      data-incident-id={id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(id)}
      className={`w-full rounded border p-2 text-start text-sm focus:outline-2 focus:outline-blue-600 ${
        selected ? 'border-blue-600 bg-blue-50' : 'border-slate-200 bg-white hover:bg-slate-50'
      }`}
    >
      <span className="flex items-start gap-2">
        <span
          aria-hidden="true"
          className="mt-1 inline-block h-3 w-3 shrink-0 rounded-full"
          style={{ background: PALETTES[palette].types[p.eventType] }}
        />
        <span>
          <span className="block font-medium" {...textAttrs(p.title, lang)}>
            {textIn(p.title, lang)}
          </span>
          <span className="block text-xs text-slate-600">
            {formatIncidentDate(p.date, p.datePrecision, lang)} · {p.placeName[lang]} · {EVENT_TYPE_LABELS[lang][p.eventType]}
          </span>
          <TollLine killed={p.killed} wounded={p.wounded} lang={lang} t={t} />
          <ContestedMark reasons={p.contested} t={t} />
        </span>
      </span>
    </button>
  );
}
