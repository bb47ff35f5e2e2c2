/**
 * A change to a real incident (the seed's day toll), as the desk's history and a view's "what
 * changed" name it: fields in the reader's language, claims by their claimant, toll lines by
 * their group, values written out; long texts flagged for a word-by-word difference.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffRecords } from '@/lib/domain/diff';
import type { Seed } from '@/lib/domain/schema';
import { countsTogether, namesFrom, readable } from '@/lib/history/readable';
import type { Lang } from '@/lib/i18n/messages';

const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as Seed;
const before = seed.incidents.find((i) => i.id === 'idlib-2020-02-20-day-toll')!;
const after = structuredClone(before);
after.claims[0]!.casualties[0]!.killed = { low: 3, high: 3 };
after.subEventType = 'air-drone-strike';
after.eventType = 'explosions-remote-violence';
after.geoPrecision = 2;
after.place = 'saraqib';
after.summary.en = `${before.summary.en} A later dispatch gave another toll.`;
after.reportedBy = [...after.reportedBy, 'sohr'];

const places = [
  { id: 'idlib-governorate', name: { en: 'Idlib province', fr: 'Province d’Idleb', ar: 'محافظة إدلب' } },
  { id: 'saraqib', name: { en: 'Saraqib', fr: 'Saraqeb', ar: 'سراقب' } },
];
const fields = diffRecords(before, after);
const read = (lang: Lang) =>
  readable({
    lang,
    names: namesFrom(lang, { sources: seed.sources, actors: seed.actors, places }),
    records: [after, before],
    words: { absent: '(absent)', none: '(none)' },
  });
const row = (lang: Lang, path: string) => {
  const r = read(lang);
  const f = fields.find((x) => x.path === path)!;
  return [r.label(path), r.value(path, f.before), r.value(path, f.after)];
};

describe('a changed field as a person reads it', () => {
  it('names a toll line by its claimant and group, not by ids and positions', () => {
    expect(fields.map((f) => f.path)).toContain('claims.day-toll-sohr.casualties.0.killed.low');
    expect(row('en', 'claims.day-toll-sohr.casualties.0.killed.low')).toEqual([
      'Claim by Syrian Observatory for Human Rights (SOHR) › Turkish soldiers › killed, low',
      '2',
      '3',
    ]);
    expect(row('fr', 'claims.day-toll-sohr.casualties.0.killed.high')[0]).toBe(
      "Revendication : Observatoire syrien des droits de l'Homme (OSDH) › soldats turcs › tués, haut",
    );
    expect(row('ar', 'claims.day-toll-sohr.casualties.0.killed.low')).toEqual([
      'ادعاء Syrian Observatory for Human Rights (SOHR) › Turkish soldiers › القتلى، الأدنى',
      '٢',
      '٣',
    ]);
  });

  it('shows a count whose low and high both changed as one row, the count as a whole', () => {
    const rows = countsTogether(fields);
    const killed = rows.find((f) => f.path === 'claims.day-toll-sohr.casualties.0.killed');
    expect(killed).toEqual({ path: 'claims.day-toll-sohr.casualties.0.killed', before: { low: 2, high: 2 }, after: { low: 3, high: 3 } });
    expect(rows.some((f) => f.path.endsWith('.killed.low'))).toBe(false);
    const r = read('en');
    expect([r.label(killed!.path), r.value(killed!.path, killed!.before), r.value(killed!.path, killed!.after)]).toEqual([
      'Claim by Syrian Observatory for Human Rights (SOHR) › Turkish soldiers › killed',
      '2',
      '3',
    ]);
    // one end alone stays a row of its own
    const one = countsTogether([{ path: 'claims.x.totalKilled.high', before: 5, after: 6 }]);
    expect(one.map((f) => f.path)).toEqual(['claims.x.totalKilled.high']);
  });

  it('writes values out: a type, a sub-type, a place, a precision, a source', () => {
    expect(row('en', 'eventType')).toEqual(['Type', 'Battles', 'Explosions / remote violence']);
    expect(row('en', 'subEventType')).toEqual(['Sub-type', 'Armed clash', 'Air or drone strike']);
    expect(row('fr', 'place')).toEqual(['Lieu', 'Province d’Idleb', 'Saraqeb']);
    expect(row('en', 'geoPrecision')).toEqual(['Located to', 'the province only', 'near the place']);
    const added = fields.find((f) => f.path.startsWith('reportedBy.'))!;
    expect(read('en').label(added.path)).toBe('Reported by');
    expect(read('en').value(added.path, added.after)).toBe('Syrian Observatory for Human Rights (SOHR)');
  });

  it('flags a long text for a word-by-word difference, and a short one not', () => {
    const r = read('en');
    expect(r.label('summary.en')).toBe('Summary (English)');
    expect(r.longText(before.summary.en, after.summary.en)).toBe(true);
    expect(r.longText('Idlib', 'Idleb')).toBe(false);
    expect(r.longText({ low: 1, high: 1 }, null)).toBe(false);
  });
});
