'use client';
import { useHistogram } from '@/lib/hooks';
import type { Lang, Translate } from '@/lib/i18n/messages';
import { histogramQuery, type ViewState } from '@/lib/state';
import { type Bin, binEnd, binFor } from '@/lib/timeline';
import TimeBarView from './TimeBarView';
import type { PaletteName } from '@/geo/palette';

interface Props {
  state: ViewState;
  lang: Lang;
  t: Translate;
  onChange(patch: Pick<ViewState, 'from' | 'to'>): void;
  /** the bars' colours: the map's, in the reader's theme */
  palette: PaletteName;
}

/**
 * The dashboard's time bar: the histogram of the filters other than the dates, by month first,
 * then by the bin that fits the whole span (day, week or month).
 */
export default function TimeBar({ state, lang, t, onChange, palette }: Props) {
  const filters = { ...state, from: null, to: null };
  const overview = useHistogram(histogramQuery(filters, 'month'));
  const months = overview.data?.bins ?? [];
  const first = months[0]?.start;
  const last = months.at(-1)?.start;
  const bin: Bin = first && last ? binFor(first, binEnd(last, 'month')) : 'month';
  const detail = useHistogram(first && bin !== 'month' ? histogramQuery(filters, bin) : null);
  return (
    <TimeBarView
      period={{ from: state.from, to: state.to }}
      bin={bin}
      data={bin === 'month' ? overview.data : detail.data}
      error={overview.error ?? detail.error}
      lang={lang}
      t={t}
      onChange={onChange}
      palette={palette}
      // on a phone the map keeps its height: dates are set in the filters there
      className="hidden md:block"
    />
  );
}
