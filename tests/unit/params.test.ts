import { describe, expect, it } from 'vitest';
import { encodeCursor, parseIncidentQuery, PAGE_SIZE_DEFAULT } from '@/lib/api/params';

const parse = (q: string) => parseIncidentQuery(new URLSearchParams(q));

describe('parseIncidentQuery', () => {
  it('defaults to one page of the newest', () => {
    expect(parse('')).toEqual({ ok: true, value: { limit: PAGE_SIZE_DEFAULT } });
  });
  it('reads every filter', () => {
    const r = parse(
      'bbox=36,35,37,36.5&from=2020-02-01&to=2020-02-29&type=battles,riots&actor=a-b&place=qminas&source=sohr&q=%20nayrab%20&limit=50&order=oldest',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        bbox: [36, 35, 37, 36.5],
        from: '2020-02-01',
        to: '2020-02-29',
        types: ['battles', 'riots'],
        actors: ['a-b'],
        places: ['qminas'],
        sources: ['sohr'],
        q: 'nayrab',
        limit: 50,
        order: 'oldest',
      },
    });
  });
  it('accepts 0 as a coordinate', () => {
    expect(parse('bbox=0,0,0,0')).toMatchObject({ ok: true, value: { bbox: [0, 0, 0, 0] } });
  });
  it('collects every problem at once, naming each parameter', () => {
    const r = parse('bbox=5,0,1,1&from=2020-03-01&to=2020-02-01&type=x&limit=9999');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.name)).toEqual(['bbox', 'from', 'type', 'limit']);
  });
  it('round-trips its own cursor and rejects others', () => {
    const c = encodeCursor({ date: '2020-02-20', id: 'x-y' });
    expect(parse(`cursor=${c}`)).toMatchObject({ ok: true, value: { cursor: { date: '2020-02-20', id: 'x-y' } } });
    expect(parse(`cursor=${Buffer.from('["nope"]').toString('base64url')}`).ok).toBe(false);
  });
});
