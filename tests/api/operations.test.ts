/**
 * What an unlucky operator meets, each on a server of its own: a database that is not there,
 * connections dropped under the server, a restart right after `kill -9`, and a burst of wrong
 * tokens. The answers are 503 or 429, never a 500 or a crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { FAILURES_ALLOWED } from '@/lib/auth/guard';
import { ADMIN_URL, freshDatabase, postgresReachable } from '../pg';
import { type RunningServer, startServer } from '../server';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const started: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'conflict-map-ops-'));
  dirs.push(d);
  return d;
};
const crashed = (out: string) => /uncaughtException|unhandledRejection|Unhandled 'error' event/i.test(out);

describe('a database that cannot be reached', () => {
  it('answers 503 with Retry-After on the API and a 503 page in the reader’s language, and keeps running', async (ctx) => {
    if (!(await postgresReachable())) return ctx.skip();
    const missing = new URL(ADMIN_URL);
    missing.pathname = '/conflict_map_no_such_database';
    const s = await startServer(3311, { DATABASE_URL: missing.toString(), EDITOR_TOKEN }, { ready: (r) => r.status === 503 });
    started.push(s);
    for (const p of ['/api/incidents', '/api/places', '/api/incidents/idlib-2020-02-20-day-toll', '/api/catalogue']) {
      const res = await fetch(`${s.url}${p}`);
      expect(res.status, p).toBe(503);
      expect(res.headers.get('retry-after'), p).toBeTruthy();
      expect(res.headers.get('content-type'), p).toContain('application/problem+json');
    }
    for (const [p, lang, words] of [
      ['/embed/abcdefghjk', 'fr', 'injoignables'],
      ['/views/abcdefghjk', 'en', 'cannot be reached'],
      ['/embed?title=Idlib', 'en', 'cannot be reached'],
    ] as const) {
      const res = await fetch(`${s.url}${p}`, { headers: { 'accept-language': lang } });
      expect(res.status, p).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(words);
    }
    expect(s.proc.exitCode).toBeNull();
    expect(crashed(s.output())).toBe(false);
  });
});

describe('a database that goes away under a running server', () => {
  it('answers 503 pages that still show the view as it was last drawn, and recovers when it is back', async (ctx) => {
    if (!(await postgresReachable())) return ctx.skip();
    const dbUrl = await freshDatabase('conflict_map_test_gone');
    const s = await startServer(3315, { DATABASE_URL: dbUrl, EDITOR_TOKEN });
    started.push(s);
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` };
    const created = await fetch(`${s.url}/api/views`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: { en: 'Kept' }, lang: 'en' }),
    });
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${s.url}/api/views/${id}/publish`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(200);
    expect((await fetch(`${s.url}/api/views/${id}/static.svg`)).status).toBe(200);

    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query('ALTER DATABASE conflict_map_test_gone RENAME TO conflict_map_test_gone_away').catch(async () => {
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'conflict_map_test_gone'");
        await admin.query('ALTER DATABASE conflict_map_test_gone RENAME TO conflict_map_test_gone_away');
      });
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'conflict_map_test_gone_away'");
      const page = await fetch(`${s.url}/embed/${id}`, { headers: { 'accept-language': 'en' } });
      expect(page.status).toBe(503);
      const html = await page.text();
      expect(html).toContain('cannot be reached');
      expect(html).toContain('The map as it was last drawn');
      expect(html).toMatch(
        /<svg style="display:block;max-width:100%;height:auto" xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*aria-label="Kept"/,
      );
      expect((await fetch(`${s.url}/api/incidents`)).status).toBe(503);
      // back again: the server recovers by itself
      await admin.query('ALTER DATABASE conflict_map_test_gone_away RENAME TO conflict_map_test_gone');
      expect((await fetch(`${s.url}/embed/${id}`)).status).toBe(200);
      expect(s.proc.exitCode).toBeNull();
      expect(crashed(s.output())).toBe(false);
    } finally {
      await admin.query('DROP DATABASE IF EXISTS conflict_map_test_gone_away WITH (FORCE)');
      await admin.end();
    }
  });
});

describe('a database that refuses connections (ALLOW_CONNECTIONS false) and drops those it had', () => {
  it('answers 503 with Retry-After on every API route and a 503 page on the desk’s pages, never 500', async (ctx) => {
    if (!(await postgresReachable())) return ctx.skip();
    const dbUrl = await freshDatabase('conflict_map_test_refusing');
    const s = await startServer(3316, { DATABASE_URL: dbUrl, EDITOR_TOKEN });
    started.push(s);
    const view = (await (
      await fetch(`${s.url}/api/views`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
        body: JSON.stringify({ title: { en: 'Refused' }, lang: 'en' }),
      })
    ).json()) as { id: string };
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query('ALTER DATABASE conflict_map_test_refusing ALLOW_CONNECTIONS false');
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'conflict_map_test_refusing'");
      const day = 'idlib-2020-02-20-day-toll';
      for (const p of [
        '/api/incidents',
        '/api/incidents?fields=brief&bbox=36,35,37,36',
        `/api/incidents/${day}`,
        `/api/incidents/${day}/history`,
        '/api/incidents.geojson',
        '/api/incidents.csv',
        '/api/places',
        '/api/places/qminas',
        '/api/catalogue',
        '/api/histogram',
        '/api/tiles.json',
        '/api/tiles/8/152/101.mvt',
        `/api/views/${view.id}`,
        '/ogc/collections/incidents/items?limit=5',
      ]) {
        const res = await fetch(`${s.url}${p}`, { headers: { authorization: `Bearer ${EDITOR_TOKEN}` } });
        expect(res.status, p).toBe(503);
        expect(res.headers.get('retry-after'), p).toBeTruthy();
      }
      const write = await fetch(`${s.url}/api/views`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
        body: '{"title":{"en":"x"}}',
      });
      expect(write.status).toBe(503);
      for (const [p, lang, words] of [
        ['/editor', 'fr', 'injoignables'],
        ['/editor/accounts', 'en', 'cannot be reached'],
        [`/editor/incidents/${day}`, 'ar', 'تعذّر الوصول'],
        [`/editor/incidents/${day}/edit`, 'en', 'cannot be reached'],
        ['/editor/records', 'en', 'cannot be reached'],
        ['/editor/sign-in', 'en', 'cannot be reached'],
        [`/views/${view.id}/changes`, 'fr', 'injoignables'],
      ] as const) {
        const res = await fetch(`${s.url}${p}`, { headers: { 'accept-language': lang }, redirect: 'manual' });
        expect(res.status, p).toBe(503);
        expect(res.headers.get('retry-after'), p).toBeTruthy();
        const html = await res.text();
        expect(html, p).toContain(`<html lang="${lang}"`);
        expect(html, p).toContain(words);
      }
      expect(s.proc.exitCode).toBeNull();
      expect(crashed(s.output())).toBe(false);
      // allowed again: served again
      await admin.query('ALTER DATABASE conflict_map_test_refusing ALLOW_CONNECTIONS true');
      expect((await fetch(`${s.url}/api/incidents`)).status).toBe(200);
      expect((await fetch(`${s.url}/editor/sign-in?lang=en`)).status).toBe(200);
    } finally {
      await admin.query('ALTER DATABASE conflict_map_test_refusing ALLOW_CONNECTIONS true').catch(() => undefined);
      await admin.end();
    }
  });
});

describe('connections dropped under a running server', () => {
  it('answers 503 or recovers, never 500, and does not crash', async (ctx) => {
    const server = servers.find((x) => x.name === 'postgres');
    if (!server) return ctx.skip();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      const statuses: number[] = [];
      for (let round = 0; round < 3; round++) {
        // every connection the server holds, idle or busy, is cut
        const kill = admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'conflict_map_test_api' AND pid <> pg_backend_pid()",
        );
        const during = await Promise.all(
          ['/api/incidents', '/api/places', '/api/incidents/idlib-2020-02-20-day-toll'].map((p) =>
            fetch(`${server.url}${p}`).then((r) => r.status),
          ),
        );
        await kill;
        statuses.push(...during);
        for (const p of ['/api/incidents', '/api/places']) statuses.push((await fetch(`${server.url}${p}`)).status);
      }
      for (const status of statuses) expect([200, 503]).toContain(status);
      // and it serves again once the database answers
      expect((await fetch(`${server.url}/api/incidents`)).status).toBe(200);
    } finally {
      await admin.end();
    }
  });
});

describe('a restart right after kill -9', () => {
  it('takes over the PGlite directory of the killed server at once, and serves', async () => {
    const dir = tmp();
    const first = await startServer(3312, { PGLITE_DIR: dir });
    first.proc.kill('SIGKILL');
    // restarted within 0.3 s of the kill, without waiting for the old process to be reaped
    await new Promise((r) => setTimeout(r, 100));
    const second = await startServer(3312, { PGLITE_DIR: dir }, { timeoutMs: 60_000 });
    started.push(second);
    expect(second.output()).not.toMatch(/already in use/);
    const res = await fetch(`${second.url}/api/incidents`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { features: unknown[] }).features).toHaveLength(6);
  });
});

describe('failed editor authentication', () => {
  const attempt = (url: string, token: string, address?: string) =>
    fetch(`${url}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(address ? { 'x-forwarded-for': address } : {}) },
      body: JSON.stringify({ title: { en: 'Rate limit' } }),
    });

  it('is limited per client address, which a client cannot choose by sending X-Forwarded-For', async () => {
    const s = await startServer(3313, { PGLITE_DIR: tmp(), EDITOR_TOKEN });
    started.push(s);
    for (let i = 0; i < FAILURES_ALLOWED; i++) expect((await attempt(s.url, 'wrong', `10.0.0.${i}`)).status).toBe(401);
    // every forged address was the same client: locked out, even with the right token, until the window passes
    const locked = await attempt(s.url, EDITOR_TOKEN, '10.0.0.99');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
    expect(s.output()).toMatch(/\[auth\] failed editor authentication from 127\.0\.0\.1 \(10 in the last 60 s\)/);
  });

  it('behind a trusted proxy, counts each client address apart', async () => {
    const s = await startServer(3314, { PGLITE_DIR: tmp(), EDITOR_TOKEN, TRUST_PROXY: '1' });
    started.push(s);
    for (let i = 0; i < FAILURES_ALLOWED; i++) expect((await attempt(s.url, 'wrong', '203.0.113.7')).status).toBe(401);
    expect((await attempt(s.url, 'wrong', '203.0.113.7')).status).toBe(429);
    expect((await attempt(s.url, EDITOR_TOKEN, '203.0.113.7')).status).toBe(429);
    // another reader behind the same proxy is not locked out
    expect((await attempt(s.url, 'wrong', '198.51.100.2')).status).toBe(401);
    // the proxy's forwarded host and protocol are believed, so the links handed out follow them
    const created = await fetch(`${s.url}/api/views`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${EDITOR_TOKEN}`,
        'x-forwarded-for': '198.51.100.2',
        'x-forwarded-host': 'maps.example',
        'x-forwarded-proto': 'https',
      },
      body: JSON.stringify({ title: { en: 'Behind a proxy' } }),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { links: { embed: string } }).links.embed).toMatch(/^https:\/\/maps\.example\/embed\/[a-z2-9]{10}$/);
  });
});
