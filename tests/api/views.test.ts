/**
 * Views, corrections and framing over real HTTP, on PGlite and on PostgreSQL.
 * Every change made here is undone before the test ends, so the seed stays as the other files expect.
 */
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Incident } from '@/lib/domain/schema';
import { PALETTES } from '@/geo/palette';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };
const AIR_STRIKE = 'idlib-2020-02-20-air-strike-turkish-soldiers';

const json = (body: unknown, token: string | null = EDITOR_TOKEN) => ({
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

const spec = {
  title: { fr: 'Combats autour d’Idleb', en: 'Fighting around Idlib' },
  caption: { en: '<script>alert(1)</script> What each source says' },
  filters: { from: '2020-02-20', to: '2020-02-20' },
  highlighted: ['idlib-2020-02-20-day-toll'],
  lang: 'en',
  theme: 'dark',
};

/** A view created and published (unpinned), as the public may read it; its body as the API gives it. */
async function publishedView(url: string, body: unknown) {
  const created = await fetch(`${url}/api/views`, { method: 'POST', ...json(body) });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) });
  expect(published.status).toBe(200);
  return published.json();
}

describe.each(servers)('views and corrections on $name', ({ url }) => {
  it('refuses writes without the right token: 401 with WWW-Authenticate', async () => {
    for (const token of [null, 'wrong-token', `${EDITOR_TOKEN}x`, EDITOR_TOKEN.slice(0, -1)]) {
      const res = await fetch(`${url}/api/views`, { method: 'POST', ...json(spec, token) });
      expect(res.status, String(token)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const put = await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json({}, 'nope') });
    expect(put.status).toBe(401);
  });

  it('creates, reads, changes and publishes a view', async () => {
    const created = await fetch(`${url}/api/views`, { method: 'POST', ...json(spec) });
    expect(created.status).toBe(201);
    const view = await created.json();
    expect(view.id).toMatch(/^[a-z2-9]{10}$/);
    expect(created.headers.get('location')).toBe(`/api/views/${view.id}`);
    expect(view.spec.bounds).toBeNull();
    expect(view.publishedAt).toBeNull();
    expect(view.links.embed).toBe(`${url}/embed/${view.id}`);

    // unpublished: an editor reads it, nobody else
    expect((await fetch(`${url}/api/views/${view.id}`)).status).toBe(404);
    const read = await fetch(`${url}/api/views/${view.id}`, { headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
    expect(read.status).toBe(200);
    expect((await read.json()).spec).toEqual(view.spec);

    // the time bar is off unless asked for; the locator inset on unless turned off
    expect(view.spec.timeBar).toBe(false);
    expect(view.spec.inset).toBe(true);
    const patched = await fetch(`${url}/api/views/${view.id}`, {
      method: 'PATCH',
      ...json({ bounds: [36.4, 35.6, 37.0, 36.1], timeBar: true, inset: false }),
    });
    expect(patched.status).toBe(200);
    const changed = (await patched.json()).spec;
    expect(changed.bounds).toEqual([36.4, 35.6, 37.0, 36.1]);
    expect(changed.timeBar).toBe(true);
    expect(changed.inset).toBe(false);

    const published = await fetch(`${url}/api/views/${view.id}/publish`, { method: 'POST', ...json({ pin: true }) });
    expect(published.status).toBe(200);
    const p = await published.json();
    expect(p.pinned).toBe(true);
    expect(p.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // its embed page draws the time bar on the server already (the incidents are in the page)
    expect(await (await fetch(`${url}/embed/${view.id}`)).text()).toContain('data-testid="time-bar-svg"');
  });

  it('answers bad views with 422 naming the field, bad JSON with 400, unknown ids with 404', async () => {
    const cases: [unknown, string][] = [
      [{ title: {} }, 'title'],
      [{ ...spec, bounds: [37, 35, 36, 36] }, 'bounds'],
      [{ ...spec, filters: { from: '2020-03-01', to: '2020-02-01' } }, 'filters.from'],
      [{ ...spec, filters: { types: ['massacre'] } }, 'filters.types.0'],
      [{ ...spec, theme: 'neon' }, 'theme'],
      [{ ...spec, surprise: true }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await fetch(`${url}/api/views`, { method: 'POST', ...json(body) });
      expect(res.status, field).toBe(422);
      const problem = await res.json();
      expect(
        problem.invalidParams.map((p: { name: string }) => p.name),
        field,
      ).toContain(field);
    }
    const bad = await fetch(`${url}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${url}/api/views/zzzzzzzzzz`)).status).toBe(404);
    expect((await fetch(`${url}/api/views/NOT_AN_ID`)).status).toBe(400);
    expect((await fetch(`${url}/api/views/zzzzzzzzzz/publish`, { method: 'POST', ...json({ pin: false }) })).status).toBe(404);
  });

  it('takes a correction of an incident, and checks what it refers to', async () => {
    const original = seed.incidents.find((i) => i.id === AIR_STRIKE)!;
    const corrected = structuredClone(original);
    corrected.claims[0]!.casualties[0]!.killed = { low: 3, high: 3 };
    try {
      const res = await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(corrected) });
      expect(res.status).toBe(200);
      expect((await res.json()).properties.killed).toEqual({ low: 3, high: 3 });
      expect((await (await fetch(`${url}/api/incidents/${AIR_STRIKE}`)).json()).properties.killed).toEqual({ low: 3, high: 3 });
      // the day toll still counts the same soldiers once: now 2 or 3 of them, so 27–28 killed
      const places = await (await fetch(`${url}/api/places`)).json();
      const gov = places.features.find((f: { id: string }) => f.id === 'idlib-governorate');
      expect(gov.properties.casualties.killed).toEqual({ low: 27, high: 28 });

      const wrongId = await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json({ ...corrected, id: 'other-id' }) });
      expect(wrongId.status).toBe(422);
      const unknownRefs = structuredClone(corrected);
      unknownRefs.place = 'atlantis';
      unknownRefs.claims[0]!.claimant = 'nobody-said';
      const refs = await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(unknownRefs) });
      expect(refs.status).toBe(422);
      const names = (await refs.json()).invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['place', 'sources']));
      const stolen = structuredClone(corrected);
      stolen.claims[0]!.id = 'day-toll-sohr';
      expect((await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(stolen) })).status).toBe(409);
    } finally {
      const restored = await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(original) });
      expect(restored.status).toBe(200);
    }
  });

  it('keeps a pinned view as published after a correction, and says so', async () => {
    const view = await publishedView(url, spec);
    await fetch(`${url}/api/views/${view.id}/publish`, { method: 'POST', ...json({ pin: true }) });
    const before = await (await fetch(`${url}/embed/${view.id}`)).text();
    expect(before).not.toContain('data-testid="pinned-note"');
    // as published, the view's place details (from its snapshot) agree with the store's own (SQL)
    const publishedGovernorate = await (await fetch(`${url}/api/views/${view.id}/places/idlib-governorate`)).json();
    const storeGovernorate = await (await fetch(`${url}/api/places/idlib-governorate`)).json();
    expect(publishedGovernorate.properties.casualties).toEqual(storeGovernorate.properties.casualties);
    expect(publishedGovernorate.properties.byClaimant).toEqual(storeGovernorate.properties.byClaimant);
    expect(publishedGovernorate.properties.incidents.map((i: { id: string }) => i.id).sort()).toEqual(
      storeGovernorate.properties.incidents.map((i: { id: string }) => i.id).sort(),
    );
    expect((await fetch(`${url}/api/views/${view.id}/places/atlantis`)).status).toBe(404);
    expect((await fetch(`${url}/api/views/zzzzzzzzzz/places/qminas`)).status).toBe(404);
    expect((await fetch(`${url}/api/views/${view.id}/places/${'x'.repeat(300)}`)).status).toBe(400);
    const original = seed.incidents.find((i) => i.id === AIR_STRIKE)!;
    const corrected = structuredClone(original);
    corrected.title.en = 'Air strike kills three Turkish soldiers';
    corrected.claims[0]!.casualties[0]!.killed = { low: 3, high: 3 };
    try {
      expect((await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(corrected) })).status).toBe(200);
      const pinned = await (await fetch(`${url}/embed/${view.id}`)).text();
      expect(pinned).toContain('Air strike kills two Turkish soldiers');
      expect(pinned).not.toContain('Air strike kills three Turkish soldiers');
      expect(pinned).toContain('The incidents have been corrected since.');
      const live = await (await fetch(`${url}/embed/${view.id}?live=1`)).text();
      expect(live).toContain('Air strike kills three Turkish soldiers');
      // the place panel of the frozen embed: the governorate's toll and incidents as published
      const killedOf = (d: {
        properties: { incidents: { id: string; killed: unknown }[]; areaIncidents: { id: string; killed: unknown }[] };
      }) => [...d.properties.incidents, ...d.properties.areaIncidents].find((i) => i.id === AIR_STRIKE)?.killed;
      const frozen = await (await fetch(`${url}/api/views/${view.id}/places/idlib-governorate`)).json();
      expect(killedOf(frozen)).toEqual({ low: 2, high: 2 });
      expect(frozen.properties.casualties).toEqual(publishedGovernorate.properties.casualties);
      expect(frozen.properties.byClaimant).toEqual(publishedGovernorate.properties.byClaimant);
      // a town's panel lists the province-level incidents as published too
      expect(killedOf(await (await fetch(`${url}/api/views/${view.id}/places/qminas`)).json())).toEqual({ low: 2, high: 2 });
      const current = await (await fetch(`${url}/api/views/${view.id}/places/idlib-governorate?live=1`)).json();
      expect(killedOf(current)).toEqual({ low: 3, high: 3 });
      expect(current).toEqual(await (await fetch(`${url}/api/places/idlib-governorate`)).json());
    } finally {
      await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(original) });
    }
    // restored: the pinned embed matches the data again, and says nothing of corrections
    expect(await (await fetch(`${url}/embed/${view.id}`)).text()).not.toContain('corrected since');
  });

  it('keeps an embed page in memory until the store changes, and revalidates it by ETag', async () => {
    const view = await publishedView(url, spec);
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers });
    const first = await get(`/embed/${view.id}`);
    expect(first.headers.get('x-render-cache')).toBe('miss');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+-gz"$/);
    const again = await get(`/embed/${view.id}`);
    expect(again.headers.get('x-render-cache')).toBe('hit');
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(await first.text());
    expect((await get(`/embed/${view.id}`, { 'if-none-match': etag! })).status).toBe(304);
    // each language is its own page
    expect((await get(`/embed/${view.id}?lang=fr`)).headers.get('x-render-cache')).toBe('miss');

    // the view changes: a new page, with the new caption
    await fetch(`${url}/api/views/${view.id}`, { method: 'PATCH', ...json({ caption: { en: 'Changed caption' } }) });
    const changed = await get(`/embed/${view.id}`, { 'if-none-match': etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('x-render-cache')).toBe('miss');
    expect(await changed.text()).toContain('Changed caption');

    // the data changes (a correction to an incident the view shows): a new page with it
    const original = seed.incidents.find((i) => i.id === AIR_STRIKE)!;
    const corrected = structuredClone(original);
    corrected.title.en = 'Air strike kills three Turkish soldiers';
    const adhoc = `/embed?lang=en&from=2020-02-20&to=2020-02-20`;
    expect(await (await get(adhoc)).text()).toContain('Air strike kills two Turkish soldiers');
    expect((await get(adhoc)).headers.get('x-render-cache')).toBe('hit');
    try {
      expect((await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(corrected) })).status).toBe(200);
      for (const path of [`/embed/${view.id}`, adhoc]) {
        const page = await get(path);
        expect(page.headers.get('x-render-cache'), path).toBe('miss');
        expect(await page.text(), path).toContain('Air strike kills three Turkish soldiers');
      }
    } finally {
      await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', ...json(original) });
    }
    expect(await (await get(adhoc)).text()).toContain('Air strike kills two Turkish soldiers');
  });

  it('escapes text from data in the embed page', async () => {
    const view = await publishedView(url, spec);
    const html = await (await fetch(`${url}/embed/${view.id}`)).text();
    // nowhere as markup: not in the rendered caption, not in the props the page hydrates from
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toMatch(/<\/script>[^<]*What each source says/);
    // shown as text in the caption, and kept as data (escaped) in the JSON the page carries
    expect(html).toMatch(/<p[^>]*>&lt;script(&gt;|>)alert\(1\)&lt;\/script(&gt;|>) What each source says<\/p>/);
    expect(html).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e What each source says');
  });
});

