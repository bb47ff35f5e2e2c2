import type { Lang } from './messages';

/** Text held in French and English, and in Arabic when an editor gave it. */
export interface Texts {
  en: string;
  fr: string;
  ar?: string | null;
}

/**
 * The language a text is shown in for a reader of `lang`: French and English as asked; Arabic
 * when the text has it, otherwise English (the caller says so with `arabicFallback`).
 */
export function shownLang(x: Texts, lang: Lang): Lang {
  if (lang !== 'ar') return lang;
  return x.ar ? 'ar' : 'en';
}

/** The text for a reader of `lang` (see `shownLang`). */
export function textIn(x: Texts, lang: Lang): string {
  const l = shownLang(x, lang);
  return l === 'ar' ? (x.ar ?? x.en) : x[l];
}

/** True when an Arabic reader is shown this text in English. */
export function inEnglishFor(x: Texts, lang: Lang): boolean {
  return lang === 'ar' && !x.ar;
}

/** The attributes an element holding the text needs when it is not in the page's language. */
export function textAttrs(x: Texts, lang: Lang): { lang?: Lang; dir?: 'ltr' | 'rtl' } {
  const l = shownLang(x, lang);
  return l === lang ? {} : { lang: l, dir: l === 'ar' ? 'rtl' : 'ltr' };
}

type ViewText = { fr?: string; en?: string; ar?: string };
/**
 * A view's own text (title, caption, credit) for a reader of `lang`: in that language when the
 * editor wrote it, else in the view's language, else in any (English before French for an
 * Arabic reader, the other Latin one for the rest).
 */
export function viewText(x: ViewText, lang: Lang, viewLang: Lang = lang): string | undefined {
  const order = lang === 'ar' ? (['ar', viewLang, 'en', 'fr'] as const) : ([lang, viewLang, lang === 'fr' ? 'en' : 'fr', 'ar'] as const);
  for (const l of order) if (x[l]) return x[l];
  return undefined;
}
