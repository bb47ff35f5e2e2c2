/**
 * Bad input, failing stores and untrusted headers, over real HTTP on PGlite and PostgreSQL:
 * every answer is the one named (400/404/413/422/429/503), never a 500.
 * Every change made here is undone before the test ends.
 */
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { DATE_MAX, type Incident, MAX_CLAIMS } from '@/lib/domain/schema';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };
const QMINAS = 'idlib-2020-02-20-qminas-attack';
const original = () => structuredClone(seed.incidents.find((i) => i.id === QMINAS) as Incident);

const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };
const json = (body: unknown, token: string | null = EDITOR_TOKEN) => ({
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as { status: number; invalidParams?: { name: string; reason: string }[] };
}
const names = (p: { invalidParams?: { name: string }[] }) => (p.invalidParams ?? []).map((x) => x.name);
const cursorOf = (date: string, id: string) => Buffer.from(JSON.stringify([date, id])).toString('base64url');

async function createView(url: string, spec: Record<string, unknown> = { title: { en: 'Hardening' } }): Promise<string> {
  const res = await fetch(`${url}/api/views`, { method: 'POST', ...json(spec) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe.each(servers)('hardening on $name', ({ url }) => {
  it.each([
    ['from=0000-01-01', 'from'],
    ['to=0000-01-01', 'to'],
    ['from=1899-12-31', 'from'],
    [`to=2101-01-01`, 'to'],
    [`cursor=${cursorOf('0000-01-01', 'some-incident')}`, 'cursor'],
    ['from=2020-01-01&from=zzz', 'from'],
    ['limit=0x10', 'limit'],
    ['limit=1e2', 'limit'],
    ['limit=%205', 'limit'],
    ['q=%00', 'q'],
    ['q=a%00b', 'q'],
  ])('answers %s with a 400 problem naming %s', async (query, param) => {
    const res = await fetch(`${url}/api/incidents?${query}`);
    expect(res.status).toBe(400);
    expect(names(await problem(res))).toContain(param);
  });

  it('accepts the first and last day of the accepted range', async () => {
    expect((await fetch(`${url}/api/incidents?from=1900-01-01&to=${DATE_MAX}`)).status).toBe(200);
  });

  it('refuses an ad-hoc embed with a date out of range or an option given twice, as a page', async () => {
    for (const q of ['from=0000-01-01', 'to=9999-12-31', 'lang=en&lang=fr', 'title=a&title=b']) {
      const res = await fetch(`${url}/embed?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('data-testid="embed-invalid"');
    }
  });

  it('refuses a view with a date out of range, NUL or an unpaired surrogate: 422 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: { en: 'x' }, filters: { from: '0000-01-01' } }, 'filters.from'],
      [{ title: { en: 'x' }, filters: { to: '9999-12-31' } }, 'filters.to'],
      [{ title: { en: 'a\u0000b' } }, 'title.en'],
      [{ title: { en: 'a\ud800b' } }, 'title.en'],
      [{ title: { fr: 'x' }, caption: { fr: '\udc00' } }, 'caption.fr'],
      [{ title: { en: 'x'.repeat(161) } }, 'title.en'],
    ];
    for (const [spec, field] of cases) {
      const res = await fetch(`${url}/api/views`, { method: 'POST', ...json(spec) });
      expect(res.status, field).toBe(422);
      expect(names(await problem(res)), JSON.stringify(spec)).toContain(field);
    }
  });

  it('refuses an incident with dates out of range, huge counts, NUL, over-long text or too many claims: 422 naming the field', async () => {
    const cases: [(i: Incident) => void, string][] = [
      [(i) => (i.date = '0000-01-01'), 'date'],
      [
        (i) => {
          i.date = '9999-12-31';
          i.datePrecision = 'week';
        },
        'date',
      ],
      [(i) => ((i.claims[0] as Incident['claims'][number]).claimedOn = '0000-01-01'), 'claims.0.claimedOn'],
      [
        (i) => {
          const claim = i.claims[0] as Incident['claims'][number];
          claim.casualties = [
            {
              group: 'civilians',
              label: { en: 'civilians', fr: 'civils' },
              killed: { low: 1e15, high: 1e15 },
              wounded: null,
              countedIn: null,
            },
          ];
        },
        'claims.0.casualties.0.killed.low',
      ],
      [(i) => (i.title.en = 'Attack\u0000'), 'title.en'],
      [(i) => (i.summary.fr = '\ud83d'), 'summary.fr'],
      [(i) => (i.title.fr = 'x'.repeat(301)), 'title.fr'],
      [(i) => (i.summary.en = 'x'.repeat(5001)), 'summary.en'],
      [
        (i) =>
          (i.claims = Array.from({ length: MAX_CLAIMS + 1 }, (_, n) => ({
            ...(i.claims[0] as Incident['claims'][number]),
            id: `many-${n}`,
          }))),
        'claims',
      ],
    ];
    for (const [change, field] of cases) {
      const inc = original();
      change(inc);
      const res = await fetch(`${url}/api/incidents/${QMINAS}`, { method: 'PUT', ...json(inc) });
      expect(res.status, field).toBe(422);
      expect(names(await problem(res)), field).toContain(field);
    }
    // nothing was written
    const kept = (await (await fetch(`${url}/api/incidents/${QMINAS}`)).json()) as { properties: { title: Incident['title'] } };
    expect(kept.properties.title).toEqual(original().title);
  });

  it.each(['/embed/', '/views/', '/editor/incidents/', '/editor/records/place/'])(
    'answers a malformed percent-encoding in a page’s address under %s with a 400 page in the reader’s language, not a problem',
    async (prefix) => {
      for (const bad of ['%zz', '%FF', '%C0%AF']) {
        const res = await fetch(`${url}${prefix}${bad}`, { headers: { 'accept-language': 'ar' } });
        expect(res.status, prefix).toBe(400);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const html = await res.text();
        expect(html).toContain('<html lang="ar">');
        expect(html).toContain('<body dir="rtl">');
        expect(html).toContain('هذا العنوان غير صالح');
        expect(res.headers.get('content-security-policy')).toContain('frame-ancestors');
      }
    },
  );

  it.each(['/api/incidents/', '/api/places/', '/api/views/', '/island/'])(
    'answers a malformed percent-encoding under %s with our 400 problem and the usual headers',
    async (prefix) => {
      for (const bad of ['%zz', '%', '%FF', '%C0%AF', '%ED%A0%80']) {
        for (const path of [
          `${prefix}${bad}`,
          ...(prefix === '/api/views/' ? [`${prefix}${bad}/static.png`, `${prefix}abcdefghjk/places/${bad}`] : []),
        ]) {
          const res = await fetch(`${url}${path}`);
          expect(res.status, path).toBe(400);
          expect(names(await problem(res))).toEqual(['path']);
          expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
          expect(res.headers.get('content-security-policy'), path).toContain('frame-ancestors');
        }
      }
      const put = await fetch(`${url}/api/incidents/%FF`, { method: 'PUT', ...json({}) });
      expect(put.status).toBe(400);
    },
  );

  it('refuses a body over the limit with 413, whether declared or streamed, and checks the token first', async () => {
    const big = `{"title":{"en":"${'x'.repeat(5 * 1024 * 1024)}"}}`;
    const declared = await fetch(`${url}/api/views`, { method: 'POST', ...json(null), body: big });
    expect(declared.status).toBe(413);
    await problem(declared);
    // a body sent in chunks, with no Content-Length: cut off once past the limit
    const chunk = new TextEncoder().encode('x'.repeat(256 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 24) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${url}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // without the token, the body is never read: 401, not 413
    const anonymous = await fetch(`${url}/api/views`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(anonymous.status).toBe(401);
    // a body that is not UTF-8 is malformed, not a crash
    const latin1 = await fetch(`${url}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect(latin1.status).toBe(400);
  });

  it('answers a method a route does not offer with 405 as a problem naming the ones it does', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/api/incidents', 'GET, HEAD'],
      ['POST', '/api/views/publish', 'GET, PATCH, DELETE, HEAD'],
      ['DELETE', '/api/places', 'GET, HEAD'],
      ['GET', '/api/views', 'POST'],
      ['POST', '/ogc/collections', 'GET, HEAD'],
    ]) {
      const res = await fetch(`${url}${path}`, method === 'GET' ? { method } : { method, ...json({}) });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect((await problem(res)).status).toBe(405);
    }
  });

  it('names a parameter an address does not take by its own name, and takes history’s numbers in plain decimal only', async () => {
    const id = await createView(url);
    await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) });
    try {
      for (const [path, name] of [
        ['/ogc/collections/incidents/items?offset=5', 'offset'],
        [`/api/views/${id}/static.svg?live=1`, 'live'],
        [`/api/incidents/${QMINAS}/history?bogus=1`, 'bogus'],
      ] as const) {
        const res = await fetch(`${url}${path}`, { headers: auth });
        expect(res.status, path).toBe(400);
        expect(names(await problem(res)), path).toEqual([name]);
      }
      for (const bad of ['limit=0x10', 'limit=%2B5', 'limit=%205%20', 'limit=1e3', 'before=0x10', 'before=%2B5', 'before=1e3']) {
        const res = await fetch(`${url}/api/incidents/${QMINAS}/history?${bad}`, { headers: auth });
        expect(res.status, bad).toBe(400);
        expect(names(await problem(res)), bad).toEqual([bad.split('=')[0]]);
      }
      expect((await fetch(`${url}/api/incidents/${QMINAS}/history?limit=5&before=99999`, { headers: auth })).status).toBe(200);
    } finally {
      await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: auth });
    }
  });

  it('refuses repeated single-valued parameters on the other routes too', async () => {
    const id = await createView(url);
    await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) });
    try {
      for (const path of [
        `/api/views/${id}/static.png?w=600&w=800`,
        `/api/views/${id}/static.svg?w=0x200`,
        `/api/oembed?url=${encodeURIComponent(`${url}/embed/${id}`)}&url=x`,
        `/api/oembed?url=${encodeURIComponent(`${url}/embed/${id}`)}&maxwidth=0x100`,
      ]) {
        const res = await fetch(`${url}${path}`);
        expect(res.status, path).toBe(400);
        await problem(res);
      }
    } finally {
      await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: auth });
    }
  });

  it('keeps unpublished views for editors only, and lets editors unpublish and delete', async () => {
    const id = await createView(url, { title: { en: 'Draft' } });
    const publicPaths = [
      `/api/views/${id}`,
      `/embed/${id}`,
      `/views/${id}`,
      `/api/views/${id}/static.svg`,
      `/api/views/${id}/static.png`,
      `/api/views/${id}/places/qminas`,
      `/api/oembed?url=${encodeURIComponent(`${url}/embed/${id}`)}`,
    ];
    const statuses = async (headers: Record<string, string> = {}) =>
      Promise.all(publicPaths.map(async (p) => [p, (await fetch(`${url}${p}`, { headers })).status]));
    for (const [p, status] of await statuses()) expect(status, `draft, public: ${p}`).toBe(404);
    // an editor sees the draft, and the answer is not for shared caches
    const mine = await fetch(`${url}/api/views/${id}`, { headers: auth });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    expect((await fetch(`${url}/api/views/${id}/static.svg`, { headers: auth })).status).toBe(200);

    expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) })).status).toBe(200);
    for (const [p, status] of await statuses()) expect(status, `published: ${p}`).toBe(200);

    const unpublished = await fetch(`${url}/api/views/${id}/publish`, { method: 'DELETE', headers: auth });
    expect(unpublished.status).toBe(200);
    expect(((await unpublished.json()) as { publishedAt: string | null }).publishedAt).toBeNull();
    for (const [p, status] of await statuses()) expect(status, `unpublished: ${p}`).toBe(404);

    expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${url}/api/views/${id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await fetch(`${url}/api/views/${id}`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: auth })).status).toBe(404);
  });

  it('makes the links it hands out from its own host, never from a forged forwarded header', async () => {
    const id = await createView(url);
    await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) });
    try {
      const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'host=evil.example' };
      const view = await fetch(`${url}/api/views/${id}`, { headers: forged });
      const body = (await view.json()) as { links: Record<string, string> };
      expect(body.links.embed).toBe(`${url}/embed/${id}`);
      expect(view.headers.get('vary')).toMatch(/\bhost\b/);
      const oembed = await (await fetch(`${url}/api/oembed?url=${encodeURIComponent(`${url}/embed/${id}`)}`, { headers: forged })).text();
      expect(oembed).not.toContain('evil.example');
      const page = await (await fetch(`${url}/views/${id}`, { headers: forged })).text();
      expect(page).not.toContain('evil.example');
    } finally {
      await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: auth });
    }
  });

  it('sends a Content-Security-Policy that allows only our scripts: nonced on the dashboard, none inline on embeds', async () => {
    const dash = await fetch(`${url}/`);
    const csp = dash.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("object-src 'none'");
    const html = await dash.text();
    // every script element Next.js wrote carries this request's nonce
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    // another request, another nonce
    expect((await fetch(`${url}/`)).headers.get('content-security-policy')).not.toContain(nonce);

    const embed = await fetch(`${url}/embed?title=CSP`);
    expect(embed.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    const embedScripts = (await embed.text()).match(/<script\b[^>]*>/g) ?? [];
    // an island page has no inline script that runs: only our module file and its data (JSON, not run)
    for (const s of embedScripts) expect(s).toMatch(/src="\/island\/|type="application\/json"/);
  });

  it('draws still images in a fixed set of sizes, and a flood of them neither queues without end nor stops the API', async () => {
    const id = await createView(url, { title: { en: 'Flood' }, lang: 'en' });
    await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) });
    try {
      const odd = await fetch(`${url}/api/views/${id}/static.svg?w=1000&h=500`);
      expect(odd.status).toBe(200);
      expect(odd.headers.get('x-still-size')).toBe('800x520');
      expect(await odd.text()).toMatch(/<svg[^>]*width="800"[^>]*height="520"/);
      // ten large PNGs, each a new render, at once
      const sizes = [
        [2000, 2000],
        [2000, 1300],
        [1200, 2000],
        [2000, 800],
        [1200, 1300],
        [2000, 630],
        [1200, 800],
        [800, 2000],
        [640, 2000],
        [480, 2000],
      ];
      const flood = sizes.map(([w, h]) => fetch(`${url}/api/views/${id}/static.png?w=${w}&h=${h}&lang=fr`));
      const api = await fetch(`${url}/api/incidents`);
      expect(api.status).toBe(200);
      const answers = await Promise.all(flood);
      for (const res of answers) {
        expect([200, 503]).toContain(res.status);
        if (res.status === 503) expect(res.headers.get('retry-after')).toBeTruthy();
        if (res.status === 200) {
          const png = new Uint8Array(await res.arrayBuffer());
          const width = new DataView(png.buffer).getUint32(16);
          expect([480, 640, 800, 1200, 2000]).toContain(width);
        }
      }
      // the queue is bounded: not all ten were accepted at once
      expect(answers.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    } finally {
      await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: auth });
    }
  });
});
