/**
 * Every route handler, every state-changing method, read off the source tree (app/**\/route.ts):
 * a write answers only an editor, signed in (session cookie and CSRF token) or a script (service
 * token). Anonymous, with a wrong token, with an ended session, as a cross-site HTML form post
 * (which cannot carry the token), or with a live session but no CSRF token, each write is
 * refused before it looks at its input; a method a route does not take answers 405 with Allow.
 * Signing in and out (the doors) are writes anyone may try: they refuse cross-site posts.
 * Over real HTTP, on a server of its own (wrong tokens are counted per address: the shared
 * servers' other tests must not be limited).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/passwords';
import { addEditor } from '@/lib/db/editors';
import { migrate } from '@/lib/db/migrate';
import { openStore } from '@/lib/db/store';
import { type RunningServer, startServer } from '../server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const TOKEN = 'write-routes-editor-token';

interface Route {
  file: string;
  /** the URL path, each [param] given a value no record has */
  path: string;
  /** methods with a handler of their own */
  handled: string[];
}

function routes(dir = 'app'): Route[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e): Route[] => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return routes(rel);
    // the API's catch-all (app/api/[...path]) answers 404 to every method: no resource, so nothing to allow or refuse
    if (e.name !== 'route.ts' || rel.includes('[...')) return [];
    const src = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    // a handler of its own: a function, or one made by a helper (export const PUT = recordPut('place'))
    const handled = [...src.matchAll(/^export (?:(?:async )?function|const) (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1]!);
    const urlPath = `/${path.dirname(path.relative('app', rel))}`.replace(/\[[^\]]+\]/g, 'no-such-record').replace(/\/\.$/, '');
    return [{ file: rel, path: urlPath, handled }];
  });
}

const all = routes();
/** signing in and out, and making the first administrator with the printed link: writes anyone may try */
const DOORS = ['POST /api/session', 'POST /api/session/sign-out', 'POST /api/setup'];
const allWrites = all.flatMap((r) => WRITES.filter((m) => r.handled.includes(m)).map((method) => ({ ...r, method })));
const writes = allWrites.filter((w) => !DOORS.includes(`${w.method} ${w.path}`));
/** writes for a signed-in editor only: the service token has no password of its own to change (403) */
const SESSION_ONLY = ['POST /api/session/password'];
const PASSWORD = 'write routes passphrase';
/** wrong tokens are counted per address (10 a minute): each write's guess comes from an address of its own */
let guessers = 0;

