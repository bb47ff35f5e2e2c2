import { describe, expect, it } from 'vitest';
import { tokensMatch, requireEditor } from '@/lib/auth/guard';
import { badPathSegment, embedFrameAncestors, securityHeaders } from '@/lib/api/security-headers';
import { newViewId, viewSpecSchema } from '@/lib/domain/view';
import { specFromQuery } from '@/lib/embed/props';

describe('framing', () => {
  it('allows any site by default, or only the listed ones, dropping invalid entries', () => {
    expect(embedFrameAncestors(undefined)).toBe('*');
    expect(embedFrameAncestors('https://a.example https://*.b.example:8443')).toBe("'self' https://a.example https://*.b.example:8443");
    expect(embedFrameAncestors("https://a.example javascript:alert(1) 'unsafe-inline'")).toBe("'self' https://a.example");
    const csp = (path: string, frameAncestors?: string, nonce?: string) =>
      securityHeaders(path, { frameAncestors, nonce })['content-security-policy'] ?? '';
    expect(csp('/embed/abc')).toContain('frame-ancestors *');
    expect(securityHeaders('/embed/abc')['x-frame-options']).toBeUndefined();
    expect(securityHeaders('/embedded')['x-frame-options']).toBe('DENY');
    expect(csp('/', 'https://a.example')).toContain("frame-ancestors 'none'");
    expect(csp('/embed', 'https://a.example')).toContain("frame-ancestors 'self' https://a.example");
  });

  it('lets pages run only our own scripts: the nonce on Next.js pages, none inline on islands', () => {
    const csp = (path: string) => securityHeaders(path, { nonce: 'abc' })['content-security-policy'] ?? '';
    expect(csp('/')).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp('/embed/x')).toContain("script-src 'self';");
    expect(csp('/views/x')).toContain("script-src 'self';");
    expect(csp('/api/incidents')).toContain("default-src 'none'");
    for (const path of ['/', '/embed/x', '/views/x']) {
      expect(csp(path)).toContain("object-src 'none'");
      expect(csp(path)).toContain("base-uri 'none'");
      expect(csp(path)).not.toContain('unsafe-eval');
    }
  });

  it('finds a path segment whose percent-encoding does not decode', () => {
    expect(badPathSegment('/api/incidents/idlib-1')).toBeNull();
    expect(badPathSegment('/api/places/al-f%C3%BBa')).toBeNull();
    for (const bad of ['%zz', '%', '%FF', '%C0%AF', '%ED%A0%80']) expect(badPathSegment(`/api/incidents/${bad}`)).toBe(bad);
  });
});

describe('editor token', () => {
  it('matches only the exact token', () => {
    expect(tokensMatch('s3cret', 's3cret')).toBe(true);
    expect(tokensMatch('s3cre', 's3cret')).toBe(false);
    expect(tokensMatch('', 's3cret')).toBe(false);
  });
  it('refuses every write when no token is configured', async () => {
    const req = new Request('http://x/api/views', { method: 'POST', headers: { authorization: 'Bearer anything' } });
    expect((await requireEditor(req, {} as NodeJS.ProcessEnv))!.status).toBe(401);
    expect(await requireEditor(req, { EDITOR_TOKEN: 'anything' } as unknown as NodeJS.ProcessEnv)).toBeNull();
  });
});

describe('views', () => {
  it('fills defaults and needs a title', () => {
    const v = viewSpecSchema.parse({ title: { en: 'x' } });
    expect(v).toMatchObject({ bounds: null, filters: {}, highlighted: [], lang: 'fr', theme: 'auto' });
    expect(viewSpecSchema.safeParse({ title: {} }).success).toBe(false);
  });
  it('makes ids from an alphabet without look-alikes', () => {
    for (let i = 0; i < 50; i++) expect(newViewId()).toMatch(/^[a-hjkmnp-z2-9]{10}$/);
  });
  it('reads an ad-hoc embed from its URL', () => {
    const r = specFromQuery({ lang: 'en', title: 'Idlib', type: 'battles', bounds: '36.4,35.6,37,36.1', highlight: 'a-b' }, 'fr');
    expect(r).toMatchObject({
      ok: true,
      spec: { title: { en: 'Idlib' }, filters: { types: ['battles'] }, bounds: [36.4, 35.6, 37, 36.1], highlighted: ['a-b'], lang: 'en' },
    });
    expect(specFromQuery({ bounds: '1,2' }, 'fr').ok).toBe(false);
    expect(specFromQuery({ from: '2020-03-01', to: '2020-01-01' }, 'fr').ok).toBe(false);
    // the view schema itself names the bad event type
    const bad = specFromQuery({ type: 'battles,massacre' }, 'en');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/^filters\.types\.1: /);
  });
});

describe('store failures', () => {
  it('answers 503 only when the store is out of reach, 500 for anything else', async () => {
    const { serverError } = await import('@/lib/api/problem');
    const { StoreUnavailableError } = await import('@/lib/db/errors');
    const quiet = console.error;
    console.error = () => undefined;
    try {
      const down = serverError(new StoreUnavailableError(new Error('connect ECONNREFUSED 127.0.0.1:5432')));
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(serverError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })).status).toBe(
        503,
      );
      // a bug that happens to mention the database is a 500, not an outage
      expect(serverError(new Error('relation "incidents" does not exist in database test')).status).toBe(500);
      expect(serverError(new TypeError('x is undefined')).status).toBe(500);
    } finally {
      console.error = quiet;
    }
  });
});
