import type { Range } from './domain/casualties';
import type { DatePrecision } from './domain/schema';
import { translator, type Lang } from './i18n/messages';

/** The locale each language's dates and numbers are written in. Arabic as written in Syria: Arabic-Indic digits and the Levant's month names (شباط, not فبراير). */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', ar: 'ar-SY' };
const locale = (lang: Lang) => LOCALES[lang];

// Intl formatters and collators are costly to create (the embed made dozens while its page
// hydrated, ~30 ms): one per language and kind, made on first use
type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.Collator;
const formatters = new Map<string, Formatter>();
function formatter<F extends Formatter>(kind: string, lang: Lang, make: (locale: string) => F): F {
  const key = `${kind}:${lang}`;
  const known = formatters.get(key) as F | undefined;
  if (known) return known;
  const made = make(locale(lang));
  formatters.set(key, made);
  return made;
}
const collator = (lang: Lang) => formatter('collator', lang, (l) => new Intl.Collator(l));

/** Compares two texts as a reader of `lang` sorts them (one collator per language, not one per call). */
export function compareText(lang: Lang): (a: string, b: string) => number {
  return collator(lang).compare;
}

const monthFormat = (lang: Lang) =>
  formatter('month', lang, (l) => new Intl.DateTimeFormat(l, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
const dayFormat = (lang: Lang) =>
  formatter('day', lang, (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
const numberFormat = (lang: Lang) => formatter('number', lang, (l) => new Intl.NumberFormat(l));
const coordinateFormat = (lang: Lang) =>
  formatter('coordinate', lang, (l) => new Intl.NumberFormat(l, { minimumFractionDigits: 5, maximumFractionDigits: 5 }));

/** A date as its precision allows: "20 February 2020", "week of 17 February 2020", "February 2020". */
export function formatIncidentDate(iso: string, precision: DatePrecision, lang: Lang): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (precision === 'month') return monthFormat(lang).format(d);
  const day = dayFormat(lang).format(d);
  return precision === 'week' ? translator(lang)('weekOf', { date: day }) : day;
}

export function formatDay(iso: string, lang: Lang): string {
  return formatIncidentDate(iso, 'day', lang);
}

const timeFormat = (lang: Lang) =>
  formatter('time', lang, (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }));

/** The hour and minute of an ISO timestamp, in UTC: "22:02". */
export function formatTimeUtc(iso: string, lang: Lang): string {
  return timeFormat(lang).format(new Date(iso));
}

export function formatNumber(n: number, lang: Lang): string {
  return numberFormat(lang).format(n);
}

/** "27", or "10–15" for a range; null (nobody reported it) is the caller's to word. */
export function formatRange(r: Range, lang: Lang): string {
  return r.low === r.high ? formatNumber(r.low, lang) : `${formatNumber(r.low, lang)}–${formatNumber(r.high, lang)}`;
}

export function formatCoordinate(lat: number, lon: number, lang: Lang): string {
  const f = coordinateFormat(lang);
  if (lang === 'ar')
    return `${f.format(Math.abs(lat))}° ${lat >= 0 ? 'شمالاً' : 'جنوباً'}، ${f.format(Math.abs(lon))}° ${lon >= 0 ? 'شرقاً' : 'غرباً'}`;
  return `${f.format(Math.abs(lat))}° ${lat >= 0 ? 'N' : 'S'}, ${f.format(Math.abs(lon))}° ${lon >= 0 ? 'E' : lang === 'fr' ? 'O' : 'W'}`;
}

/** What separates the items of a list in running text: the Arabic comma in Arabic. */
export function listSeparator(lang: Lang): string {
  return lang === 'ar' ? '، ' : ', ';
}

/**
 * Straight double quotes turned into the language's marks: “…” in English, « … » in French. An
 * attribution is the editor's account of what a source says, not a quotation of it, so it is
 * never wrapped in quotes itself; only the words it quotes are.
 */
export function curlyQuotes(text: string, lang: Lang): string {
  return text.replace(/"([^"]*)"/g, (_, q: string) => (lang === 'fr' ? `« ${q.trim()} »` : lang === 'ar' ? `«${q.trim()}»` : `“${q}”`));
}
