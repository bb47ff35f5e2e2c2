/**
 * Editors' sessions and the limits on failed sign-ins, in a real store on both engines:
 * what makes a session stop counting (signed out, expired, idle, account disabled, password
 * reset), and when sign-ins are refused without the password being looked at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/passwords';
import { csrfToken, sessionId } from '@/lib/auth/session';
import { signIn } from '@/lib/auth/sign-in';
import { addEditor, disableEditor, setEditorPassword } from '@/lib/db/editors';
import { migrate } from '@/lib/db/migrate';
import { endSession, LIMITS, sessionEditor, signInWait } from '@/lib/db/sessions';
import { type Db, openStore } from '@/lib/db/store';
import { freshDatabase, requirePostgres } from '../pg';

const PASSWORD = 'correct horse battery';

const engines: { name: string; open: () => Promise<Db | null>; cleanup?: () => void }[] = (() => {
  let dir = '';
  return [
    {
      name: 'PGlite',
      open: async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-'));
        return openStore({ pgliteDir: dir });
      },
      cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    },
    {
      name: 'PostgreSQL',
      open: async () =>
        (await requirePostgres()) ? openStore({ databaseUrl: await freshDatabase('conflict_map_test_sessions'), pgliteDir: '' }) : null,
    },
  ];
})();

for (const engine of engines)
  describe(`editor sessions, on ${engine.name}`, () => {
    let db: Db | null = null;
    beforeAll(async () => {
      db = await engine.open();
      if (!db) return;
      await migrate(db);
      const hash = await hashPassword(PASSWORD);
      for (const name of ['Alice', 'bob', 'carla', 'dina', 'emil'])
        await addEditor(db, { name, role: name === 'Alice' ? 'admin' : 'editor', passwordHash: hash, oneTime: false });
    });
    afterAll(async () => {
      await db?.close();
      engine.cleanup?.();
    });

    const signedIn = async (name: string, address = '10.0.0.1') => {
      const r = await signIn(db!, { name, password: PASSWORD, address });
      if (!r.ok) throw new Error(`${name} could not sign in: ${r.reason}`);
      return r;
    };

    it('signs in with the right password (any case of the name), keeping only the token’s hash', async ({ skip }) => {
      if (!db) return skip();
      const r = await signedIn('alice');
      expect(r.editor).toEqual({ name: 'Alice', role: 'admin' });
      expect(r.token).toMatch(/^[\w-]{43}$/);
      expect(r.csrf).toBe(csrfToken(r.token));
      const rows = await db.query<{ id: string }>('SELECT id FROM editor_sessions');
      expect(rows.map((x) => x.id)).toContain(sessionId(r.token));
      expect(JSON.stringify(rows)).not.toContain(r.token);
      expect(await sessionEditor(db, sessionId(r.token))).toMatchObject({ name: 'Alice', role: 'admin', expiresAt: r.expiresAt });
      // twelve hours from now, give or take the test's own run
      const hours = (Date.parse(r.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(11.9);
      expect(hours).toBeLessThanOrEqual(12);
    });

    it('refuses a wrong password and a name that is no account alike', async ({ skip }) => {
      if (!db) return skip();
      expect(await signIn(db, { name: 'Alice', password: 'not the password', address: '10.0.0.2' })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(await signIn(db, { name: 'nobody', password: PASSWORD, address: '10.0.0.2' })).toEqual({ ok: false, reason: 'invalid' });
      expect(await signIn(db, { name: "'; DROP TABLE editors; --", password: PASSWORD, address: '10.0.0.2' })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    });

    it('stops counting a session once signed out, expired, idle for two hours, its account disabled, or its password reset', async ({
      skip,
    }) => {
      if (!db) return skip();
      const out = await signedIn('bob');
      expect(await endSession(db, sessionId(out.token))).toBe(true);
      expect(await sessionEditor(db, sessionId(out.token))).toBeNull();
      expect(await endSession(db, sessionId(out.token))).toBe(false);

      const expired = await signedIn('bob');
      await db.query("UPDATE editor_sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [sessionId(expired.token)]);
      expect(await sessionEditor(db, sessionId(expired.token))).toBeNull();

      const idle = await signedIn('bob');
      await db.query("UPDATE editor_sessions SET last_seen_at = now() - interval '121 minutes' WHERE id = $1", [sessionId(idle.token)]);
      expect(await sessionEditor(db, sessionId(idle.token))).toBeNull();
      // used within the two hours: counts, and the use is noted
      const used = await signedIn('bob');
      await db.query("UPDATE editor_sessions SET last_seen_at = now() - interval '119 minutes' WHERE id = $1", [sessionId(used.token)]);
      expect(await sessionEditor(db, sessionId(used.token))).not.toBeNull();
      const [seen] = await db.query<{ fresh: boolean }>(
        "SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM editor_sessions WHERE id = $1",
        [sessionId(used.token)],
      );
      expect(seen?.fresh).toBe(true);

      const disabled = await signedIn('carla');
      await disableEditor(db, 'carla');
      expect(await sessionEditor(db, sessionId(disabled.token))).toBeNull();
      expect((await signIn(db, { name: 'carla', password: PASSWORD, address: '10.0.0.3' })).ok).toBe(false);

      const before = await signedIn('dina');
      // the reset's time must come after the session's start for it to count as later
      await db.query("UPDATE editor_sessions SET created_at = now() - interval '1 second' WHERE id = $1", [sessionId(before.token)]);
      await setEditorPassword(db, 'dina', await hashPassword('a brand new password'), { oneTime: false });
      expect(await sessionEditor(db, sessionId(before.token))).toBeNull();
      const after = await signIn(db, { name: 'dina', password: 'a brand new password', address: '10.0.0.3' });
      expect(after.ok && (await sessionEditor(db, sessionId(after.token)))?.name).toBe('dina');
    });

    it('refuses sign-ins past the limits per account and address and per address, saying for how long', async ({ skip }) => {
      if (!db) return skip();
      const at = '10.0.1.1';
      for (let i = 0; i < LIMITS.accountAddress; i++)
        expect((await signIn(db, { name: 'emil', password: `wrong ${i}`, address: at })).ok).toBe(false);
      // now even the right password is not looked at, from that address
      const refused = await signIn(db, { name: 'emil', password: PASSWORD, address: at });
      expect(refused).toMatchObject({ ok: false, reason: 'limited' });
      const wait = refused.ok ? 0 : 'wait' in refused ? refused.wait : 0;
      expect(wait).toBeGreaterThan(14 * 60);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      // the same account from elsewhere, and another account from there, are not held up
      expect((await signIn(db, { name: 'emil', password: PASSWORD, address: '10.0.1.2' })).ok).toBe(true);
      expect(await signInWait(db, 'Alice', at)).toBeNull();
      // one address trying many names
      const guesser = '10.0.2.1';
      for (let i = 0; i < LIMITS.address; i++) await signIn(db, { name: `guess${i}`, password: 'x', address: guesser });
      expect(await signIn(db, { name: 'Alice', password: PASSWORD, address: guesser })).toMatchObject({ ok: false, reason: 'limited' });
      // failures older than the window no longer count
      await db.query("UPDATE sign_in_failures SET at = now() - interval '16 minutes' WHERE address = $1", [at]);
      expect((await signIn(db, { name: 'emil', password: PASSWORD, address: at })).ok).toBe(true);
    });
  });
