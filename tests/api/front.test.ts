/**
 * Answers given again before Next.js (lib/front.ts, server.mjs): the same public request, asked
 * twice, is answered the second time by the server itself, with the same bytes and the same
 * headers as the route gave; a write to the store, credentials or another question reach the
 * route. On PGlite and on PostgreSQL, over real HTTP.
 */
import { describe, expect, inject, it } from 'vitest';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const BOX = '/api/incidents?bbox=35.5,35,37.5,36.6&from=2020-02-01&to=2020-02-29&fields=brief';

/** The headers that say how an answer was made (and its date): the rest must be the same whoever answered. */
const HOW = new Set(['date', 'x-render-cache', 'x-served-by', 'vary', 'transfer-encoding', 'content-length', 'connection', 'keep-alive']);
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => !HOW.has(k)));
const varyOf = (res: Response) =>
  (res.headers.get('vary') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v === 'accept-encoding' || v === 'origin');

const asEditor = { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` };

/** A view saved and published (following the data); its id. */
async function publishedView(url: string, title: string): Promise<string> {
  const created = await fetch(`${url}/api/views`, {
    method: 'POST',
    headers: asEditor,
    body: JSON.stringify({ title: { en: title }, lang: 'en' }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await fetch(`${url}/api/views/${id}/publish`, {
    method: 'POST',
    headers: asEditor,
    body: JSON.stringify({ pin: false }),
  });
  expect(published.status).toBe(200);
  return id;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { 'accept-encoding': 'gzip', ...headers } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe.each(servers)('answers given again before the framework on $name', ({ url }) => {
  it('gives a box of incidents again itself: the same bytes and headers, 304 for its ETag, gzip as asked', async () => {
    const first = await get(`${url}${BOX}`);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('x-served-by')).toBeNull();
    const again = await get(`${url}${BOX}`);
    expect(again.res.headers.get('x-served-by')).toBe('front');
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(headersOf(again.res)).toEqual(headersOf(first.res));
    expect(varyOf(again.res)).toEqual(varyOf(first.res));
    expect(again.res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(again.res.headers.get('x-render-cache')).toBe('hit');
    // the same question with its parameters in another order, and its commas encoded
    const reordered = await get(`${url}/api/incidents?fields=brief&to=2020-02-29&from=2020-02-01&bbox=35.5%2C35%2C37.5%2C36.6`);
    expect(reordered.res.headers.get('x-served-by')).toBe('front');
    expect(reordered.bytes.equals(first.bytes)).toBe(true);

    const etag = again.res.headers.get('etag') ?? '';
    expect(etag).toMatch(/-gz"$/);
    const notModified = await get(`${url}${BOX}`, { 'if-none-match': etag });
    expect(notModified.res.status).toBe(304);
    expect(notModified.res.headers.get('x-served-by')).toBe('front');
    const plain = await fetch(`${url}${BOX}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('x-served-by')).toBe('front');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await plain.json()).type).toBe('FeatureCollection');
  });

  it('sends a request with credentials, and the first request after a write, to the route', async () => {
    await get(`${url}${BOX}`);
    expect((await get(`${url}${BOX}`)).res.headers.get('x-served-by')).toBe('front');
    const withCookie = await get(`${url}${BOX}`, { cookie: 'cm_session=whatever' });
    expect(withCookie.res.headers.get('x-served-by')).toBeNull();
    const withToken = await get(`${url}${BOX}`, { authorization: `Bearer ${EDITOR_TOKEN}` });
    expect(withToken.res.headers.get('x-served-by')).toBeNull();

    // a write to the store (a view saved) raises its version: the answer kept is no longer given
    const saved = await fetch(`${url}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
      body: JSON.stringify({ title: { en: 'Front cache test view' }, lang: 'en' }),
    });
    expect(saved.status).toBe(201);
    const after = await get(`${url}${BOX}`);
    expect(after.res.headers.get('x-served-by')).toBeNull();
    expect(after.res.headers.get('x-render-cache')).toBe('miss');
    const { id } = (await saved.json()) as { id: string };
    const removed = await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
    expect(removed.status).toBeLessThan(300);
  });

  it('gives an embed page and its hashed script again itself, cached for a year', async () => {
    const id = await publishedView(url, 'Front cache embed');
    const page = await get(`${url}/embed/${id}`);
    expect(page.res.status).toBe(200);
    const again = await get(`${url}/embed/${id}`);
    expect(again.res.headers.get('x-served-by')).toBe('front');
    expect(again.bytes.equals(page.bytes)).toBe(true);
    expect(headersOf(again.res)).toEqual(headersOf(page.res));
    expect(again.res.headers.get('content-security-policy')).toContain('frame-ancestors');

    const html = (await fetch(`${url}/embed/${id}`)).headers.get('content-type');
    expect(html).toContain('text/html');
    const text = new TextDecoder().decode(
      (await fetch(`${url}/embed/${id}`, { headers: { 'accept-encoding': 'identity' } }).then((r) => r.arrayBuffer())) as ArrayBuffer,
    );
    const script = /src="(\/island\/embed-[^"]+\.js)"/.exec(text)?.[1];
    expect(script).toBeTruthy();
    const asset = await get(`${url}${script}`);
    const assetAgain = await get(`${url}${script}`);
    expect(assetAgain.res.headers.get('x-served-by')).toBe('front');
    expect(assetAgain.bytes.equals(asset.bytes)).toBe(true);
    expect(assetAgain.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(headersOf(assetAgain.res)).toEqual(headersOf(asset.res));
    await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
  });

  it('refuses still images past the worker queue before any route, 503 with Retry-After, and gives a kept one all the same', async () => {
    const id = await publishedView(url, 'Front cache stills');
    const kept = await get(`${url}/api/views/${id}/static.svg`);
    expect(kept.res.status).toBe(200);
    // the largest PNGs, each a second or more to rasterise, six at once: more than the queue holds
    const png = (lang: string, w: number, h: number) => `${url}/api/views/${id}/static.png?w=${w}&h=${h}&lang=${lang}`;
    const first = ['fr', 'en', 'ar'].flatMap((lang) => [1200, 2000].flatMap((w) => [2000].map((h) => png(lang, w, h))));
    const fetchText = (u: string) => fetch(u).then(async (res) => ({ res, body: await res.text() }));
    const firstAnswers = Promise.all(first.map(fetchText));
    // then small images never asked, one every 100 ms, until one is refused: the queue is full by
    // then whatever this machine's speed (those that still find room are drawn, and counted)
    const small = [320, 480, 640, 800].flatMap((w) => [240, 320, 420, 520, 630].map((h) => png('fr', w, h)));
    const asked: Promise<Awaited<ReturnType<typeof fetchText>>>[] = [];
    let refusedOne = false;
    for (const u of small) {
      asked.push(
        fetchText(u).then((a) => {
          if (a.res.status === 503) refusedOne = true;
          return a;
        }),
      );
      await new Promise((r) => setTimeout(r, 100));
      if (refusedOne) break;
    }
    const later = await Promise.all(asked);
    const keptAgain = await get(`${url}/api/views/${id}/static.svg`);
    const answers = [...(await firstAnswers), ...later];
    const refused = answers.filter((a) => a.res.status === 503);
    expect(answers.filter((a) => a.res.status === 200).every((a) => a.res.headers.get('content-type') === 'image/png')).toBe(true);
    expect(refused.length + answers.filter((a) => a.res.status === 200).length).toBe(answers.length);
    expect(answers.filter((a) => a.res.status === 200).length).toBeGreaterThan(0);
    // those asked once the queue was full: refused before any route
    const refusedLater = later.filter((a) => a.res.status === 503);
    expect(refusedLater.length).toBeGreaterThan(0);
    for (const a of refusedLater) expect(a.res.headers.get('x-served-by')).toBe('front');
    for (const a of refused) {
      expect(a.res.headers.get('retry-after')).toBe('2');
      expect(a.res.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.parse(a.body).type).toBe('/problems/busy');
    }
    expect(keptAgain.res.status).toBe(200);
    expect(keptAgain.res.headers.get('x-served-by')).toBe('front');
    expect(keptAgain.bytes.equals(kept.bytes)).toBe(true);
    await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
  });
});
