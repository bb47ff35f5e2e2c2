/**
 * A changed field as a person reads it, shared by the desk's history, a view's "what changed" and
 * the incident form's conflict: the field named in the reader's language ("SOHR's claim › Turkish
 * soldiers › killed, low", not "claims › sohr-claim-2 › casualties › #1 › killed › low") and its
 * value written out (names for ids, dates and numbers as the language writes them).
 */
import { formatDay, formatNumber, formatRange, listSeparator } from '../format';
import { type FieldWord, fieldWords, isFieldWord } from '../i18n/fields';
import { EVENT_TYPE_LABELS, type Lang, subEventLabel, translator } from '../i18n/messages';
import type { FieldChange } from '../domain/diff';
import type { EventType } from '../domain/taxonomy';

/** Names for the ids a record holds; an id without a name is shown as it is. */
export interface Names {
  source(id: string): string;
  actor(id: string): string;
  place(id: string): string;
}

export interface Readable {
  /** the field's name: its parts in the reader's language, joined by " › " */
  label(path: string): string;
  /** a value as the reader reads it */
  value(path: string, v: unknown): string;
  /** a long text that changed: shown as one difference, word by word, rather than two whole texts */
  longText(before: unknown, after: unknown): boolean;
}

const LANG_KEYS = new Set(['en', 'fr', 'ar']);
const COUNT_KEYS = new Set(['low', 'high', 'best']);
/** lists of ids whose entries are named by their value, not by their position */
const ID_LISTS = new Set(['reportedBy', 'perpetrators', 'targets', 'highlighted', 'types', 'places', 'contested']);
const SOURCE_KEYS = new Set(['claimant', 'via', 'reportedBy']);
const ACTOR_KEYS = new Set(['actor', 'owner', 'perpetrators', 'targets', 'actors']);
const DATE_KEYS = new Set(['date', 'claimedOn', 'from', 'to']);
const LONG_TEXT = 80;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const texts = (v: unknown) => (isObject(v) ? (v as Record<string, string | undefined>) : null);

