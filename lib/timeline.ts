/**
 * The time bar's calendar arithmetic, in UTC days written as ISO dates: bins of a day, an ISO
 * week (from Monday) or a month, the bin a day falls in, its last day, the bins between two days.
 * Pure: shared by the dashboard and its tests.
 */
import type { Range } from './domain/casualties';
import type { EventType } from './domain/taxonomy';

export type Bin = 'day' | 'week' | 'month';

/** One bar of GET /api/histogram. */
export interface HistogramBin {
  /** the bin's first day */
  start: string;
  count: number;
  /** net deaths (each victim once across the bins); null when no incident of the bin gave a figure */
  killed: Range | null;
  byType: Partial<Record<EventType, number>>;
}

/** GET /api/histogram's answer. */
export interface Histogram {
  bin: Bin;
  total: number;
  bins: HistogramBin[];
}

const parse = (iso: string) => new Date(`${iso}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the bin a day falls in. */
export function binStart(iso: string, bin: Bin): string {
  const d = parse(iso);
  if (bin === 'month') d.setUTCDate(1);
  if (bin === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return fmt(d);
}

/** The first day of the bin `k` bins after the one starting on `start`. */
export function addBins(start: string, bin: Bin, k: number): string {
  const d = parse(start);
  if (bin === 'day') d.setUTCDate(d.getUTCDate() + k);
  if (bin === 'week') d.setUTCDate(d.getUTCDate() + 7 * k);
  if (bin === 'month') d.setUTCMonth(d.getUTCMonth() + k, 1);
  return fmt(d);
}

/** The last day of the bin starting on `start`. */
export function binEnd(start: string, bin: Bin): string {
  const d = parse(addBins(start, bin, 1));
  d.setUTCDate(d.getUTCDate() - 1);
  return fmt(d);
}

/** Every bin's first day from the bin of `first` to the bin of `last`, in order. */
export function binsBetween(first: string, last: string, bin: Bin): string[] {
  const out: string[] = [];
  const end = binStart(last, bin);
  for (let s = binStart(first, bin); s <= end && out.length < 100_000; s = addBins(s, bin, 1)) out.push(s);
  return out;
}

/** A bin that draws a period in at most about 200 bars: days up to half a year, weeks up to four years, then months. */
export function binFor(first: string, last: string): Bin {
  const days = (parse(last).getTime() - parse(first).getTime()) / 86_400_000;
  return days <= 183 ? 'day' : days <= 4 * 366 ? 'week' : 'month';
}
