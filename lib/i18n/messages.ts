import type { EventType, SubEventType } from '../domain/taxonomy';
import { dictionaries as every } from './dictionaries';
import type { Lang, MessageKey } from './keys';
import { type Translator, translatorOf } from './translate';

export type { Lang, MessageKey };
export const LANGS: readonly Lang[] = ['fr', 'en', 'ar'];
/** Each language's name in itself, for the switcher. */
export const LANG_NAMES: Record<Lang, string> = { fr: 'Français', en: 'English', ar: 'العربية' };
/** The direction a page in the language is laid out in. */
export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

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

/** ACLED's sub-event types in the reader's language (every one: the type makes a missing label a compile error). */
export const SUB_EVENT_LABELS: Record<Lang, Record<SubEventType, string>> = {
  en: {
    'armed-clash': 'Armed clash',
    'government-regains-territory': 'Government regains territory',
    'non-state-actor-overtakes-territory': 'Non-state actor overtakes territory',
    'air-drone-strike': 'Air or drone strike',
    'shelling-artillery-missile-attack': 'Shelling, artillery or missile attack',
    'suicide-bomb': 'Suicide bombing',
    'remote-explosive-landmine-ied': 'Remote explosive, landmine or IED',
    grenade: 'Grenade attack',
    'chemical-weapon': 'Chemical weapon attack',
    attack: 'Attack on civilians',
    'abduction-forced-disappearance': 'Abduction or forced disappearance',
    'sexual-violence': 'Sexual violence',
    'peaceful-protest': 'Peaceful protest',
    'protest-with-intervention': 'Protest with intervention',
    'excessive-force-against-protesters': 'Excessive force against protesters',
    'violent-demonstration': 'Violent demonstration',
    'mob-violence': 'Mob violence',
    agreement: 'Agreement',
    arrests: 'Arrests',
    'change-to-group-activity': 'Change to a group or its activity',
    'disrupted-weapons-use': 'Disrupted weapons use',
    'headquarters-or-base-established': 'Headquarters or base established',
    'looting-property-destruction': 'Looting or destruction of property',
    'non-violent-transfer-of-territory': 'Non-violent transfer of territory',
    other: 'Other',
  },
  fr: {
    'armed-clash': 'Affrontement armé',
    'government-regains-territory': 'Le gouvernement reprend du terrain',
    'non-state-actor-overtakes-territory': 'Un acteur non étatique prend du terrain',
    'air-drone-strike': 'Frappe aérienne ou de drone',
    'shelling-artillery-missile-attack': 'Bombardement, tir d’artillerie ou de missile',
    'suicide-bomb': 'Attentat-suicide',
    'remote-explosive-landmine-ied': 'Explosif à distance, mine ou engin explosif improvisé',
    grenade: 'Attaque à la grenade',
    'chemical-weapon': 'Attaque à l’arme chimique',
    attack: 'Attaque contre des civils',
    'abduction-forced-disappearance': 'Enlèvement ou disparition forcée',
    'sexual-violence': 'Violences sexuelles',
    'peaceful-protest': 'Manifestation pacifique',
    'protest-with-intervention': 'Manifestation dispersée par les forces de l’ordre',
    'excessive-force-against-protesters': 'Force excessive contre des manifestants',
    'violent-demonstration': 'Manifestation violente',
    'mob-violence': 'Violences de foule',
    agreement: 'Accord',
    arrests: 'Arrestations',
    'change-to-group-activity': 'Changement d’un groupe ou de son activité',
    'disrupted-weapons-use': 'Usage d’armes déjoué',
    'headquarters-or-base-established': 'Quartier général ou base établi',
    'looting-property-destruction': 'Pillage ou destruction de biens',
    'non-violent-transfer-of-territory': 'Transfert de territoire sans violence',
    other: 'Autre',
  },
  ar: {
    'armed-clash': 'اشتباك مسلح',
    'government-regains-territory': 'استعادة الحكومة أراضيَ',
    'non-state-actor-overtakes-territory': 'سيطرة جهة غير حكومية على أراضٍ',
    'air-drone-strike': 'غارة جوية أو بطائرة مسيّرة',
    'shelling-artillery-missile-attack': 'قصف مدفعي أو صاروخي',
    'suicide-bomb': 'تفجير انتحاري',
    'remote-explosive-landmine-ied': 'عبوة ناسفة أو لغم أو تفجير عن بُعد',
    grenade: 'هجوم بقنبلة يدوية',
    'chemical-weapon': 'هجوم بسلاح كيميائي',
    attack: 'هجوم على مدنيين',
    'abduction-forced-disappearance': 'اختطاف أو إخفاء قسري',
    'sexual-violence': 'عنف جنسي',
    'peaceful-protest': 'احتجاج سلمي',
    'protest-with-intervention': 'احتجاج فرّقته القوات',
    'excessive-force-against-protesters': 'استخدام مفرط للقوة ضد المحتجين',
    'violent-demonstration': 'مظاهرة عنيفة',
    'mob-violence': 'عنف جماعي',
    agreement: 'اتفاق',
    arrests: 'اعتقالات',
    'change-to-group-activity': 'تغيّر في جماعة أو نشاطها',
    'disrupted-weapons-use': 'إحباط استخدام أسلحة',
    'headquarters-or-base-established': 'إنشاء مقر أو قاعدة',
    'looting-property-destruction': 'نهب أو تدمير ممتلكات',
    'non-violent-transfer-of-territory': 'انتقال أراضٍ دون عنف',
    other: 'أخرى',
  },
};

/**
 * Every message in every language, by key (the test of the translations reads them all). The
 * embed's island is built once per language with only that language's (scripts/build-embed.ts).
 */
export const dictionaries: Record<Lang, Record<MessageKey, string>> = every;

export type Translate = Translator<MessageKey>;

export function translator(lang: Lang): Translate {
  // in an embed's island only its page's language is there (scripts/build-embed.ts)
  const dict =
    (dictionaries[lang] as Record<MessageKey, string> | undefined) ?? (Object.values(dictionaries)[0] as Record<MessageKey, string>);
  return translatorOf(dict);
}

/** A sub-event type's label, as a line starts it ("Air or drone strike"). */
export function subEventLabel(lang: Lang, sub: string): string {
  return (SUB_EVENT_LABELS[lang] as Record<string, string>)[sub] ?? sub.replace(/-/g, ' ');
}

/** The same, inside a sentence, after a comma: its first letter in lower case, an acronym left as it is ("IED…"). */
export function subEventInline(lang: Lang, sub: string): string {
  const label = subEventLabel(lang, sub);
  return /^\p{Lu}\p{Lu}/u.test(label) ? label : label.charAt(0).toLocaleLowerCase(lang) + label.slice(1);
}
