import { describe, expect, it } from 'vitest';
import { diffRecords } from '@/lib/domain/diff';

describe('diffRecords (what a history shows changed)', () => {
  it('lists each changed leaf by its path, with its value before and after', () => {
    const before = { title: { en: 'A', fr: 'A' }, geoPrecision: 1, reportedBy: ['afp'] };
    const after = { title: { en: 'B', fr: 'A', ar: 'ب' }, geoPrecision: 1, reportedBy: ['afp', 'sohr'] };
    expect(diffRecords(before, after)).toEqual([
      { path: 'title.en', before: 'A', after: 'B' },
      { path: 'title.ar', before: undefined, after: 'ب' },
      { path: 'reportedBy.1', before: undefined, after: 'sohr' },
    ]);
    expect(diffRecords(before, structuredClone(before))).toEqual([]);
  });

  it('matches claims by id, so a claim added first does not show every other as changed', () => {
    const claim = (id: string, killed: number | null) => ({
      id,
      casualties: [{ killed: killed === null ? null : { low: killed, high: killed } }],
    });
    const before = { claims: [claim('a', 2), claim('b', null)] };
    const after = { claims: [claim('c', 1), claim('a', 3), claim('b', null)] };
    expect(diffRecords(before, after)).toEqual([
      { path: 'claims.c', before: undefined, after: claim('c', 1) },
      { path: 'claims.a.casualties.0.killed.low', before: 2, after: 3 },
      { path: 'claims.a.casualties.0.killed.high', before: 2, after: 3 },
    ]);
    // a figure given where none was (null is "not reported", never 0)
    expect(diffRecords({ claims: [claim('b', null)] }, { claims: [claim('b', 0)] })).toEqual([
      { path: 'claims.b.casualties.0.killed', before: null, after: { low: 0, high: 0 } },
    ]);
    expect(diffRecords(before, { claims: [claim('a', 2)] })).toEqual([{ path: 'claims.b', before: claim('b', null), after: undefined }]);
  });
});
