import type { EventType } from '../domain/taxonomy';
import { dictionaries as every } from './dictionaries';
import type { en } from './en';

export type Lang = 'fr' | 'en' | 'ar';
export const LANGS: readonly Lang[] = ['fr', 'en', 'ar'];
/** Each language's name in itself, for the switcher. */
export const LANG_NAMES: Record<Lang, string> = { fr: 'Français', en: 'English', ar: 'العربية' };
/** The direction a page in the language is laid out in. */
export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

export type MessageKey = keyof typeof en;

export const EVENT_TYPE_LABELS: Record<Lang, Record<EventType, string>> = {
  en: {
    battles: 'Battles',
    'explosions-remote-violence': 'Explosions / remote violence',
    'violence-against-civilians': 'Violence against civilians',
    protests: 'Protests',
    riots: 'Riots',
    'strategic-developments': 'Strategic developments',
  },
  fr: {
    battles: 'Combats',
    'explosions-remote-violence': 'Explosions / violence à distance',
    'violence-against-civilians': 'Violence contre des civils',
    protests: 'Manifestations',
    riots: 'Émeutes',
    'strategic-developments': 'Évolutions stratégiques',
  },
  ar: {
    battles: 'معارك',
    'explosions-remote-violence': 'انفجارات / عنف عن بُعد',
    'violence-against-civilians': 'عنف ضد المدنيين',
    protests: 'احتجاجات',
    riots: 'أعمال شغب',
    'strategic-developments': 'تطورات استراتيجية',
  },
};

export const SUB_EVENT_LABELS: Record<Lang, Record<string, string>> = {
  en: {
    'armed-clash': 'Armed clash',
    'air-drone-strike': 'Air or drone strike',
    'shelling-artillery-missile-attack': 'Shelling, artillery or missile attack',
  },
  fr: {
    'armed-clash': 'Affrontement armé',
    'air-drone-strike': 'Frappe aérienne ou de drone',
    'shelling-artillery-missile-attack': 'Bombardement, tir d’artillerie ou de missile',
  },
  ar: {
    'armed-clash': 'اشتباك مسلح',
    'air-drone-strike': 'غارة جوية أو بطائرة مسيّرة',
    'shelling-artillery-missile-attack': 'قصف مدفعي أو صاروخي',
  },
};

/**
 * Every message in every language, by key (the test of the translations reads them all). The
 * embed's island is built once per language with only that language's (scripts/build-embed.ts).
 */
export const dictionaries: Record<Lang, Record<MessageKey, string>> = every;

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  // in an embed's island only its page's language is there (scripts/build-embed.ts)
  const dict =
    (dictionaries[lang] as Record<MessageKey, string> | undefined) ?? (Object.values(dictionaries)[0] as Record<MessageKey, string>);
  return (key, vars) => dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k] ?? `{${k}}`));
}

export function subEventLabel(lang: Lang, sub: string): string {
  return SUB_EVENT_LABELS[lang][sub] ?? sub.replace(/-/g, ' ');
}
