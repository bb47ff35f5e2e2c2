/**
 * Accounts managed over real HTTP by administrators, on PGlite and on PostgreSQL (each engine a
 * server and a store of its own): an editor's session is refused (403), an administrator's adds
 * an account whose one-time password signs in, gives a new one (the old one and its sessions
 * stop working), disables an account (it can no longer sign in), but not its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/passwords';
import { addEditor } from '@/lib/db/editors';
import { migrate } from '@/lib/db/migrate';
import { openStore, type StoreConfig } from '@/lib/db/store';
import { freshDatabase, requirePostgres } from '../pg';
import { type RunningServer, startServer } from '../server';

const PASSWORD = 'an administrator passphrase';
const TOKEN = 'accounts-api-token';
let addresses = 0;
const newAddress = () => `198.51.100.${++addresses}`;

async function withAccounts(config: StoreConfig) {
  const db = await openStore(config);
  try {
    await migrate(db);
    const hash = await hashPassword(PASSWORD);
    await addEditor(db, { name: 'amal', role: 'admin', passwordHash: hash, oneTime: false });
    await addEditor(db, { name: 'basil', role: 'editor', passwordHash: hash, oneTime: false });
  } finally {
    await db.close();
  }
}

const engines = [
  {
    name: 'PGlite',
    port: 3330,
    env: async (): Promise<Record<string, string> | null> => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accounts-api-'));
      await withAccounts({ pgliteDir: dir });
      return { PGLITE_DIR: dir };
    },
  },
  {
    name: 'PostgreSQL',
    port: 3331,
    env: async (): Promise<Record<string, string> | null> => {
      if (!(await requirePostgres())) return null;
      const url = await freshDatabase('conflict_map_test_accounts_api');
      await withAccounts({ databaseUrl: url, pgliteDir: '' });
      return { DATABASE_URL: url };
    },
  },
];

for (const engine of engines)
  describe(`accounts over HTTP, on ${engine.name}`, () => {
    let server: RunningServer | null = null;
    let env: Record<string, string> | null = null;
    beforeAll(async () => {
      env = await engine.env();
      if (env) server = await startServer(engine.port, { ...env, EDITOR_TOKEN: TOKEN, TRUST_PROXY: '1' });
    });
    afterAll(async () => {
      await server?.stop();
      if (env?.PGLITE_DIR) fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
    });

    const signIn = async (name: string, password: string) => {
      const res = await fetch(`${server?.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': newAddress() },
        body: JSON.stringify({ name, password }),
      });
      if (res.status !== 200) return { status: res.status, headers: {} as Record<string, string> };
      const cookie = `cm_session=${/^cm_session=([^;]*)/.exec(res.headers.getSetCookie()[0] ?? '')?.[1]}`;
      const { csrf } = (await res.json()) as { csrf: string };
      return { status: 200, headers: { cookie, 'x-csrf-token': csrf, origin: server?.url ?? '' } as Record<string, string> };
    };
    const post = (p: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${server?.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it('refuses anyone but an administrator or the service token', async ({ skip }) => {
      if (!server) return skip();
      expect((await post('/api/editors', {}, { name: 'x-anon', role: 'editor' })).status).toBe(401);
      const basil = await signIn('basil', PASSWORD);
      const refused = await post('/api/editors', basil.headers, { name: 'x-by-editor', role: 'editor' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { type: string }).type).toBe('/problems/admin-only');
      expect((await post('/api/editors/amal/disable', basil.headers)).status).toBe(403);
      expect((await post('/api/editors', { authorization: `Bearer ${TOKEN}` }, { name: 'by-script', role: 'editor' })).status).toBe(201);
    });

    it('adds an account whose one-time password signs in; a new one replaces it and ends its sessions; disabled, it cannot sign in', async ({
      skip,
    }) => {
      if (!server) return skip();
      const amal = await signIn('amal', PASSWORD);
      expect(amal.status).toBe(200);
      const added = await post('/api/editors', amal.headers, { name: 'chadi', role: 'editor' });
      expect(added.status).toBe(201);
      const { editor, password } = (await added.json()) as { editor: { name: string; role: string }; password: string };
      expect(editor).toMatchObject({ name: 'chadi', role: 'editor' });
      expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(added.headers.get('cache-control')).toContain('no-store');
      const chadi = await signIn('chadi', password);
      expect(chadi.status).toBe(200);
      // the name is taken whatever its case; a name that is no name is refused
      expect((await post('/api/editors', amal.headers, { name: 'CHADI', role: 'admin' })).status).toBe(409);
      expect((await post('/api/editors', amal.headers, { name: 'no spaces', role: 'editor' })).status).toBe(422);
      expect((await post('/api/editors', amal.headers, { name: 'dana', role: 'owner' })).status).toBe(422);

      await new Promise((r) => setTimeout(r, 1100)); // a new password is set in a later second than the session began
      const reset = await post('/api/editors/chadi/password', amal.headers);
      expect(reset.status).toBe(200);
      const fresh = ((await reset.json()) as { password: string }).password;
      expect(fresh).not.toBe(password);
      expect((await signIn('chadi', password)).status).toBe(401);
      expect((await signIn('chadi', fresh)).status).toBe(200);
      const old = (await (await fetch(`${server.url}/api/session`, { headers: { cookie: chadi.headers.cookie ?? '' } })).json()) as {
        editor: unknown;
      };
      expect(old.editor).toBeNull();

      expect((await post('/api/editors/chadi/disable', amal.headers)).status).toBe(200);
      expect((await signIn('chadi', fresh)).status).toBe(401);
      expect((await post('/api/editors/no-such-editor/disable', amal.headers)).status).toBe(404);
      const own = await post('/api/editors/amal/disable', amal.headers);
      expect(own.status).toBe(409);
      expect(((await own.json()) as { type: string }).type).toBe('/problems/own-account');
    });
  });
