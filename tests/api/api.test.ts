/**
 * The HTTP API over real HTTP against the built app, on PGlite and on PostgreSQL.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Feature, IncidentCollection, IncidentDetailProps } from '@/lib/incident/geojson';
import type { PlaceDetailProps, PlaceProps } from '@/lib/api/geojson';
import { startServer } from '../server';

const servers = inject('servers');

async function get(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  const text = await res.text();
  return { res, status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

function expectPosition(coords: unknown) {
  expect(Array.isArray(coords)).toBe(true);
  const [lon, lat] = coords as number[];
  expect(lon).toBeGreaterThanOrEqual(-180);
  expect(lon).toBeLessThanOrEqual(180);
  expect(lat).toBeGreaterThanOrEqual(-90);
  expect(lat).toBeLessThanOrEqual(90);
}

describe.each(servers)('API on $name', ({ url }) => {
  it('lists the seeded incidents as an RFC 7946 FeatureCollection, newest first', async () => {
    const { status, type, body } = await get(`${url}/api/incidents`);
    expect(status).toBe(200);
    expect(type).toContain('application/geo+json');
    const fc = body as IncidentCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(6);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      expectPosition(f.geometry.coordinates);
      expect(f.properties.date).toBe('2020-02-20');
    }
    // Al-Nayrab is the village between Idlib and Saraqib (GeoNames 166357), not the Aleppo suburb
    const nayrab = fc.features.find((f) => f.id === 'idlib-2020-02-20-nayrab-attack')!;
    expect(nayrab.geometry.coordinates).toEqual([36.71867, 35.86955]);
    // newest first: by date, then by id, descending (all six share one day); order=oldest reverses it
    const key = (f: { id: string; properties: { date: string } }) => `${f.properties.date} ${f.id}`;
    const keys = fc.features.map(key);
    expect(keys).toEqual([...keys].sort().reverse());
    const oldest = ((await get(`${url}/api/incidents?order=oldest`)).body as IncidentCollection).features.map(key);
    expect(oldest).toEqual([...keys].reverse());
    // in brief (what a list shows): the same incidents and figures, without the claims' toll lines
    const brief = (await get(`${url}/api/incidents?fields=brief`)).body as IncidentCollection;
    expect(brief.numberMatched).toBe(6);
    expect(brief.features.map((f) => f.id)).toEqual(fc.features.map((f) => f.id));
    for (const [i, f] of brief.features.entries()) {
      expect(f.properties).not.toHaveProperty('tolls');
      const { tolls: _t, ...rest } = fc.features[i]!.properties;
      expect(f.properties).toEqual(rest);
    }
    const bad = await fetch(`${url}/api/incidents?fields=everything`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual(['fields']);
  });

  it('filters by bbox, type, actor, place, source and text, accents and case folded', async () => {
    const ids = async (q: string) => ((await get(`${url}/api/incidents?${q}`)).body as IncidentCollection).features.map((f) => f.id).sort();
    // a box around Qaminas only
    expect(await ids('bbox=36.66,35.87,36.69,35.90')).toEqual(['idlib-2020-02-20-qminas-attack']);
    expect(await ids('type=battles')).toEqual([
      'idlib-2020-02-20-day-toll',
      'idlib-2020-02-20-nayrab-attack',
      'idlib-2020-02-20-qminas-attack',
    ]);
    expect(await ids('actor=russian-armed-forces')).toEqual(['idlib-2020-02-20-su24-strikes']);
    expect(await ids('place=nayrab-idlib')).toEqual(['idlib-2020-02-20-nayrab-attack', 'idlib-2020-02-20-su24-strikes']);
    expect(await ids('place=nayrab-aleppo')).toEqual([]);
    expect(await ids('source=sohr')).toEqual(['idlib-2020-02-20-day-toll']);
    expect(await ids('q=QAMÎNAS')).toEqual(['idlib-2020-02-20-qminas-attack', 'idlib-2020-02-20-su24-strikes']);
    expect(await ids('from=2020-02-21')).toEqual([]);
    expect(await ids('from=2020-02-20&to=2020-02-20')).toHaveLength(6);
  });

  it('pages with a cursor: every incident once, none twice', async () => {
    const seen: string[] = [];
    let next: string | null = `${url}/api/incidents?limit=4`;
    let pages = 0;
    while (next) {
      const body = (await get(next)).body as IncidentCollection;
      expect(body.features.length).toBeLessThanOrEqual(4);
      seen.push(...body.features.map((f) => f.id));
      next = body.nextCursor ? `${url}/api/incidents?limit=4&cursor=${body.nextCursor}` : null;
      pages++;
    }
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(6);
    expect(seen).toHaveLength(6);
  });

  it.each([
    ['bbox=1,2,3', 'bbox'],
    ['bbox=200,0,201,1', 'bbox'],
    ['bbox=10,0,5,1', 'bbox'],
    ['bbox=0,10,1,5', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['from=2020-03-01&to=2020-02-01', 'from'],
    ['from=yesterday', 'from'],
    ['to=2020-02-31', 'to'],
    ['type=massacre', 'type'],
    ['actor=Not%20An%20Id', 'actor'],
    ['limit=501', 'limit'],
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=garbage', 'cursor'],
    ['q=', 'q'],
  ])('rejects %s with a 400 problem naming %s', async (query, param) => {
    const { status, type, body } = await get(`${url}/api/incidents?${query}`);
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(body.status).toBe(400);
    expect(body.title).toBeTruthy();
    expect(body.invalidParams.map((p: { name: string }) => p.name)).toContain(param);
  });

  it('gives one incident with all its claims and sources, and says when claims disagree', async () => {
    const { status, body } = await get(`${url}/api/incidents/idlib-2020-02-20-day-toll`);
    expect(status).toBe(200);
    const f = body as Feature<IncidentDetailProps>;
    expect(f.properties.claims.map((c) => c.claimant).sort()).toEqual(['russian-mod', 'sohr', 'turkish-armed-forces']);
    expect(f.properties.contested).toContain('attribution');
    expect(f.properties.killed).toEqual({ low: 27, high: 27 });
    expect(f.properties.wounded).toEqual({ low: 9, high: 9 });
    expect(f.properties.sources.map((s) => s.id).sort()).toEqual(['afp', 'russian-mod', 'sohr', 'turkish-armed-forces']);
    const sohr = f.properties.claims.find((c) => c.claimant === 'sohr')!;
    expect(sohr.casualties.find((l) => l.group === 'turkish-armed-forces')?.countedIn).toBe('idlib-2020-02-20-air-strike-turkish-soldiers');

    const single = (await get(`${url}/api/incidents/idlib-2020-02-20-air-strike-turkish-soldiers`)).body as Feature<IncidentDetailProps>;
    expect(single.properties.contested).toEqual([]);
    expect(single.properties.claims[0]!.perpetrators).toEqual(['syrian-government-forces']);
  });

  it('answers 400 for a malformed id and 404 for an unknown one, as problems', async () => {
    const bad = await get(`${url}/api/incidents/NOT_AN_ID`);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.invalidParams[0].name).toBe('id');
    const missing = await get(`${url}/api/incidents/no-such-incident`);
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    expect((await get(`${url}/api/places/no-such-place`)).status).toBe(404);
    expect((await get(`${url}/api/places/%E2%80%AE`)).status).toBe(400);
  });

  it('answers 404 as a problem at an address no route answers, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/api/no-such-resource'],
      ['POST', '/api/incidents/some-id/no-such-part'],
      ['GET', '/api/views/%2e/places/%00'],
    ] as const) {
      const res = await fetch(`${url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${path}`).toContain('application/problem+json');
      expect((await res.json()).title).toBe('No such resource');
    }
    // a route that exists still answers as itself
    expect((await fetch(`${url}/api/incidents/no-such-incident`)).status).toBe(404);
    expect((await (await fetch(`${url}/api/incidents/no-such-incident`)).json()).title).toBe('Incident not found');
  });

  it('lists places with their incident counts and honest tolls', async () => {
    const { body } = await get(`${url}/api/places`);
    const byId = new Map((body.features as Feature<PlaceProps>[]).map((f) => [f.id, f]));
    expect(byId.size).toBe(24);
    expect(byId.get('nayrab-idlib')!.properties.incidentCount).toBe(2);
    expect(byId.get('qminas')!.properties.incidentCount).toBe(1);
    expect(byId.get('nayrab-aleppo')!.properties.incidentCount).toBe(0);
    // province-level: the day toll includes the two Turkish soldiers of the air strike; counted once
    expect(byId.get('idlib-governorate')!.properties.casualties).toEqual({ killed: { low: 27, high: 27 }, wounded: { low: 9, high: 9 } });
    // nobody reported deaths at Al-Nayrab: unknown, not zero
    expect(byId.get('nayrab-idlib')!.properties.casualties).toEqual({ killed: null, wounded: null });
  });

  it('lists the places of a box, the busiest first when more match than the limit, and says how many matched', async () => {
    const all = (await get(`${url}/api/places`)).body;
    expect(all.numberMatched).toBe(24);
    expect(all.numberReturned).toBe(24);
    // around Idlib and Saraqib: the Al-Nayrab beside Aleppo airport, 57 km away, is not in it
    const box = (await get(`${url}/api/places?bbox=36.5,35.7,36.9,36.0`)).body;
    const ids = (box.features as Feature<PlaceProps>[]).map((f) => f.id);
    expect(ids).toContain('nayrab-idlib');
    expect(ids).toContain('qminas');
    expect(ids).not.toContain('nayrab-aleppo');
    expect(box.numberMatched).toBe(ids.length);
    for (const f of box.features as { geometry: { coordinates: number[] } }[]) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      expect(lon >= 36.5 && lon <= 36.9 && lat >= 35.7 && lat <= 36).toBe(true);
    }
    // a cut keeps the places with the most incidents (province-wide 3, Al-Nayrab 2), in name order
    const cut = (await get(`${url}/api/places?limit=2`)).body;
    expect(cut.numberMatched).toBe(24);
    expect(cut.numberReturned).toBe(2);
    expect((cut.features as Feature<PlaceProps>[]).map((f) => f.id)).toEqual(['nayrab-idlib', 'idlib-governorate']);
    for (const bad of ['limit=0', 'limit=5001', 'bbox=1,2,3', 'bbox=36.9,35.7,36.5,36.0', 'limit=5&limit=6']) {
      const r = await get(`${url}/api/places?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.type).toContain('application/problem+json');
    }
  });

  it('finds places by any of their names, case and accents folded, best matches first (the editor’s place search)', async () => {
    const ids = async (q: string, extra = '') =>
      ((await get(`${url}/api/places?q=${encodeURIComponent(q)}${extra}`)).body.features as Feature<PlaceProps>[]).map((f) => f.id);
    // an alias with its accents, typed without them; the French name; the Arabic one
    expect(await ids('qminas')).toEqual(['qminas']);
    expect(await ids('QAMÎNÂS')).toEqual(['qminas']);
    expect(await ids('Saraqeb')).toEqual(['saraqib']);
    expect(await ids('سراقب')).toEqual(['saraqib']);
    // both villages called Al-Nayrab, the busier first; a word inside a name after whole names and starts
    expect(await ids('nayrab')).toEqual(['nayrab-idlib', 'nayrab-aleppo']);
    expect((await ids('idlib')).slice(0, 2)).toEqual(['idlib-city', 'idlib-governorate']);
    expect(await ids('taftanaz')).toEqual(['taftanaz', 'taftanaz-airbase']);
    expect(await ids('idlib', '&limit=1')).toEqual(['idlib-city']);
    expect(await ids('no such place')).toEqual([]);
    for (const bad of ['q=', 'q=idlib&bbox=36.5,35.7,36.9,36.0', 'q=idlib&limit=51', 'q=a&q=b']) {
      const r = await get(`${url}/api/places?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.type).toContain('application/problem+json');
    }
  });

  it('gives a place with its incidents in date order, province-wide ones apart, totals by claimant', async () => {
    const { body } = await get(`${url}/api/places/qminas`);
    const p = (body as Feature<PlaceDetailProps>).properties;
    expect(p.name).toEqual({ en: 'Qminas', fr: 'Qaminas', ar: 'قميناس' });
    expect(p.geonamesId).toBe(166161);
    expect(p.incidents.map((i) => i.id)).toEqual(['idlib-2020-02-20-qminas-attack']);
    expect(p.areaIncidents.map((i) => i.id).sort()).toEqual([
      'idlib-2020-02-20-air-strike-turkish-soldiers',
      'idlib-2020-02-20-day-toll',
      'idlib-2020-02-20-turkish-fire',
    ]);
    const gov = (await get(`${url}/api/places/idlib-governorate`)).body as Feature<PlaceDetailProps>;
    const byClaimant = Object.fromEntries(gov.properties.byClaimant.map((c) => [c.claimant, c]));
    expect(byClaimant.sohr!.killed).toEqual({ low: 27, high: 27 });
    expect(byClaimant['turkish-armed-forces']!.killed).toEqual({ low: 2, high: 2 });
    expect(byClaimant['turkish-armed-forces']!.wounded).toEqual({ low: 5, high: 5 });
    expect(byClaimant['russian-mod']!.wounded).toEqual({ low: 4, high: 4 });
  });

  it('pages a place’s incidents: every one once, in date order, with how many in all; a bad cursor is a 400', async () => {
    const all = ((await get(`${url}/api/places/qminas?limit=500`)).body as Feature<PlaceDetailProps>).properties;
    expect(all.areaIncidentTotal).toBe(3);
    expect(all.areaNextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const q: string = cursor ? `&areaCursor=${encodeURIComponent(cursor)}` : '';
      const { status, body } = await get(`${url}/api/places/qminas?limit=1${q}`);
      expect(status).toBe(200);
      const p = (body as Feature<PlaceDetailProps>).properties;
      expect(p.areaIncidents).toHaveLength(1);
      expect(p.areaIncidentTotal).toBe(3);
      // the place's own toll and list do not move with the province's page
      expect(p.incidentTotal).toBe(1);
      seen.push(...p.areaIncidents.map((i) => i.id));
      cursor = p.areaNextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.areaIncidents.map((i) => i.id));
    expect(new Set(seen).size).toBe(3);
    for (const bad of ['cursor=nope', 'areaCursor=%7B', 'limit=0', 'limit=501', 'limit=1&limit=2']) {
      const r = await get(`${url}/api/places/qminas?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.type).toContain('application/problem+json');
    }
  });

  it('sends ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    for (const path of ['/api/incidents', '/api/incidents/idlib-2020-02-20-qminas-attack', '/api/places', '/api/places/qminas']) {
      const first = await fetch(`${url}${path}`);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
      const again = await fetch(`${url}${path}`, { headers: { 'if-none-match': etag! } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      const other = await fetch(`${url}${path}`, { headers: { 'if-none-match': '"something-else"' } });
      expect(other.status).toBe(200);
    }
  });

  it('gzips answers for clients that accept it, with an ETag per encoding', async () => {
    const path = `${url}/api/incidents`;
    const gz = await fetch(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
    const plain = await fetch(path, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    // the same content either way (fetch undoes the gzip), each encoding with its own strong ETag
    expect(await gz.json()).toEqual(await plain.json());
    expect(gz.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-gz"'));
    // a cache holding either form is told it is still fresh
    for (const tag of [gz.headers.get('etag')!, plain.headers.get('etag')!]) {
      expect((await fetch(path, { headers: { 'accept-encoding': 'gzip', 'if-none-match': tag } })).status).toBe(304);
    }
    // gzip;q=0 means no
    expect((await fetch(path, { headers: { 'accept-encoding': 'gzip;q=0' } })).headers.get('content-encoding')).toBeNull();
  });

  it('never answers 500 to junk input', async () => {
    const junk = [
      'bbox=%00',
      'limit=1e9',
      'limit=-1',
      `type=${'x'.repeat(5000)}`,
      `cursor=${'A'.repeat(300)}`,
      "q=' OR 1=1 --",
      'q=%25%5F',
      'from=9999-99-99',
      'order=sideways',
    ];
    for (const q of junk) {
      const { status } = await get(`${url}/api/incidents?${q}`);
      expect([200, 400], q).toContain(status);
    }
  });
});

describe('PGlite directory ownership', () => {
  it('refuses a second server on the same PGlite directory with a clear error', async () => {
    const dir = inject('pgliteDir');
    await expect(startServer(3309, { PGLITE_DIR: dir }, { timeoutMs: 30_000 })).rejects.toThrow(/already in use by process \d+/);
  });
});
