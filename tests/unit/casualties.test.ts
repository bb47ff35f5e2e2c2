import { describe, expect, it } from 'vitest';
import { ALL_GROUP, contestReasons, reassignCountedLines, sumIncidents, summariseClaims, totalsByClaimant } from '@/lib/domain/casualties';
import type { CasualtyLine } from '@/lib/domain/schema';
import { seed } from '@/lib/db/seed';

const line = (
  group: string,
  killed: [number, number] | null,
  wounded: [number, number] | null = null,
  countedIn: string | null = null,
): CasualtyLine => ({
  group,
  label: { en: group, fr: group },
  killed: killed && { low: killed[0], high: killed[1] },
  wounded: wounded && { low: wounded[0], high: wounded[1] },
  countedIn,
});
const claim = (claimant: string, casualties: CasualtyLine[], perpetrators: string[] = []) => ({ claimant, casualties, perpetrators });

describe('summariseClaims', () => {
  it('gives the range across claims per group, and sums groups', () => {
    const s = summariseClaims([claim('a', [line('army', [3, 3]), line('civilians', [10, 12])]), claim('b', [line('army', [5, 5])])]);
    expect(s.groups.find((g) => g.group === 'army')!.killed).toEqual({ low: 3, high: 5 });
    expect(s.killed).toEqual({ low: 13, high: 17 });
    expect(s.groups.find((g) => g.group === 'army')!.claimants).toEqual(['a', 'b']);
  });

  it('takes a figure for all the dead (a dataset’s one count) as another claim about the total: it widens, never adds', () => {
    // the Observatory names its dead by side; ACLED gives one figure for everyone
    const sides = claim('sohr', [line('army', [11, 11]), line('rebels', [14, 14]), line('turkish-army', [2, 2])]);
    expect(summariseClaims([sides, claim('acled', [line(ALL_GROUP, [27, 27])])]).killed).toEqual({ low: 27, high: 27 });
    expect(summariseClaims([sides, claim('acled', [line(ALL_GROUP, [30, 30])])]).killed).toEqual({ low: 27, high: 30 });
    expect(summariseClaims([sides, claim('acled', [line(ALL_GROUP, [20, 20])])]).killed).toEqual({ low: 20, high: 27 });
    // alone, it is the total
    expect(summariseClaims([claim('acled', [line(ALL_GROUP, [4, 4])])]).killed).toEqual({ low: 4, high: 4 });
  });

  it('keeps an unreported figure unknown (null), never zero', () => {
    const s = summariseClaims([claim('a', [line('army', null, [4, 4])])]);
    expect(s.killed).toBeNull();
    expect(s.wounded).toEqual({ low: 4, high: 4 });
    expect(summariseClaims([claim('a', [])]).killed).toBeNull();
  });

  it('adds several lines of one claim for the same group', () => {
    expect(summariseClaims([claim('a', [line('army', [1, 1]), line('army', [2, 3])])]).killed).toEqual({ low: 3, high: 4 });
  });
});

describe('contestReasons', () => {
  it('flags claims that blame different perpetrators', () => {
    expect(contestReasons([claim('a', [], ['x']), claim('b', [], ['y'])])).toEqual(['attribution']);
  });
  it('does not flag a claim that names nobody, nor the same perpetrators in another order', () => {
    expect(contestReasons([claim('a', [], ['x', 'y']), claim('b', [], ['y', 'x']), claim('c', [])])).toEqual([]);
  });
  it('flags tolls for the same group that cannot both be true, not overlapping ranges', () => {
    expect(contestReasons([claim('a', [line('army', [2, 2])]), claim('b', [line('army', [5, 7])])])).toEqual(['toll']);
    expect(contestReasons([claim('a', [line('army', [2, 6])]), claim('b', [line('army', [5, 7])])])).toEqual([]);
    // different groups never disagree
    expect(contestReasons([claim('a', [line('army', [2, 2])]), claim('b', [line('rebels', [9, 9])])])).toEqual([]);
  });
});

describe('sums across incidents never double count', () => {
  const incidents = seed.incidents.map((i) => ({ id: i.id, claims: i.claims }));
  const pick = (...ids: string[]) => incidents.filter((i) => ids.some((id) => i.id.endsWith(id)));

  it('the whole day: 27 killed and 9 wounded, the air strike counted once', () => {
    expect(sumIncidents(incidents)).toEqual({ killed: { low: 27, high: 27 }, wounded: { low: 9, high: 9 } });
  });

  it('the day toll alone still counts the Turkish soldiers it includes', () => {
    expect(sumIncidents(pick('day-toll'))).toEqual({ killed: { low: 27, high: 27 }, wounded: { low: 9, high: 9 } });
  });

  it('the air strike alone: 2 killed, 5 wounded; with the day toll: still 27, not 29', () => {
    expect(sumIncidents(pick('air-strike-turkish-soldiers'))).toEqual({ killed: { low: 2, high: 2 }, wounded: { low: 5, high: 5 } });
    expect(sumIncidents(pick('air-strike-turkish-soldiers', 'day-toll')).killed).toEqual({ low: 27, high: 27 });
  });

  it('a line counted elsewhere widens that incident’s range instead of vanishing', () => {
    const s = sumIncidents([
      { id: 'strike', claims: [claim('gov', [line('soldiers', [2, 2])])] },
      { id: 'day', claims: [claim('monitor', [line('soldiers', [3, 3], null, 'strike'), line('rebels', [10, 10])])] },
    ]);
    expect(s.killed).toEqual({ low: 12, high: 13 });
    const moved = reassignCountedLines([
      { id: 'strike', claims: [] },
      { id: 'day', claims: [claim('monitor', [line('soldiers', [3, 3], null, 'strike')])] },
    ]);
    expect(moved[0]!.claims).toHaveLength(1);
    expect(moved[1]!.claims[0]!.casualties).toEqual([]);
  });

  it('totals by claimant: each source’s own figures, its own overlap counted once', () => {
    const t = Object.fromEntries(totalsByClaimant(incidents).map((c) => [c.claimant, c]));
    expect(t.sohr!.killed).toEqual({ low: 27, high: 27 });
    expect(t['turkish-armed-forces']!.killed).toEqual({ low: 2, high: 2 });
    expect(t['turkish-armed-forces']!.wounded).toEqual({ low: 5, high: 5 });
    expect(t['russian-mod']!.killed).toBeNull();
    expect(t['russian-mod']!.wounded).toEqual({ low: 4, high: 4 });
    expect(t['russian-mod']!.incidents).toBe(5);
  });
});
