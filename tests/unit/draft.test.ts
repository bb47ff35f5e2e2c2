import { describe, expect, it } from 'vitest';
import { seed } from '@/lib/db/seed';
import {
  claimIdFor,
  countedInPreview,
  draftOf,
  emptyDraft,
  type IncidentDraft,
  incidentOf,
  setIn,
  suggestIncidentId,
} from '@/lib/incident/draft';
import { fieldName, formText, problemText } from '@/lib/i18n/incident-form';

const dayToll = () => {
  const inc = seed.incidents.find((i) => i.id === 'idlib-2020-02-20-day-toll');
  if (!inc) throw new Error('the seed has its day toll');
  return inc;
};
const strike = () => {
  const inc = seed.incidents.find((i) => i.id === 'idlib-2020-02-20-air-strike-turkish-soldiers');
  if (!inc) throw new Error('the seed has the strike');
  return inc;
};

/** A draft of the day toll with one change made at `path`. */
function changed(path: string, value: unknown): IncidentDraft {
  const d = draftOf(dayToll());
  setIn(d, path, value);
  return d;
}
const problemsOf = (d: IncidentDraft) => incidentOf(d).problems.map((p) => [p.path, p.code]);

describe('the incident editor’s draft', () => {
  it('gives back every seed incident exactly as it was: draft and back is the identity', () => {
    for (const inc of seed.incidents) {
      const r = incidentOf(draftOf(inc));
      expect(r.problems).toEqual([]);
      expect(r.incident).toEqual(inc);
    }
  });

  it('reads a blank figure as not reported (null, never 0), one figure as exact, two as a range', () => {
    const line = 'claims.0.casualties.1';
    expect(incidentOf(changed(`${line}.killed`, { low: '', high: '' })).incident?.claims[0]?.casualties[1]?.killed).toBeNull();
    expect(incidentOf(changed(`${line}.killed`, { low: '7', high: '' })).incident?.claims[0]?.casualties[1]?.killed).toEqual({
      low: 7,
      high: 7,
    });
    expect(incidentOf(changed(`${line}.killed`, { low: '', high: '9' })).incident?.claims[0]?.casualties[1]?.killed).toEqual({
      low: 9,
      high: 9,
    });
    expect(incidentOf(changed(`${line}.killed`, { low: ' 5 ', high: '9' })).incident?.claims[0]?.casualties[1]?.killed).toEqual({
      low: 5,
      high: 9,
    });
  });

  it('names each figure it cannot read by its input’s path, and reads none behind the editor’s back', () => {
    const line = 'claims.0.casualties.1';
    expect(problemsOf(changed(`${line}.killed`, { low: '1,200', high: '' }))).toEqual([[`${line}.killed.low`, 'wholeNumber']]);
    expect(problemsOf(changed(`${line}.killed`, { low: 'about 10', high: '' }))).toEqual([[`${line}.killed.low`, 'wholeNumber']]);
    expect(problemsOf(changed(`${line}.wounded`, { low: '', high: '-3' }))).toEqual([[`${line}.wounded.high`, 'notNegative']]);
    expect(problemsOf(changed(`${line}.killed`, { low: '99999999', high: '' }))).toEqual([[`${line}.killed.low`, 'tooLarge']]);
    // the schema's own rule, on the pair
    expect(problemsOf(changed(`${line}.killed`, { low: '12', high: '4' }))).toEqual([[`${line}.killed`, 'lowAboveHigh']]);
  });

  it('takes the schema’s other rules in the form’s terms, each at its input', () => {
    expect(problemsOf(changed('title.en', '   '))).toEqual([['title.en', 'required']]);
    expect(problemsOf(changed('date', ''))).toEqual([['date', 'date']]);
    expect(problemsOf(changed('date', '1850-01-01'))).toEqual([['date', 'dateRange']]);
    expect(problemsOf(changed('subEventType', 'peaceful-protest'))).toEqual([['subEventType', 'subType']]);
    expect(problemsOf(changed('claims.0.casualties.0.countedIn', 'idlib-2020-02-20-day-toll'))).toEqual([
      ['claims.0.casualties.0.countedIn', 'countedInSelf'],
    ]);
    expect(problemsOf(changed('reportedBy', []))).toEqual([['reportedBy', 'pickOne']]);
    expect(problemsOf(changed('claims.0.claimant', ''))).toEqual([['claims.0.claimant', 'pickOne']]);
    expect(problemsOf(changed('id', 'Not An Id'))).toEqual([['id', 'id']]);
  });

  it('says each problem in the editor’s language', () => {
    const p = incidentOf(changed('title.en', '')).problems[0];
    if (!p) throw new Error('a problem');
    expect(problemText(formText('en'), p)).toBe('Required.');
    expect(problemText(formText('fr'), p)).toBe('Obligatoire.');
    expect(problemText(formText('ar'), p)).toBe('مطلوب.');
  });

  it('makes a claim without an id one from the incident’s, not taken by another claim of it', () => {
    const d = draftOf(dayToll());
    setIn(d, 'claims.1.id', '');
    setIn(d, 'claims.0.id', 'idlib-2020-02-20-day-toll-claim-2');
    expect(claimIdFor(d, 1)).toBe('idlib-2020-02-20-day-toll-claim-3');
    expect(incidentOf(d).incident?.claims.map((c) => c.id)).toEqual([
      'idlib-2020-02-20-day-toll-claim-2',
      'idlib-2020-02-20-day-toll-claim-3',
      'day-toll-russian-mod',
    ]);
  });

  it('suggests a new incident’s id from its date, place and title', () => {
    const d = emptyDraft();
    d.date = '2020-02-20';
    d.place = 'saraqib';
    d.title.en = 'Shelling of the M4 near Saraqib, at night';
    expect(suggestIncidentId(d)).toBe('2020-02-20-saraqib-shelling-of-the-m4');
  });

  it('previews the totals with a toll line counted in another incident, and counted apart', () => {
    // the Observatory's two Turkish soldiers are those the strike itself reports: linked, counted once
    const d = draftOf(dayToll());
    const other = { id: strike().id, claims: strike().claims };
    const p = countedInPreview(d, [0, 0], other);
    // day toll 2 + 11 + 14 (its Turkish dead counted in the strike) with the strike's 2: 27
    expect(p.with.killed).toEqual({ low: 27, high: 27 });
    // counted apart, the same two soldiers would count twice
    expect(p.without.killed).toEqual({ low: 29, high: 29 });
  });
});

describe('the form’s words for a field', () => {
  it('names an input by its labels, in the editor’s language', () => {
    const en = formText('en');
    const fr = formText('fr');
    expect(fieldName(en, 'title.en')).toBe('Title (English)');
    expect(fieldName(fr, 'claims.1.casualties.0.killed.low')).toBe('Version 2 › Bilan, par groupe 1 › Tués › de');
    expect(fieldName(en, 'claims.0.attribution.fr')).toBe('Claim 1 › Attribution in the claimant’s terms (French)');
    expect(fieldName(en, 'actors.1.actor')).toBe('Who took part 2 › Actor');
    expect(incidentOf(emptyDraft()).problems.find((p) => p.path === 'id')?.code).toBe('required');
  });
});