describe.each(servers)('oEmbed and the still image on $name', ({ url }) => {
  it('answers oEmbed per the spec, with escaped html, and refuses what it cannot do', async () => {
    const view = await publishedView(url, { ...spec, title: { en: 'A "quoted" <title> & more' } });
    const res = await fetch(`${url}/api/oembed?url=${encodeURIComponent(view.links.embed)}&maxwidth=500&maxheight=400&format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const o = await res.json();
    // required of every oEmbed response, and of type "rich"
    expect(o.version).toBe('1.0');
    expect(o.type).toBe('rich');
    expect(typeof o.html).toBe('string');
    expect(o.width).toBeLessThanOrEqual(500);
    expect(o.height).toBeLessThanOrEqual(400);
    expect(o.provider_url).toBe(url);
    expect(o.html).toContain(`src="${url}/embed/${view.id}"`);
    expect(o.html).toContain('title="A &quot;quoted&quot; &lt;title&gt; &amp; more"');
    expect(o.html).not.toContain('<title>');
    expect(o.html).toMatch(/<noscript><img src="[^"]+\/static\.svg"/);
    expect(o.thumbnail_url).toContain('/static.png');
    expect(o.thumbnail_width).toBeGreaterThan(0);
    expect(o.thumbnail_height).toBeGreaterThan(0);
    expect((await fetch(`${url}/api/oembed?url=${encodeURIComponent(view.links.embed)}&format=xml`)).status).toBe(501);
    expect((await fetch(`${url}/api/oembed?url=${encodeURIComponent(`https://elsewhere.example/embed/${view.id}`)}`)).status).toBe(404);
    expect((await fetch(`${url}/api/oembed?url=${encodeURIComponent(`${url}/embed/zzzzzzzzzz`)}`)).status).toBe(404);
    expect((await fetch(`${url}/api/oembed?url=${encodeURIComponent(`${url}/api/places`)}`)).status).toBe(404);
    expect((await fetch(`${url}/api/oembed`)).status).toBe(400);
    const page = await (await fetch(`${url}/embed/${view.id}`)).text();
    expect(page).toMatch(/<link rel="alternate" type="application\/json\+oembed" href="[^"]*\/api\/oembed\?url=/);
  });

  it('gives a view its own page, which oEmbed consumers discover from its address alone', async () => {
    const view = await publishedView(url, spec);
    expect(view.links.page).toBe(`${url}/views/${view.id}`);
    const page = await fetch(view.links.page);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<title>Fighting around Idlib</title>');
    expect(html).toContain('data-testid="map"');
    // discovery, as a consumer does it: the page's link, followed, gives the view's oEmbed
    const discovered = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    expect(discovered).toBe(`${url}/api/oembed?url=${encodeURIComponent(view.links.page)}&format=json`);
    const o = await (await fetch(discovered!)).json();
    expect(o.type).toBe('rich');
    expect(o.html).toContain(`src="${url}/embed/${view.id}"`);
    expect(o).toEqual(await (await fetch(`${url}/api/oembed?url=${encodeURIComponent(view.links.embed)}&format=json`)).json());
    // a page of its own, not for frames: only /embed is
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const unknown = await fetch(`${url}/views/zzzzzzzzzz`, { headers: { 'accept-language': 'fr' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Cette carte n’existe pas');
    expect((await fetch(`${url}/views/NOT_AN_ID`)).status).toBe(404);
  });

  it('rings highlighted and contested incidents in the still image, also inside a province group', async () => {
    // the seed's one contested incident (the day's toll) is located to the province only, grouped with two others
    const rings = (svg: string, colour: string) => (svg.match(new RegExp(`<circle [^>]*fill="none" stroke="${colour}"`, 'g')) ?? []).length;
    for (const theme of ['light', 'dark'] as const) {
      const c = PALETTES[theme];
      const ringed = await publishedView(url, { ...spec, theme, highlighted: ['idlib-2020-02-20-day-toll'] });
      const plain = await publishedView(url, { ...spec, theme, highlighted: [] });
      const withRing = await (await fetch(`${url}/api/views/${ringed.id}/static.svg`)).text();
      const without = await (await fetch(`${url}/api/views/${plain.id}/static.svg`)).text();
      expect(rings(withRing, c.highlightRing), theme).toBe(1);
      expect(rings(without, c.highlightRing), theme).toBe(0);
      expect(rings(withRing, c.contestedRing), theme).toBe(1);
      expect(rings(without, c.contestedRing), theme).toBe(1);
    }
  });

  it('draws a view as a still SVG without a browser: basemap, places, incidents, escaped text', async () => {
    const view = await publishedView(url, { ...spec, title: { en: 'Idlib <b>&</b>' }, lang: 'en' });
    const res = await fetch(`${url}/api/views/${view.id}/static.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('etag')).toBeTruthy();
    const svg = await res.text();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Idlib &lt;b&gt;&amp;&lt;/b&gt;');
    expect(svg).toContain('Qminas');
    // as on the live map, the incidents sharing a point are spread around it, each its own symbol: the three
    // located only to the province, the two at Al-Nayrab; no counted group for so few
    for (const title of [
      'Air strike kills two Turkish soldiers',
      'Russian Su-24 strikes on the attacking forces',
      'Attacks on government positions around Al-Nayrab',
      'Attacks on government positions around Qaminas',
    ])
      expect(svg).toContain(`<title>${title}</title></circle>`);
    const centre = (title: string) => {
      const m = new RegExp(`<circle cx="([\\d.]+)" cy="([\\d.]+)" r="([\\d.]+)"[^>]*><title>${title}</title>`).exec(svg);
      return { x: Number(m?.[1]), y: Number(m?.[2]), r: Number(m?.[3]) };
    };
    const a = centre('Russian Su-24 strikes on the attacking forces');
    const b = centre('Attacks on government positions around Al-Nayrab');
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r);
    expect((svg.match(/<circle /g) ?? []).length).toBeGreaterThan(6);
    expect((svg.match(/<path d="M/g) ?? []).length).toBeGreaterThan(2);
    // the basemap's layers, in the view's theme (dark), and the credit their sources require
    const c = PALETTES.dark;
    for (const [layer, colour] of Object.entries({
      land: c.land,
      urban: c.urban,
      river: c.river,
      majorRoad: c.roadMajor,
      governorates: c.admin1,
    }))
      expect(svg, layer).toContain(colour);
    expect(svg).toContain('Boundaries: UN OCHA / UNCS, COD-AB Syria 2020-12-17 (CC BY 3.0 IGO).');
    expect(svg).toContain('do not imply official endorsement or acceptance by the United Nations.');
    // the discs around towns are discs, a few kilometres across: not the whole globe but them (a ring wound the wrong way)
    const discs = [...svg.matchAll(new RegExp(`<path d="([^"]+)" fill="${c.halo}" fill-opacity="0.16"`, 'g'))].map((m) => m[1]!);
    expect(discs.length).toBeGreaterThan(0);
    for (const d of discs) {
      const xs = [...d.matchAll(/[ML](-?[\d.]+),/g)].map((m) => Number(m[1]));
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(200);
    }
    expect((await fetch(`${url}/api/views/${view.id}/static.svg?w=10`)).status).toBe(400);
    // the PNG is a real image, of the fixed size nearest the one asked for (640×420 for 600×400), rasterised without a browser
    const png = await fetch(`${url}/api/views/${view.id}/static.png?w=600&h=400`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(640);
    expect(bytes.readUInt32BE(20)).toBe(420);
    expect(
      (await fetch(`${url}/api/views/${view.id}/static.png?w=600&h=400`, { headers: { 'if-none-match': png.headers.get('etag')! } }))
        .status,
    ).toBe(304);
    // drawn once until the store changes: the same bytes again, then a new drawing after an edit
    const again = await fetch(`${url}/api/views/${view.id}/static.png?w=600&h=400`);
    expect(again.headers.get('x-render-cache')).toBe('hit');
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    await fetch(`${url}/api/views/${view.id}`, { method: 'PATCH', ...json({ title: { en: 'Idlib, retitled' } }) });
    const redrawn = await fetch(`${url}/api/views/${view.id}/static.svg`);
    expect(redrawn.headers.get('x-render-cache')).toBe('miss');
    expect(await redrawn.text()).toContain('Idlib, retitled');
    const page = await (await fetch(`${url}/embed/${view.id}`)).text();
    expect(page).toMatch(/<meta property="og:image" content="[^"]+\/static\.png\?w=1200&amp;h=630"/);
    expect((await fetch(`${url}/api/views/zzzzzzzzzz/static.svg`)).status).toBe(404);
  });
});

describe('framing and cookies', () => {
  const { url } = servers[0]!; // the PGlite server, run with EMBED_FRAME_ANCESTORS=https://news.example
  it('lets only the allowed sites frame embeds, and nobody frame anything else', async () => {
    const view = await publishedView(url, spec);
    for (const path of [`/embed/${view.id}`, '/embed?lang=en&type=battles']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'self' https://news.example");
      expect(res.headers.get('x-frame-options'), path).toBeNull();
      expect(res.headers.get('set-cookie'), path).toBeNull();
    }
    for (const path of ['/', '/?lang=en', '/api/incidents', `/api/views/${view.id}`, '/generated/basemap/land.geojson']) {
      const res = await fetch(`${url}${path}`);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('shows a clear message for an ad-hoc embed with bad options (400), and 404 for an unknown view', async () => {
    for (const q of ['type=massacre', 'timebar=yes']) {
      const bad = await fetch(`${url}/embed?lang=en&${q}`);
      expect(bad.status, q).toBe(400);
      expect(await bad.text(), q).toContain('This map’s options are not valid');
    }
    const withBar = await fetch(`${url}/embed?lang=en&timebar=1`);
    expect(withBar.status).toBe(200);
    expect(await withBar.text()).toContain('data-testid="time-bar-svg"');
    const unknown = await fetch(`${url}/embed/zzzzzzzzzz?lang=en`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This map does not exist.');
  });

  it('serves the embed as an island: its own script and stylesheet, gzipped once and cached for good, no Next.js runtime', async () => {
    const view = await publishedView(url, spec);
    const page = await fetch(`${url}/embed/${view.id}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(page.headers.get('set-cookie')).toBeNull();
    const html = await page.text();
    expect(html).not.toContain('/_next/');
    const script = html.match(/<script type="module" src="(\/island\/embed-[\w-]+\.js)"><\/script>/)?.[1];
    const style = html.match(/<link rel="stylesheet" href="(\/island\/embed-[\w-]+\.css)">/)?.[1];
    expect(script).toBeTruthy();
    expect(style).toBeTruthy();
    for (const [file, type] of [
      [script!, 'text/javascript'],
      [style!, 'text/css'],
    ] as const) {
      const res = await fetch(`${url}${file}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect((await res.text()).length).toBeGreaterThan(1000);
      const plain = await fetch(`${url}${file}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
    }
    // the props the page hydrates from are the data the server rendered
    const props = JSON.parse(html.match(/<script type="application\/json" id="embed-props">(.*?)<\/script>/)![1]!);
    expect(props.viewId).toBe(view.id);
    expect(props.incidents.map((f: { id: string }) => f.id)).toContain('idlib-2020-02-20-day-toll');
    expect(props.workerUrl).toMatch(/^\/island\/maplibre-gl-worker-[\w-]+\.mjs$/);
    // MapLibre itself is a file of its own, preloaded by the page and imported by the script
    const maplibre = html.match(/<link rel="modulepreload" href="(\/island\/maplibre-gl-[\w-]+\.mjs)">/)?.[1];
    expect(maplibre).toBeTruthy();
    const bundle = await (await fetch(`${url}${script}`)).text();
    expect(bundle).toContain(maplibre);
    expect((await fetch(`${url}${maplibre}`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${url}${props.workerUrl}`, { headers: { 'accept-encoding': 'gzip' } })).headers.get('content-encoding')).toBe(
      'gzip',
    );
    for (const bad of ['/island/embed-nope.js', '/island/server.mjs', '/island/..%2Fmanifest.json'])
      expect((await fetch(`${url}${bad}`)).status, bad).toBe(404);
  });
});
