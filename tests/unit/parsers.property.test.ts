/**
 * Property-based tests of the parsers (fast-check): whatever the outside world sends, they never
 * throw, and what they accept is inside the limits the store can hold. A failure prints its seed
 * and path; add it to `examples` below so it stays a regression case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE_MAX, parseId, parseIncidentQuery, parseQuery } from '@/lib/api/params';
import { DATE_MAX, DATE_MIN, incidentSchema, textProblem } from '@/lib/domain/schema';
import { viewSpecSchema } from '@/lib/domain/view';
import { specFromQuery } from '@/lib/embed/props';
import { stillSize, STILL_HEIGHTS, STILL_WIDTHS } from '@/lib/still/sizes';
import { jsonBody, pathSegment, queryString } from '../fuzz';
import { z } from 'zod';

const INCIDENT_KEYS = ['bbox', 'from', 'to', 'type', 'actor', 'place', 'source', 'q', 'limit', 'cursor', 'order'] as const;
const params = (qs: string) => {
  try {
    return new URLSearchParams(qs);
  } catch {
    return new URLSearchParams();
  }
};

describe('parsers never throw, and accept only what the store can hold', () => {
  it('GET /api/incidents query strings', () => {
    fc.assert(
      fc.property(queryString(INCIDENT_KEYS), (qs) => {
        const r = parseIncidentQuery(params(qs));
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(INCIDENT_KEYS as readonly string[]).toContain(e.name);
          return;
        }
        const f = r.value;
        expect(f.limit).toBeGreaterThanOrEqual(1);
        expect(f.limit).toBeLessThanOrEqual(PAGE_SIZE_MAX);
        for (const d of [f.from, f.to, f.cursor?.date]) if (d !== undefined) expect(d >= DATE_MIN && d <= DATE_MAX).toBe(true);
        if (f.q !== undefined) expect(textProblem(f.q)).toBeNull();
      }),
      {
        numRuns: 2000,
        examples: [['from=0000-01-01'], ['q=%00'], ['limit=0x10'], ['from=2020-01-01&from=zzz'], ['cursor=WyIwMDAwLTAxLTAxIiwieC15Il0']],
      },
    );
  });

  it('ids from a path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = parseId(s);
        if (r.ok) expect(r.value).toMatch(/^[a-z0-9][a-z0-9-]{1,99}$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('single-valued query strings against a schema', () => {
    const schema = z.object({ w: z.string().optional(), lang: z.enum(['fr', 'en']).optional() }).strict();
    fc.assert(
      fc.property(queryString(['w', 'h', 'lang']), (qs) => {
        const sp = params(qs);
        const r = parseQuery(sp, schema);
        if (r.ok) for (const k of new Set(sp.keys())) expect(sp.getAll(k)).toHaveLength(1);
        else expect(r.errors.every((e) => e.name.length > 0)).toBe(true);
      }),
      // found by this test: a repeated empty name was reported with no name
      { numRuns: 1000, examples: [['=&=']] },
    );
  });

  it('ad-hoc embed options', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('title', 'caption', 'credit', 'from', 'to', 'type', 'place', 'actor', 'highlight', 'bounds', 'lang', 'theme'),
          fc.string({ unit: 'binary', maxLength: 60 }),
        ),
        (q) => {
          const r = specFromQuery(q, 'fr');
          if (r.ok) expect(viewSpecSchema.safeParse(r.spec).success).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('JSON bodies for incidents and views', () => {
    fc.assert(
      fc.property(jsonBody, (body) => {
        incidentSchema.safeParse(body);
        const v = viewSpecSchema.safeParse(body);
        if (v.success) for (const t of Object.values(v.data.title)) expect(textProblem(t ?? '')).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('still-image sizes always land in the fixed set', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 320, max: 2000 })), fc.option(fc.integer({ min: 240, max: 2000 })), (w, h) => {
        const size = stillSize(w ?? undefined, h ?? undefined);
        expect(STILL_WIDTHS as readonly number[]).toContain(size.width);
        expect(STILL_HEIGHTS as readonly number[]).toContain(size.height);
      }),
    );
  });

  it('path segments fuzzed for the API are mostly not ids (the generator reaches past the happy path)', () => {
    const samples = fc.sample(pathSegment, 500);
    expect(samples.filter((s) => !parseId(s).ok).length).toBeGreaterThan(100);
  });
});