describe('every write route answers only an editor', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-routes-'));
    const db = await openStore({ pgliteDir: dir });
    await migrate(db);
    // an administrator: every write, the accounts' included, is open to it (an editor's refusal there: tests/api/accounts.test.ts)
    await addEditor(db, { name: 'desk', role: 'admin', passwordHash: await hashPassword(PASSWORD), oneTime: false });
    await db.close();
    // forwarded addresses believed, so that each wrong token below comes from an address of its own
    server = await startServer(3311, { PGLITE_DIR: dir, EDITOR_TOKEN: TOKEN, TRUST_PROXY: '1' });
  });
  const session = async () => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'desk', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = `cm_session=${/^cm_session=([^;]*)/.exec(res.headers.getSetCookie()[0] ?? '')?.[1]}`;
    return { cookie, csrf: ((await res.json()) as { csrf: string }).csrf };
  };
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the write routes in the source tree (views, their publication, incidents, imports)', () => {
    const found = writes.map((w) => `${w.method} ${w.path}`);
    for (const known of [
      'POST /api/views',
      'PATCH /api/views/no-such-record',
      'DELETE /api/views/no-such-record',
      'POST /api/views/no-such-record/publish',
      'PUT /api/incidents/no-such-record',
      'DELETE /api/incidents/no-such-record',
      'POST /api/imports',
      'PUT /api/places/no-such-record',
      'PUT /api/sources/no-such-record',
      'PUT /api/actors/no-such-record',
      'POST /api/editors',
      'POST /api/editors/no-such-record/disable',
      'POST /api/session/password',
    ])
      expect(found).toContain(known);
    expect(allWrites.map((w) => `${w.method} ${w.path}`)).toEqual(expect.arrayContaining(DOORS));
  });

  it.each(DOORS)('%s (a door): refuses a cross-site form post', async (door) => {
    const res = await fetch(`${server.url}${door.split(' ')[1]}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://attacker.example',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        cookie: 'cm_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
      body: 'name=desk&password=x',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it.each(writes.map((w) => [`${w.method} ${w.path}`, w] as const))(
    '%s: refused anonymous, with a wrong token, and as a cross-site form post',
    async (_, w) => {
      const url = `${server.url}${w.path}`;
      const body = JSON.stringify({ title: { en: 'x' } });
      const anonymous = await fetch(url, { method: w.method, headers: { 'content-type': 'application/json' }, body });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);

      const wrong = await fetch(url, {
        method: w.method,
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer not-the-token',
          'x-forwarded-for': `198.51.100.${++guessers}`,
        },
        body,
      });
      expect(wrong.status).toBe(401);

      // what a page elsewhere can make a reader's browser send: a form, with no way to add the token
      const form = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://attacker.example',
          'sec-fetch-site': 'cross-site',
          'sec-fetch-mode': 'navigate',
        },
        body: 'title=x&pin=true',
      });
      expect([401, 405]).toContain(form.status);

      // a cookie of a session that does not exist (or has ended)
      const ended = await fetch(url, {
        method: w.method,
        headers: { 'content-type': 'application/json', cookie: 'cm_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        body,
      });
      expect(ended.status).toBe(401);
    },
  );

  it('with a live session, every write refuses a request without the CSRF token, or from another site', async () => {
    const { cookie, csrf } = await session();
    for (const w of writes) {
      const url = `${server.url}${w.path}`;
      const json = { 'content-type': 'application/json', cookie };
      const noToken = await fetch(url, { method: w.method, headers: json, body: '{}' });
      expect(noToken.status, `${w.method} ${w.path} without the token`).toBe(403);
      const elsewhere = await fetch(url, {
        method: w.method,
        headers: { ...json, 'x-csrf-token': csrf, origin: 'https://attacker.example' },
        body: '{}',
      });
      expect(elsewhere.status, `${w.method} ${w.path} from another site`).toBe(403);
      const form = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie,
          origin: 'https://attacker.example',
          'sec-fetch-site': 'cross-site',
        },
        body: 'title=x',
      });
      expect([403, 405], `${w.method} ${w.path} as a cross-site form`).toContain(form.status);
    }
  });

  it('and the right token, or a session with its CSRF token, gets past the door: a write then answers for its input', async () => {
    const { cookie, csrf } = await session();
    const ways: Record<string, string>[] = [{ authorization: `Bearer ${TOKEN}` }, { cookie, 'x-csrf-token': csrf, origin: server.url }];
    for (const credentials of ways)
      for (const w of writes) {
        const res = await fetch(`${server.url}${w.path}`, {
          method: w.method,
          headers: { 'content-type': 'application/json', ...credentials },
          body: '{"not": "what it takes"',
        });
        const sessionOnly = SESSION_ONLY.includes(`${w.method} ${w.path}`) && 'authorization' in credentials;
        expect(sessionOnly ? [403] : [400, 404, 413, 415, 422], `${w.method} ${w.path} → ${res.status}`).toContain(res.status);
      }
  });

  it('answers 405 with Allow for every state-changing method a route does not take', async () => {
    const refused = all.flatMap((r) => WRITES.filter((m) => !r.handled.includes(m)).map((method) => ({ ...r, method })));
    expect(refused.length).toBeGreaterThan(40);
    for (const r of refused) {
      const res = await fetch(`${server.url}${r.path}`, { method: r.method, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status, `${r.method} ${r.path}`).toBe(405);
      expect(res.headers.get('allow') ?? 'none', `${r.method} ${r.path}`).toMatch(/GET|POST/);
    }
  });
});
