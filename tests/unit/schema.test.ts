import { describe, expect, it } from 'vitest';
import { countSchema, incidentSchema } from '@/lib/domain/schema';
import { seed } from '@/lib/db/seed';

const base = structuredClone(seed.incidents.find((i) => i.id.endsWith('air-strike-turkish-soldiers'))!);

describe('schemas', () => {
  it('accepts a coded incident', () => {
    expect(incidentSchema.safeParse(base).success).toBe(true);
  });
  it('rejects a sub-event type from another event type', () => {
    const r = incidentSchema.safeParse({ ...base, subEventType: 'armed-clash' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['subEventType']);
  });
  it('rejects a range whose low exceeds its high, and negative counts', () => {
    expect(countSchema.safeParse({ low: 5, high: 2 }).success).toBe(false);
    expect(countSchema.safeParse({ low: -1, high: 2 }).success).toBe(false);
  });
  it('rejects a toll line counted in its own incident', () => {
    const bad = structuredClone(base);
    bad.claims[0]!.casualties[0]!.countedIn = bad.id;
    expect(incidentSchema.safeParse(bad).success).toBe(false);
  });
  it('rejects ids that are not slugs, geo precision outside 1–3, and bad dates', () => {
    expect(incidentSchema.safeParse({ ...base, id: 'Bad Id' }).success).toBe(false);
    expect(incidentSchema.safeParse({ ...base, geoPrecision: 4 }).success).toBe(false);
    expect(incidentSchema.safeParse({ ...base, date: '2020-02-30' }).success).toBe(false);
  });
});