/** `records`: the versions the paths point into (before and after), to name claims, toll lines and items by what they hold. */
export function readable({
  lang,
  names,
  records,
  words,
}: {
  lang: Lang;
  names: Names;
  records: unknown[];
  words: { absent: string; none: string };
}): Readable {
  const w = fieldWords(lang);
  const t = translator(lang);
  const inLang = (v: unknown) => {
    const x = texts(v);
    return x ? (x[lang] ?? x.en ?? x.fr ?? '') : '';
  };
  /** the node at a path in the first record that has it (the after version is given first) */
  const at = (parts: string[]): unknown => {
    for (const r of records) {
      let node: unknown = r;
      for (const p of parts) {
        if (Array.isArray(node)) node = node.find((x) => isObject(x) && x.id === p) ?? node[Number(p)];
        else node = isObject(node) ? node[p] : undefined;
        if (node === undefined) break;
      }
      if (node !== undefined) return node;
    }
    return undefined;
  };
  const groupName = (group: unknown) =>
    group === 'civilians' ? w('civilians') : group === 'all' ? w('all') : typeof group === 'string' ? names.actor(group) : '';

  /** the words for one part of a path, knowing the parts before it */
  const part = (parts: string[], i: number, key: string): string | null => {
    const parent = parts[i - 1];
    const more = i < parts.length - 1;
    // a claim is named by its claimant, a toll line by its group: the lists' own names would add nothing
    if ((key === 'claims' || key === 'casualties') && more) return null;
    if (parent === 'claims') {
      const claim = at(parts.slice(0, i + 1));
      const claimant = isObject(claim) && typeof claim.claimant === 'string' ? names.source(claim.claimant) : key;
      return w('claimOf', { claimant });
    }
    if (parent === 'casualties') {
      const line = at(parts.slice(0, i + 1));
      return (isObject(line) && (inLang(line.label) || groupName(line.group))) || `#${Number(key) + 1}`;
    }
    if (parent === 'equipment') return inLang((at(parts.slice(0, i + 1)) as { item?: unknown } | undefined)?.item) || `#${Number(key) + 1}`;
    if (parent === 'actors' || parent === 'actorRoles') {
      const entry = at(parts.slice(0, i + 1));
      return isObject(entry) && typeof entry.actor === 'string' ? names.actor(entry.actor) : `#${Number(key) + 1}`;
    }
    if (parent && ID_LISTS.has(parent) && /^\d+$/.test(key)) return null;
    if (key === 'placeId') return w('place');
    if (key === 'actorRoles') return w('actors');
    if (LANG_KEYS.has(key)) return `(${w(`lang_${key}` as FieldWord)})`;
    if (isFieldWord(key)) return w(key);
    return /^\d+$/.test(key) ? `#${Number(key) + 1}` : key;
  };

  const label = (path: string) => {
    const parts = path.split('.');
    const out: string[] = [];
    for (const [i, key] of parts.entries()) {
      const words = part(parts, i, key);
      if (words === null) continue;
      // "killed, low", "Title (English)": a count's end and a text's language stay with their field
      if (out.length && COUNT_KEYS.has(key)) out[out.length - 1] += `${listSeparator(lang)}${words}`;
      else if (out.length && LANG_KEYS.has(key)) out[out.length - 1] += ` ${words}`;
      else out.push(i === 0 ? words.charAt(0).toLocaleUpperCase(lang) + words.slice(1) : words);
    }
    return out.join(' › ');
  };

  const summarise = (v: Record<string, unknown>): string => {
    if (typeof v.low === 'number' && typeof v.high === 'number') return formatRange({ low: v.low, high: v.high }, lang);
    if (typeof v.claimant === 'string') return w('claimOf', { claimant: names.source(v.claimant) });
    if (typeof v.actor === 'string')
      return `${names.actor(v.actor)} (${w(`side_${v.side}` as FieldWord)}, ${w(`role_${v.role}` as FieldWord)})`;
    if ('group' in v) {
      const toll = (k: 'killed' | 'wounded') => `${w(k)} ${isObject(v[k]) ? summarise(v[k] as Record<string, unknown>) : words.none}`;
      return `${inLang(v.label) || groupName(v.group)}: ${toll('killed')}, ${toll('wounded')}`;
    }
    if ('item' in v) return `${inLang(v.item)}${isObject(v.count) ? ` × ${summarise(v.count as Record<string, unknown>)}` : ''}`;
    if (LANG_KEYS.has(Object.keys(v)[0] ?? '')) return inLang(v);
    const s = JSON.stringify(v);
    return s.length > 240 ? `${s.slice(0, 239)}…` : s;
  };

  const value = (path: string, v: unknown): string => {
    if (v === undefined) return words.absent;
    if (v === null) return words.none;
    const parts = path.split('.');
    const key = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
    if (Array.isArray(v)) return v.length ? v.map((x) => value(`${path}.0`, x)).join(', ') : words.none;
    if (isObject(v)) return summarise(v);
    if (typeof v === 'boolean') return w(v ? 'yes' : 'no');
    if (typeof v === 'number') {
      if (key === 'geoPrecision') return w(`geo_${v}` as FieldWord);
      return formatNumber(v, lang);
    }
    if (typeof v !== 'string') return String(v);
    if (SOURCE_KEYS.has(key)) return names.source(v);
    if (ACTOR_KEYS.has(key)) return names.actor(v);
    if (key === 'group') return groupName(v);
    if (key === 'place' || key === 'placeId' || key === 'places') return names.place(v);
    if (DATE_KEYS.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDay(v, lang);
    if (key === 'datePrecision') return w(`precision_${v}` as FieldWord);
    if (key === 'scope') return w(`scope_${v}` as FieldWord);
    if (key === 'side' || key === 'role') return w(`${key}_${v}` as FieldWord);
    if (key === 'eventType' || key === 'types') return EVENT_TYPE_LABELS[lang][v as EventType] ?? v;
    if (key === 'subEventType') return subEventLabel(lang, v);
    if (key === 'contested') return v === 'attribution' ? t('contestedAttribution') : v === 'toll' ? t('contestedToll') : v;
    return v;
  };

  const longText = (before: unknown, after: unknown) =>
    (typeof before === 'string' || typeof after === 'string') &&
    (typeof before !== 'object' || before === null) &&
    (typeof after !== 'object' || after === null) &&
    Math.max(String(before ?? '').length, String(after ?? '').length) > LONG_TEXT;

  return { label, value, longText };
}

/** Names from lists of records (sources, actors, places), each in the reader's language. */
export function namesFrom(
  lang: Lang,
  lists: {
    sources?: { id: string; name: Record<string, string | undefined> }[];
    actors?: { id: string; name: Record<string, string | undefined> }[];
    places?: { id: string; name: Record<string, string | undefined> }[];
  },
): Names {
  const index = (list: { id: string; name: Record<string, string | undefined> }[] = []) =>
    new Map(list.map((x) => [x.id, x.name[lang] || x.name.en || x.id]));
  const [sources, actors, places] = [index(lists.sources), index(lists.actors), index(lists.places)];
  return {
    source: (id) => sources.get(id) ?? id,
    actor: (id) => actors.get(id) ?? id,
    place: (id) => places.get(id) ?? id,
  };
}

/**
 * The fields as a table shows them: a count's low and high changed together are one row, the count
 * as a whole ("killed: 2 → 9", not "killed, low" and "killed, high" apart).
 */
export function countsTogether(fields: FieldChange[]): FieldChange[] {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const out: FieldChange[] = [];
  const done = new Set<string>();
  for (const f of fields) {
    if (done.has(f.path)) continue;
    const m = /^(.*)\.(low|high|best)$/.exec(f.path);
    const parent = m?.[1];
    const low = parent && byPath.get(`${parent}.low`);
    const high = parent && byPath.get(`${parent}.high`);
    if (parent && low && high) {
      const parts = (['low', 'high', 'best'] as const).map((k) => byPath.get(`${parent}.${k}`));
      for (const p of parts) if (p) done.add(p.path);
      const side = (which: 'before' | 'after') =>
        Object.fromEntries(parts.flatMap((p, i) => (p && p[which] !== undefined ? [[['low', 'high', 'best'][i], p[which]]] : [])));
      out.push({ path: parent, before: side('before'), after: side('after') });
    } else out.push(f);
  }
  return out;
}
