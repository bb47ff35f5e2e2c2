import type { Range } from './domain/casualties';
import type { DatePrecision } from './domain/schema';
import { translator, type Lang } from './i18n/messages';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** A date as its precision allows: "20 February 2020", "week of 17 February 2020", "February 2020". */
export function formatIncidentDate(iso: string, precision: DatePrecision, lang: Lang): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (precision === 'month') return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  const day = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  return precision === 'week' ? translator(lang)('weekOf', { date: day }) : day;
}

export function formatDay(iso: string, lang: Lang): string {
  return formatIncidentDate(iso, 'day', lang);
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** "27", or "10–15" for a range; null (nobody reported it) is the caller's to word. */
export function formatRange(r: Range, lang: Lang): string {
  return r.low === r.high ? formatNumber(r.low, lang) : `${formatNumber(r.low, lang)}–${formatNumber(r.high, lang)}`;
}

export function formatCoordinate(lat: number, lon: number, lang: Lang): string {
  const f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  return `${f.format(Math.abs(lat))}° ${lat >= 0 ? 'N' : 'S'}, ${f.format(Math.abs(lon))}° ${lon >= 0 ? 'E' : (lang === 'fr' ? 'O' : 'W')}`;
}
