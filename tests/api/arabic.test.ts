/**
 * Arabic readers over real HTTP, on PGlite and on PostgreSQL: an incident's optional Arabic
 * title and summary are stored, searched and sent; pages, embeds and still images in Arabic
 * run right to left. Every change made here is undone before the test ends.
 */
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Incident } from '@/lib/domain/schema';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };
const QMINAS = 'idlib-2020-02-20-qminas-attack';
const original = () => structuredClone(seed.incidents.find((i) => i.id === QMINAS) as Incident);
const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
  body: JSON.stringify(body),
});
// an editor's own Arabic for this test's incident (not a translation of the wire's copy)
const TITLE_AR = 'اختبار: هجوم على قميناس';
const SUMMARY_AR = 'نص تجريبي بالعربية لهذا الاختبار.';

describe.each(servers)('Arabic on $name', ({ url }) => {
  it('stores, searches and sends an incident’s Arabic title and summary, and drops them when the editor does', async () => {
    const withArabic = original();
    withArabic.title.ar = TITLE_AR;
    withArabic.summary.ar = SUMMARY_AR;
    try {
      expect((await fetch(`${url}/api/incidents/${QMINAS}`, { method: 'PUT', ...json(withArabic) })).status).toBe(200);
      const one = (await (await fetch(`${url}/api/incidents/${QMINAS}`)).json()) as { properties: Pick<Incident, 'title' | 'summary'> };
      expect(one.properties.title).toEqual({ ...original().title, ar: TITLE_AR });
      expect(one.properties.summary.ar).toBe(SUMMARY_AR);
      // found by its Arabic words, and listed with them
      const found = (await (await fetch(`${url}/api/incidents?q=${encodeURIComponent('قميناس')}`)).json()) as {
        features: { id: string; properties: Pick<Incident, 'title'> }[];
      };
      expect(found.features.map((f) => f.id)).toEqual([QMINAS]);
      expect(found.features[0]?.properties.title.ar).toBe(TITLE_AR);
      // too long an Arabic title is refused like any other
      const tooLong = original();
      tooLong.title.ar = 'ع'.repeat(301);
      const refused = await fetch(`${url}/api/incidents/${QMINAS}`, { method: 'PUT', ...json(tooLong) });
      expect(refused.status).toBe(422);
    } finally {
      expect((await fetch(`${url}/api/incidents/${QMINAS}`, { method: 'PUT', ...json(original()) })).status).toBe(200);
    }
    const restored = (await (await fetch(`${url}/api/incidents/${QMINAS}`)).json()) as { properties: Pick<Incident, 'title'> };
    expect(restored.properties.title).toEqual(original().title);
    expect('ar' in restored.properties.title).toBe(false);
  });

  it('serves the dashboard right to left in Arabic, from ?lang=ar or Accept-Language', async () => {
    for (const [path, headers] of [
      ['/?lang=ar', {}],
      ['/', { 'accept-language': 'ar-SY,ar;q=0.9,en;q=0.4' }],
    ] as const) {
      const html = await (await fetch(`${url}${path}`, { headers })).text();
      expect(html, path).toMatch(/<html lang="ar"/);
      expect(html, path).toMatch(/<body dir="rtl"/);
    }
    expect(await (await fetch(`${url}/?lang=en`)).text()).toMatch(/<html lang="en"><head>[\s\S]*<body dir="ltr"/);
  });

  it('serves an embed and its still image in Arabic: right to left, Arabic type names and place names', async () => {
    const html = await (await fetch(`${url}/embed?lang=ar&from=2020-02-20&to=2020-02-20`)).text();
    expect(html).toMatch(/<html lang="ar"><head>[\s\S]*<body dir="rtl"/);
    const created = await fetch(`${url}/api/views`, { method: 'POST', ...json({ title: { ar: 'إدلب، ٢٠ شباط ٢٠٢٠' }, lang: 'ar' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    try {
      expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) })).status).toBe(200);
      const svg = await (await fetch(`${url}/api/views/${id}/static.svg`)).text();
      expect(svg).toContain('إدلب، ٢٠ شباط ٢٠٢٠');
      expect(svg).toContain('direction="rtl"');
      expect(svg).toContain('انفجارات / عنف عن بُعد');
      expect(svg).toContain('سراقب');
      const png = await fetch(`${url}/api/views/${id}/static.png?w=640&h=400`);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
    } finally {
      await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
    }
  });

  it('serves a saved view made in English in Arabic when asked, as an embed and on its own page', async () => {
    const created = await fetch(`${url}/api/views`, { method: 'POST', ...json({ title: { en: 'Idlib, 20 February 2020' }, lang: 'en' }) });
    const { id } = (await created.json()) as { id: string };
    try {
      expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', ...json({}) })).status).toBe(200);
      for (const page of [`/embed/${id}`, `/views/${id}`]) {
        expect(await (await fetch(`${url}${page}?lang=ar`)).text(), page).toMatch(/<html lang="ar"><head>[\s\S]*<body dir="rtl"/);
        expect(await (await fetch(`${url}${page}?lang=fr`)).text(), page).toMatch(/<html lang="fr"><head>[\s\S]*<body dir="ltr"/);
        // its own language without ?lang=
        expect(await (await fetch(`${url}${page}`)).text(), page).toMatch(/<html lang="en">/);
      }
    } finally {
      await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
    }
  });
});
