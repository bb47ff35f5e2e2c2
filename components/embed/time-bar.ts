'use client';
import { useEffect, useState } from 'react';
import type { Feature, IncidentDetailProps } from '@/lib/incident/geojson';
import type { EventType } from '@/lib/domain/taxonomy';
import { fetchJson } from '@/lib/hooks';
import { type Bin, binEnd, binFor, binStart, type Histogram } from '@/lib/timeline';
import type { Period, TimeBarData } from '../TimeBarView';

/** Whether an incident's days meet a period (as /api/incidents filters: it ends on or after `from`, begins on or before `to`). */
export const inPeriod = (p: { date: string; dateEnd: string }, { from, to }: Period) =>
  (!from || p.dateEnd >= from) && (!to || p.date <= to);

/** The bar of incidents an embed carries: counted here, per the bin that fits their span. */
export function histogramOf(incidents: Feature<IncidentDetailProps>[]): { bin: Bin; data: TimeBarData } {
  const days = incidents.map((f) => f.properties.date).sort();
  const first = days[0];
  const last = days.at(-1);
  const bin: Bin = first && last ? binFor(first, last) : 'month';
  const bins = new Map<string, TimeBarData['bins'][number]>();
  for (const f of incidents) {
    const start = binStart(f.properties.date, bin);
    const b = bins.get(start) ?? { start, count: 0, byType: {} };
    const type: EventType = f.properties.eventType;
    b.count += 1;
    b.byType[type] = (b.byType[type] ?? 0) + 1;
    bins.set(start, b);
  }
  return { bin, data: { total: incidents.length, bins: [...bins.values()].sort((a, b) => (a.start < b.start ? -1 : 1)) } };
}

/**
 * The bar of a view too large to carry its incidents: the API's histogram by month, then by the
 * bin that fits the span; fetched in effects (the page's server render shows it loading).
 */
export function useLargeHistogram(url: string | null): { bin: Bin; data: TimeBarData | undefined; error: Error | null } {
  const [state, setState] = useState<{ bin: Bin; data: TimeBarData | undefined; error: Error | null }>({
    bin: 'month',
    data: undefined,
    error: null,
  });
  useEffect(() => {
    if (!url) return;
    let current = true;
    const join = url.includes('?') ? '&' : '?';
    (async () => {
      const months = await fetchJson<Histogram>(`${url}${join}bin=month`);
      const first = months.bins[0]?.start;
      const last = months.bins.at(-1)?.start;
      const bin: Bin = first && last ? binFor(first, binEnd(last, 'month')) : 'month';
      const data = bin === 'month' ? months : await fetchJson<Histogram>(`${url}${join}bin=${bin}`);
      if (current) setState({ bin, data, error: null });
    })().catch((error: Error) => current && setState((s) => ({ ...s, error })));
    return () => {
      current = false;
    };
  }, [url]);
  return state;
}

/**
 * A tile URL template with the period laid over the view's own dates (the later start, the
 * earlier end), or null when they do not meet. Only the query is touched: the {z}/{x}/{y} of
 * the path stay as they are.
 */
export function tilesInPeriod(template: string, { from, to }: Period): string | null {
  const at = template.indexOf('?');
  const path = at === -1 ? template : template.slice(0, at);
  const sp = new URLSearchParams(at === -1 ? '' : template.slice(at + 1));
  const own = { from: sp.get('from'), to: sp.get('to') };
  if (from && (!own.from || from > own.from)) sp.set('from', from);
  if (to && (!own.to || to < own.to)) sp.set('to', to);
  // a period wholly outside the view's dates: nothing to draw
  const f = sp.get('from');
  const t = sp.get('to');
  if (f && t && f > t) return null;
  return `${path}?${sp.toString()}`;
}
