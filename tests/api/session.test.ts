/**
 * Signing in and out over real HTTP, on both engines: the cookie's attributes and paths, writes
 * made with it (and refused without their CSRF token or from another site), the sign-in form's
 * redirects, signing out, and the limits on failed sign-ins per account and address. Servers of
 * their own, trusting X-Forwarded-For and -Proto as a proxy of ours would set them, so that each
 * test comes from an address of its own and one can arrive over HTTPS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/passwords';
import { addEditor } from '@/lib/db/editors';
import { migrate } from '@/lib/db/migrate';
import { LIMITS } from '@/lib/db/sessions';
import { openStore, type StoreConfig } from '@/lib/db/store';
import { freshDatabase, requirePostgres } from '../pg';
import { type RunningServer, startServer } from '../server';

const PASSWORD = 'a newsroom passphrase';
let addresses = 0;
/** a client address no other test uses */
const newAddress = () => `192.0.2.${++addresses}`;

async function withAccounts(config: StoreConfig) {
  const db = await openStore(config);
  try {
    await migrate(db);
    const hash = await hashPassword(PASSWORD);
    await addEditor(db, { name: 'samar', role: 'editor', passwordHash: hash, oneTime: false });
    await addEditor(db, { name: 'theo', role: 'admin', passwordHash: hash, oneTime: false });
  } finally {
    await db.close();
  }
}

const engines = [
  {
    name: 'PGlite',
    port: 3316,
    env: async (): Promise<Record<string, string> | null> => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-api-'));
      await withAccounts({ pgliteDir: dir });
      return { PGLITE_DIR: dir };
    },
  },
  {
    name: 'PostgreSQL',
    port: 3317,
    env: async (): Promise<Record<string, string> | null> => {
      if (!(await requirePostgres())) return null;
      const url = await freshDatabase('conflict_map_test_session_api');
      await withAccounts({ databaseUrl: url, pgliteDir: '' });
      return { DATABASE_URL: url };
    },
  },
];

const setCookies = (res: Response) => res.headers.getSetCookie();
const cookieOf = (res: Response) => /^cm_session=([^;]*)/.exec(setCookies(res)[0] ?? '')?.[1] ?? '';

