import { describe, expect, it } from 'vitest';
import { findPlacesByName, placeById, places } from '@/geo/gazetteer';
import { contestReasons } from '@/lib/domain/casualties';
import { seed } from '@/lib/db/seed';
import fs from 'node:fs';

describe('the seed coded from the AFP dispatch of 20 February 2020', () => {
  it('dates every incident Thursday 20 February 2020, to the day', () => {
    expect(new Date('2020-02-20T00:00:00Z').getUTCDay()).toBe(4);
    for (const i of seed.incidents) {
      expect(i.date).toBe('2020-02-20');
      expect(i.datePrecision).toBe('day');
    }
  });

  it('codes the six items the dispatch reports', () => {
    expect(seed.incidents.map((i) => i.id).sort()).toEqual([
      'idlib-2020-02-20-air-strike-turkish-soldiers',
      'idlib-2020-02-20-day-toll',
      'idlib-2020-02-20-nayrab-attack',
      'idlib-2020-02-20-qminas-attack',
      'idlib-2020-02-20-su24-strikes',
      'idlib-2020-02-20-turkish-fire',
    ]);
  });

  it('places Al-Nayrab between Idlib and Saraqib, not beside Aleppo airport', () => {
    // the two namesakes share their Arabic name and a transliteration: a name alone cannot choose
    expect(
      findPlacesByName('النيرب')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['nayrab-aleppo', 'nayrab-idlib']);
    expect(
      findPlacesByName('an nayrab')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['nayrab-aleppo', 'nayrab-idlib']);
    for (const i of seed.incidents) expect(i.place).not.toBe('nayrab-aleppo');
    expect(placeById('nayrab-idlib')!.geonamesId).toBe(166357);
  });

  it('locates province-level items to the governorate with geo precision 3', () => {
    for (const id of ['turkish-fire', 'air-strike-turkish-soldiers', 'day-toll']) {
      const i = seed.incidents.find((x) => x.id.endsWith(id))!;
      expect(i.geoPrecision).toBe(3);
      expect(placeById(i.place)!.kind).toBe('governorate');
    }
  });

  it('refers only to known places, sources, actors and incidents', () => {
    const sources = new Set(seed.sources.map((s) => s.id));
    const actors = new Set(seed.actors.map((a) => a.id));
    const incidents = new Set(seed.incidents.map((i) => i.id));
    for (const i of seed.incidents) {
      expect(placeById(i.place), i.place).toBeDefined();
      for (const s of i.reportedBy) expect(sources.has(s), s).toBe(true);
      for (const a of i.actors) expect(actors.has(a.actor), a.actor).toBe(true);
      for (const c of i.claims) {
        expect(sources.has(c.claimant), c.claimant).toBe(true);
        for (const a of [...c.perpetrators, ...c.targets]) expect(actors.has(a), a).toBe(true);
        for (const l of c.casualties) {
          if (l.group !== 'civilians') expect(actors.has(l.group), l.group).toBe(true);
          if (l.countedIn) expect(incidents.has(l.countedIn), l.countedIn).toBe(true);
        }
      }
    }
  });

  it('keeps the tolls the dispatch gives, and only those', () => {
    const figures = seed.incidents
      .flatMap((i) => i.claims.flatMap((c) => c.casualties.flatMap((l) => [l.killed?.high, l.wounded?.high])))
      .filter((n) => n !== undefined);
    // 4 wounded Syrian soldiers; 2 killed and 5 wounded Turkish soldiers; 11 pro-government and 14 rebel dead
    expect(new Set(figures)).toEqual(new Set([4, 2, 5, 11, 14]));
    const text = fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8');
    expect(text).not.toMatch(/synthetic/i);
  });

  it('marks the day toll contested: Ankara and Moscow blame opposite sides', () => {
    const day = seed.incidents.find((i) => i.id.endsWith('day-toll'))!;
    expect(contestReasons(day.claims)).toEqual(['attribution']);
  });

  it('carries the whole gazetteer: 24 places, each named in Arabic script, the two Al-Nayrabs apart', () => {
    expect(places).toHaveLength(24);
    for (const p of places) expect(p.name.ar).toMatch(/[\u0600-\u06FF]/);
    const nayrabs = places.filter((p) => p.name.ar === 'النيرب');
    expect(nayrabs.map((p) => p.id).sort()).toEqual(['nayrab-aleppo', 'nayrab-idlib']);
    expect(new Set(nayrabs.map((p) => p.geonamesId)).size).toBe(2);
  });
});
