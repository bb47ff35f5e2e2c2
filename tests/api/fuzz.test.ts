/**
 * Property-based tests over HTTP (fast-check), on PGlite and PostgreSQL: random query strings,
 * path ids and JSON bodies at every route. Never a 500, never an answer slower than 2 s, and
 * every 4xx from the API is problem+json naming what was wrong. A failure prints its seed and
 * path: add the counterexample to the route's `examples` so it stays a regression case.
 */
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { jsonBody, pathSegment, queryString } from '../fuzz';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const RUNS = 60;

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

function expectHonest(a: Answer, where: string, api: boolean) {
  // oEmbed answers a format it does not offer with 501, as its spec says; nothing answers 500
  if (!(a.status === 501 && where.startsWith('/api/oembed'))) expect(a.status, where).toBeLessThan(500);
  if (api && a.status >= 400) {
    expect(a.type, where).toContain('application/problem+json');
    const p = JSON.parse(a.body) as { status: number; invalidParams?: { name: string }[] };
    expect(p.status, where).toBe(a.status);
    if (a.status === 400 || a.status === 422) {
      expect(p.invalidParams?.length, where).toBeGreaterThan(0);
      for (const x of p.invalidParams ?? []) expect(x.name, where).not.toBe('');
    }
  }
}

const INCIDENT_KEYS = ['bbox', 'from', 'to', 'type', 'actor', 'place', 'source', 'q', 'limit', 'cursor', 'order'];
const EMBED_KEYS = ['title', 'caption', 'credit', 'from', 'to', 'type', 'place', 'actor', 'highlight', 'bounds', 'lang', 'theme'];

describe.each(servers)('fuzzing every route on $name', ({ url }) => {
  const check = (name: string, arb: fc.Arbitrary<string>, api: boolean, examples: [string][] = []) =>
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(arb, async (path) => expectHonest(await send(`${url}${path}`), path, api)),
        { numRuns: RUNS, examples },
      );
    });

  check(
    'GET /api/incidents?…',
    queryString(INCIDENT_KEYS).map((q) => `/api/incidents?${q}`),
    true,
    [['/api/incidents?q=%00']],
  );
  check(
    'GET /api/incidents/{id}',
    pathSegment.map((id) => `/api/incidents/${id}`),
    true,
    [['/api/incidents/%ED%A0%80']],
  );
  check(
    'GET /api/places/{id}',
    pathSegment.map((id) => `/api/places/${id}`),
    true,
  );
  check(
    'GET /api/views/{id}',
    pathSegment.map((id) => `/api/views/${id}`),
    true,
  );
  check(
    'GET /api/views/{id}/places/{placeId}',
    fc.tuple(pathSegment, pathSegment).map(([v, p]) => `/api/views/${v}/places/${p}`),
    true,
    // "%2e" is "." to a URL parser: the address sent is /api/views/places/%00, which no route answers
    [['/api/views/%2e/places/%00']],
  );
  check(
    'GET /api/views/{id}/static.svg?…',
    fc.tuple(pathSegment, queryString(['w', 'h', 'lang'])).map(([id, q]) => `/api/views/${id}/static.svg?${q}`),
    true,
  );
  check(
    'GET /api/oembed?…',
    queryString(['url', 'maxwidth', 'maxheight', 'format']).map((q) => `/api/oembed?${q}`),
    true,
    // found by this test: an empty format was answered 501 (it means the default, JSON)
    [['/api/oembed?url=A%3A&format=']],
  );
  check(
    'GET /api/catalogue?…',
    queryString(['lang']).map((q) => `/api/catalogue?${q}`),
    true,
  );
  check(
    'GET /embed?…',
    queryString(EMBED_KEYS).map((q) => `/embed?${q}`),
    false,
    [['/embed?from=0000-01-01']],
  );
  check(
    'GET /embed/{id}',
    pathSegment.map((id) => `/embed/${id}`),
    false,
  );
  check(
    'GET /views/{id}',
    pathSegment.map((id) => `/views/${id}`),
    false,
  );
  check(
    'GET /island/{file}',
    pathSegment.map((id) => `/island/${id}`),
    false,
  );

  const writes: [string, string, (id: string) => string][] = [
    ['PUT', '/api/incidents/{id}', (id) => `/api/incidents/${id}`],
    ['PATCH', '/api/views/{id}', (id) => `/api/views/${id}`],
    ['POST', '/api/views/{id}/publish', (id) => `/api/views/${id}/publish`],
  ];
  for (const [method, name, path] of writes) {
    it(`${method} ${name} with random ids and bodies`, async () => {
      await fc.assert(
        fc.asyncProperty(pathSegment, jsonBody, async (id, body) => {
          const a = await send(`${url}${path(id)}`, {
            method,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
            body: JSON.stringify(body),
          });
          expectHonest(a, `${method} ${path(id)} ${JSON.stringify(body).slice(0, 200)}`, true);
        }),
        // "%2e" is a dot segment: the URL becomes the parent resource, which may not offer the method
        { numRuns: RUNS, examples: [['%2e', []]] },
      );
    });
  }

  it('POST /api/views with random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody, async (body) => {
        const a = await send(`${url}/api/views`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
          body: JSON.stringify(body),
        });
        expectHonest(a, JSON.stringify(body).slice(0, 200), true);
        // a body that happened to be a valid view was created: remove it again
        if (a.status === 201) {
          const { id } = JSON.parse(a.body) as { id: string };
          await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
        }
      }),
      {
        numRuns: RUNS,
        examples: [
          [{ title: { en: 'a\u0000b' } }],
          [{ title: { en: '\ud800' } }],
          [{ title: { en: 'x' }, filters: { from: '0000-01-01' } }],
        ],
      },
    );
  });
});
