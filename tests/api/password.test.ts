/**
 * An editor changes their own password over real HTTP (PGlite; the store's part is the same SQL
 * on PostgreSQL and tested there by tests/unit/sessions.test.ts): only with the session and its
 * CSRF token; a wrong current password or a short new one is refused (422) and nothing changes;
 * once changed, the old password and the editor's other sessions stop working, and this session
 * goes on under new cookies.
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

const OLD = 'the first passphrase';
const NEW = 'a second, longer passphrase';
let addresses = 0;
const newAddress = () => `203.0.113.${++addresses}`;

describe('an editor’s own password, over HTTP', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'password-api-'));
    const db = await openStore({ pgliteDir: dir });
    await migrate(db);
    await addEditor(db, { name: 'hiba', role: 'editor', passwordHash: await hashPassword(OLD), oneTime: false });
    await db.close();
    server = await startServer(3332, { PGLITE_DIR: dir, TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (password: string) => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': newAddress() },
      body: JSON.stringify({ name: 'hiba', password }),
    });
    if (res.status !== 200) return null;
    const cookie = `cm_session=${/^cm_session=([^;]*)/.exec(res.headers.getSetCookie()[0] ?? '')?.[1]}`;
    return { cookie, csrf: ((await res.json()) as { csrf: string }).csrf };
  };
  const change = (s: { cookie: string; csrf: string } | null, body: unknown, csrf = s?.csrf ?? '') =>
    fetch(`${server.url}/api/session/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s?.cookie ?? '', 'x-csrf-token': csrf, 'x-forwarded-for': newAddress() },
      body: JSON.stringify(body),
    });
  const who = async (cookie: string) =>
    ((await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as { editor: { name: string } | null }).editor;

  it('refuses without a session, without its CSRF token, with a wrong current password or a short new one', async () => {
    expect((await change(null, { current: OLD, next: NEW })).status).toBe(401);
    const s = await signIn(OLD);
    expect(s).not.toBeNull();
    expect((await change(s, { current: OLD, next: NEW }, 'not-the-token')).status).toBe(403);
    const wrong = await change(s, { current: 'not the passphrase', next: NEW });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe('current');
    const short = await change(s, { current: OLD, next: 'too short' });
    expect(short.status).toBe(422);
    expect(((await short.json()) as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe('next');
    // nothing changed
    expect(await signIn(OLD)).not.toBeNull();
  });

  it('changes it: the old password and the other sessions stop working, this one goes on under new cookies', async () => {
    const here = await signIn(OLD);
    const elsewhere = await signIn(OLD);
    if (!here || !elsewhere) throw new Error('signed in twice');
    await new Promise((r) => setTimeout(r, 1100)); // the new password is set in a later second than the sessions began
    const res = await change(here, { current: OLD, next: NEW });
    expect(res.status, await res.clone().text()).toBe(200);
    const renewed = `cm_session=${/^cm_session=([^;]*)/.exec(res.headers.getSetCookie()[0] ?? '')?.[1]}`;
    expect(renewed).not.toBe(here.cookie);
    expect(((await res.json()) as { csrf: string }).csrf).not.toBe(here.csrf);
    expect(await who(renewed)).toMatchObject({ name: 'hiba' });
    expect(await who(here.cookie)).toBeNull();
    expect(await who(elsewhere.cookie)).toBeNull();
    expect(await signIn(OLD)).toBeNull();
    expect(await signIn(NEW)).not.toBeNull();
  });
});