for (const engine of engines)
  describe(`editor sessions over HTTP, on ${engine.name}`, () => {
    let server: RunningServer | null = null;
    let env: Record<string, string> | null = null;
    beforeAll(async () => {
      env = await engine.env();
      if (env) server = await startServer(engine.port, { ...env, TRUST_PROXY: '1' });
    });
    afterAll(async () => {
      await server?.stop();
      if (env?.PGLITE_DIR) fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
    });

    const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server!.url}${p}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': headers['x-forwarded-for'] ?? newAddress(), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const signIn = async (name = 'samar', extra: Record<string, string> = {}) => {
      const res = await post('/api/session', { name, password: PASSWORD }, extra);
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { csrf: string; editor: { name: string; role: string }; expiresAt: string };
      return { res, body, cookie: `cm_session=${cookieOf(res)}` };
    };

    it('says nobody is signed in, and sets no cookie, to an anonymous caller', async ({ skip }) => {
      if (!server) return skip();
      const res = await fetch(`${server.url}/api/session`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ editor: null });
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(setCookies(res)).toEqual([]);
    });

    it('signs in with JSON: an HttpOnly, SameSite=Lax cookie on /api and /editor only, and the CSRF token', async ({ skip }) => {
      if (!server) return skip();
      const { res, body, cookie } = await signIn('SAMAR');
      expect(body.editor).toEqual({ name: 'samar', role: 'editor' });
      const cookies = setCookies(res);
      expect(cookies).toHaveLength(2);
      expect(cookies.map((c) => /Path=([^;]+)/.exec(c)?.[1]).sort()).toEqual(['/api', '/editor']);
      for (const c of cookies) {
        expect(c).toMatch(/^cm_session=[\w-]{43}; /);
        expect(c).toContain('HttpOnly');
        expect(c).toContain('SameSite=Lax');
        expect(c).toContain('Max-Age=43200');
        // reached over plain HTTP: a Secure cookie would never come back
        expect(c).not.toContain('Secure');
      }
      const now = await fetch(`${server.url}/api/session`, { headers: { cookie } });
      expect(await now.json()).toMatchObject({ editor: { name: 'samar', role: 'editor' }, csrf: body.csrf, expiresAt: body.expiresAt });
    });

    it('marks the cookie Secure when the request came over HTTPS', async ({ skip }) => {
      if (!server) return skip();
      const { res } = await signIn('theo', { 'x-forwarded-proto': 'https' });
      for (const c of setCookies(res)) expect(c).toContain('; Secure');
    });

    it('refuses a wrong password and an unknown name with the same 401, setting no cookie', async ({ skip }) => {
      if (!server) return skip();
      const wrong = await post('/api/session', { name: 'samar', password: 'not it at all' });
      const unknown = await post('/api/session', { name: 'nobody-here', password: PASSWORD });
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(setCookies(res)).toEqual([]);
      }
      expect(await wrong.json()).toEqual(await unknown.json());
      const missing = await post('/api/session', { name: 'samar' });
      expect(missing.status).toBe(422);
      const notJson = await post('/api/session', 'name=samar', { 'content-type': 'text/plain' });
      expect(notJson.status).toBe(415);
    });

    it('lets the cookie write with its CSRF token from our pages, and refuses it without, or from another site', async ({ skip }) => {
      if (!server) return skip();
      const { body, cookie } = await signIn();
      const view = { title: { en: 'Made with a session' } };
      const ok = await post('/api/views', view, { cookie, 'x-csrf-token': body.csrf, origin: server.url, 'sec-fetch-site': 'same-origin' });
      expect(ok.status, await ok.clone().text()).toBe(201);
      const id = ((await ok.json()) as { id: string }).id;
      // an unpublished view is readable with the session, and only with it
      expect((await fetch(`${server.url}/api/views/${id}`, { headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${server.url}/api/views/${id}`)).status).toBe(404);

      const noToken = await post('/api/views', view, { cookie });
      expect(noToken.status).toBe(403);
      expect(((await noToken.json()) as { type: string }).type).toBe('/problems/cross-site-request');
      const wrongToken = await post('/api/views', view, { cookie, 'x-csrf-token': `${body.csrf.slice(0, -2)}xx` });
      expect(wrongToken.status).toBe(403);
      const elsewhere = await post('/api/views', view, { cookie, 'x-csrf-token': body.csrf, origin: 'https://attacker.example' });
      expect(elsewhere.status).toBe(403);
      // what a page elsewhere could make a browser send, had it sent the cookie
      const form = await post('/api/views', 'title=x', {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://attacker.example',
        'sec-fetch-site': 'cross-site',
      });
      expect(form.status).toBe(403);
      // reads need no token
      expect((await fetch(`${server.url}/api/session`, { headers: { cookie } })).status).toBe(200);
    });

    it('signs in with the sign-in page’s form: 303 to the desk (never to another site), or back to the form with the error', async ({
      skip,
    }) => {
      if (!server) return skip();
      const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
        post('/api/session', new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
      const ok = await form({ name: 'samar', password: PASSWORD, next: 'https://evil.example/', lang: 'ar' });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe('/editor?lang=ar');
      expect(setCookies(ok)).toHaveLength(2);
      const deeper = await form({ name: 'samar', password: PASSWORD, next: '/editor/views' });
      expect(deeper.headers.get('location')).toBe('/editor/views');
      const bad = await form({ name: 'samar', password: 'wrong', next: '/editor', lang: 'fr' });
      expect(bad.status).toBe(303);
      expect(bad.headers.get('location')).toBe('/editor/sign-in?error=invalid&name=samar&next=%2Feditor&lang=fr');
      expect(setCookies(bad)).toEqual([]);
      // a form on another site cannot sign a reader in as someone (login CSRF)
      const crossSite = await form({ name: 'samar', password: PASSWORD }, { origin: 'https://attacker.example' });
      expect(crossSite.status).toBe(403);
      expect(setCookies(crossSite)).toEqual([]);
    });

    it('signs out with the CSRF token only; the cookie then writes nothing', async ({ skip }) => {
      if (!server) return skip();
      const { body, cookie } = await signIn();
      const forged = await post('/api/session/sign-out', '', { cookie, origin: 'https://attacker.example', 'content-type': 'text/plain' });
      expect(forged.status).toBe(403);
      expect((await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()).editor).not.toBeNull();
      // another site's form, which SameSite=Lax sends without the cookie: refused, clearing nothing
      const blind = await fetch(`${server.url}/api/session/sign-out`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://attacker.example',
          'sec-fetch-site': 'cross-site',
        },
        body: 'lang=en',
        redirect: 'manual',
      });
      expect(blind.status).toBe(403);
      expect(setCookies(blind)).toEqual([]);

      const out = await post('/api/session/sign-out', '', { cookie, 'x-csrf-token': body.csrf });
      expect(out.status).toBe(204);
      const cleared = setCookies(out);
      expect(cleared.map((c) => /Path=([^;]+)/.exec(c)?.[1]).sort()).toEqual(['/api', '/editor']);
      for (const c of cleared) expect(c).toMatch(/^cm_session=; .*Max-Age=0/);
      expect(await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()).toEqual({ editor: null });
      const after = await post('/api/views', { title: { en: 'x' } }, { cookie, 'x-csrf-token': body.csrf });
      expect(after.status).toBe(401);
      expect(((await after.json()) as { title: string }).title).toBe('Session ended');

      // the desk's form: the token as a field, then back to the sign-in page
      const again = await signIn();
      const formOut = await post('/api/session/sign-out', new URLSearchParams({ csrf: again.body.csrf, lang: 'en' }).toString(), {
        cookie: again.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: server.url,
      });
      expect(formOut.status).toBe(303);
      expect(formOut.headers.get('location')).toBe('/editor/sign-in?signedOut=1&lang=en');
      expect(await (await fetch(`${server.url}/api/session`, { headers: { cookie: again.cookie } })).json()).toEqual({ editor: null });
    });

    it('limits failed sign-ins per account and address, then per address, with Retry-After', async ({ skip }) => {
      if (!server) return skip();
      const at = newAddress();
      for (let i = 0; i < LIMITS.accountAddress; i++)
        expect((await post('/api/session', { name: 'theo', password: `guess ${i}` }, { 'x-forwarded-for': at })).status).toBe(401);
      const held = await post('/api/session', { name: 'theo', password: PASSWORD }, { 'x-forwarded-for': at });
      expect(held.status).toBe(429);
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(setCookies(held)).toEqual([]);
      // the editor is not locked out from elsewhere, nor another account from there
      await signIn('theo');
      await signIn('samar', { 'x-forwarded-for': at });

      const guesser = newAddress();
      for (let i = 0; i < LIMITS.address; i++)
        await post('/api/session', { name: `name${i}`, password: 'x' }, { 'x-forwarded-for': guesser });
      expect((await post('/api/session', { name: 'samar', password: PASSWORD }, { 'x-forwarded-for': guesser })).status).toBe(429);
    });

    it('keeps the editor’s pages behind the session: the desk sends an anonymous reader to sign in', async ({ skip }) => {
      if (!server) return skip();
      const anonymous = await fetch(`${server.url}/editor`, { redirect: 'manual' });
      expect([303, 307, 308]).toContain(anonymous.status);
      expect(anonymous.headers.get('location')).toContain('/editor/sign-in?next=%2Feditor');
      const { cookie } = await signIn();
      const desk = await fetch(`${server.url}/editor`, { headers: { cookie } });
      expect(desk.status).toBe(200);
      expect(await desk.text()).toContain('samar');
      expect(desk.headers.get('x-frame-options')).toBe('DENY');
    });
  });
