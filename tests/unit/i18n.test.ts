import { describe, expect, it } from 'vitest';
import { negotiateLang } from '@/lib/i18n/negotiate';
import { ACLED_SUB_LABELS, EVENT_TYPES } from '@/lib/domain/taxonomy';
import { dictionaries, LANGS, type MessageKey, SUB_EVENT_LABELS, subEventInline, translator } from '@/lib/i18n/messages';
import { compareText, curlyQuotes, formatCoordinate, formatIncidentDate, formatRange } from '@/lib/format';
import { inEnglishFor, shownLang, textAttrs, textIn, viewText } from '@/lib/i18n/text';
import { parseCamera, readViewState, viewStateToSearch } from '@/lib/state';
import { deskText } from '@/lib/i18n/desk';
import { formText } from '@/lib/i18n/incident-form';
import { recordsText } from '@/lib/i18n/records';
import { fill } from '@/lib/i18n/translate';

describe('language', () => {
  it('takes ?lang= first, then Accept-Language by quality, then French', () => {
    expect(negotiateLang('en', 'fr')).toBe('en');
    expect(negotiateLang('de', 'en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLang(null, 'de-DE, en;q=0.5, fr;q=0.8')).toBe('fr');
    expect(negotiateLang(null, 'ar-SY,ar;q=0.9,en;q=0.5')).toBe('ar');
    expect(negotiateLang('ar', 'en')).toBe('ar');
    expect(negotiateLang(null, null)).toBe('fr');
  });
  it('formats dates and numbers per language', () => {
    expect(formatIncidentDate('2020-02-20', 'day', 'fr')).toBe('20 février 2020');
    expect(formatIncidentDate('2020-02-20', 'day', 'en')).toBe('20 February 2020');
    expect(formatIncidentDate('2020-02-01', 'month', 'fr')).toBe('février 2020');
    expect(formatIncidentDate('2020-02-17', 'week', 'en')).toBe('week of 17 February 2020');
    expect(formatRange({ low: 1200, high: 1500 }, 'fr')).toBe('1\u202f200–1\u202f500');
    expect(formatRange({ low: 1200, high: 1200 }, 'en')).toBe('1,200');
    // Arabic as Syria writes it: Arabic-Indic digits, the Levant's month names
    expect(formatIncidentDate('2020-02-20', 'day', 'ar')).toBe('٢٠ شباط ٢٠٢٠');
    expect(formatRange({ low: 10, high: 15 }, 'ar')).toBe('١٠–١٥');
    expect(formatCoordinate(35.83, 36.63, 'ar')).toBe('٣٥٫٨٣٠٠٠° شمالاً، ٣٦٫٦٣٠٠٠° شرقاً');
  });
  it('has every message in every language, with the same placeholders', () => {
    const keys = Object.keys(dictionaries.en).sort();
    expect(Object.keys(dictionaries.fr).sort()).toEqual(keys);
    expect(Object.keys(dictionaries.ar).sort()).toEqual(keys);
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of keys as MessageKey[]) {
      for (const lang of LANGS) expect(dictionaries[lang][key].trim(), `${lang}.${key}`).not.toBe('');
      expect(placeholders(dictionaries.fr[key]), key).toEqual(placeholders(dictionaries.en[key]));
      expect(placeholders(dictionaries.ar[key]), key).toEqual(placeholders(dictionaries.en[key]));
    }
    // the Arabic is Arabic: every message but names of formats and services holds Arabic letters
    const latinOnly = keys.filter((k) => !/[\u0600-\u06FF]/.test(dictionaries.ar[k as MessageKey]));
    expect(latinOnly.sort()).toEqual(['colon', 'downloadGeoJson', 'geonames']);
    // translated, not copied: most French messages differ from the English ones
    const same = keys.filter((k) => dictionaries.fr[k as MessageKey] === dictionaries.en[k as MessageKey]);
    expect(same.length).toBeLessThan(keys.length / 10);
    expect(translator('fr')('clusterOf', { n: 3 })).toBe('3 incidents');
  });
  it('names every ACLED sub-event type in each language, written out rather than read off its id', () => {
    const ids = Object.values(EVENT_TYPES).flat();
    for (const lang of LANGS) {
      const labels = SUB_EVENT_LABELS[lang] as Record<string, string>;
      expect(Object.keys(labels).sort(), lang).toEqual([...ids].sort());
      // distinct labels
      expect(new Set(Object.values(labels)).size, lang).toBe(ids.length);
      // translated, in French and Arabic (no English id shown as a label)
      if (lang !== 'en') for (const id of ids) expect(labels[id]!.toLowerCase(), `${lang} ${id}`).not.toBe(id.replace(/-/g, ' '));
    }
    // ACLED's slashes written as words ("Remote explosive/landmine/IED": "…, landmine or IED")
    for (const id of ids.filter((i) => ACLED_SUB_LABELS[i]!.includes('/'))) expect(SUB_EVENT_LABELS.en[id], id).toMatch(/ or /);
    for (const id of ids) expect(SUB_EVENT_LABELS.ar[id], id).toMatch(/^[\u0600-\u06FF\s]+$/);
    // inside a sentence: lower case first, an acronym kept
    expect(subEventInline('en', 'remote-explosive-landmine-ied')).toBe('remote explosive, landmine or IED');
    expect(subEventInline('en', 'suicide-bomb')).toBe('suicide bombing');
    expect(subEventInline('fr', 'air-drone-strike')).toBe('frappe aérienne ou de drone');
    expect(subEventInline('ar', 'grenade')).toBe('هجوم بقنبلة يدوية');
  });
  it('restores a view from its URL and drops what it cannot trust', () => {
    const s = readViewState(
      new URLSearchParams('incident=idlib-2020-02-20-day-toll&place=qminas&type=battles,bogus&from=2020-02-20&to=nope&actor=<script>'),
      'en',
    );
    expect(s).toEqual({
      lang: 'en',
      incident: 'idlib-2020-02-20-day-toll',
      place: 'qminas',
      from: '2020-02-20',
      to: null,
      types: ['battles'],
      actor: null,
      camera: null,
    });
    expect(readViewState(new URLSearchParams(viewStateToSearch(s).slice(1)), 'en')).toEqual(s);
  });
  it('reads the camera as zoom/lat/lon, with 0 as a valid coordinate, and rejects nonsense', () => {
    expect(parseCamera('9.5/35.86/36.7')).toEqual({ zoom: 9.5, lat: 35.86, lon: 36.7 });
    expect(parseCamera('3/0/0')).toEqual({ zoom: 3, lat: 0, lon: 0 });
    for (const bad of ['9/35', '9/91/0', 'a/b/c', '9//1', '30/0/0']) expect(parseCamera(bad), bad).toBeNull();
    const s = readViewState(new URLSearchParams('view=10/35.9/36.6'), 'fr');
    expect(viewStateToSearch(s)).toBe('?lang=fr&view=10.00/35.90000/36.60000');
  });
});

describe('filling in words', () => {
  it('fills every variable given, numbers and zero included, and leaves a missing one visible', () => {
    expect(fill('{n} of {total}', { n: 0, total: 12 })).toBe('0 of 12');
    expect(fill('{who} saved {n}', { who: 'amal' })).toBe('amal saved {n}');
    expect(fill('{who} saved', { who: null })).toBe('{who} saved');
    expect(fill('{who} saved', { who: undefined })).toBe('{who} saved');
  });

  it('is the same in every dictionary of the product', () => {
    // a variable left out shows as itself wherever the words come from
    expect(translator('en')('clusterOf', {})).toContain('{n}');
    expect(formText('en')('saved', {})).toContain('{n}');
    expect(recordsText('en')('failed', {})).toContain('{detail}');
    expect(deskText('en')('signedInAs', {})).toBe('Signed in as {name}');
  });
});

describe('sorting text', () => {
  it('sorts as a reader of the language does, accents included', () => {
    // code units would put "Élan" after "Zeta"
    expect(['Zeta', 'Élan', 'Alpha'].sort(compareText('fr'))).toEqual(['Alpha', 'Élan', 'Zeta']);
    expect(['b', 'a', 'C'].sort(compareText('en'))).toEqual(['a', 'b', 'C']);
  });
});

describe('quotation marks', () => {
  it('turns the words an attribution quotes into the language’s marks, and never wraps the attribution itself', () => {
    const said = '"Terrorist formations", which it says Turkey backs and arms, attacked Syrian positions';
    expect(curlyQuotes(said, 'en')).toBe('“Terrorist formations”, which it says Turkey backs and arms, attacked Syrian positions');
    expect(curlyQuotes('Des "formations terroristes" ont attaqué', 'fr')).toBe('Des « formations terroristes » ont attaqué');
    expect(curlyQuotes('Air strike by the Syrian army', 'en')).toBe('Air strike by the Syrian army');
  });
});

describe('texts in Arabic', () => {
  const title = { en: 'Air strikes on Qminas', fr: 'Frappes aériennes sur Qminas' };
  it('shows an incident’s Arabic when it has one, else its English, and says which', () => {
    expect(textIn(title, 'ar')).toBe('Air strikes on Qminas');
    expect(shownLang(title, 'ar')).toBe('en');
    expect(inEnglishFor(title, 'ar')).toBe(true);
    expect(textAttrs(title, 'ar')).toEqual({ lang: 'en', dir: 'ltr' });
    const withAr = { ...title, ar: 'غارات جوية على قميناس' };
    expect(textIn(withAr, 'ar')).toBe('غارات جوية على قميناس');
    expect(inEnglishFor(withAr, 'ar')).toBe(false);
    expect(textAttrs(withAr, 'ar')).toEqual({});
    // French and English readers are never sent to another language
    expect(textIn(withAr, 'fr')).toBe('Frappes aériennes sur Qminas');
    expect(textAttrs(title, 'en')).toEqual({});
  });
  it('picks a view’s own text in the reader’s language, then the view’s, then any', () => {
    expect(viewText({ fr: 'Idlib', en: 'Idlib (en)' }, 'ar', 'fr')).toBe('Idlib');
    expect(viewText({ en: 'Idlib (en)' }, 'ar', 'fr')).toBe('Idlib (en)');
    expect(viewText({ ar: 'إدلب', fr: 'Idlib' }, 'ar', 'fr')).toBe('إدلب');
    expect(viewText({ ar: 'إدلب' }, 'en', 'en')).toBe('إدلب');
    expect(viewText({}, 'fr')).toBeUndefined();
  });
});
