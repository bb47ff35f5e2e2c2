/**
 * `npm run editor`: accounts added, reset, disabled and listed in a real store, on PGlite and on
 * PostgreSQL, by the script run as its own process (as an operator runs it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/passwords';
import { openStore, type StoreConfig } from '@/lib/db/store';
import { freshDatabase, requirePostgres } from '../pg';

const ROOT = path.resolve(import.meta.dirname, '../..');

function editor(env: Record<string, string>, args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/editor.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PGLITE_DIR: '', DATABASE_URL: '', ...env },
    // a pipe even when nothing is given: the script then reads an empty input and makes a one-time password
    input: stdin ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

async function stored(config: StoreConfig, name: string) {
  const db = await openStore(config);
  try {
    const [row] = await db.query<{
      name: string;
      role: string;
      password_hash: string;
      disabled_at: string | null;
      must_change_password: boolean;
    }>('SELECT name, role, password_hash, disabled_at, must_change_password FROM editors WHERE lower(name) = lower($1)', [name]);
    return row ?? null;
  } finally {
    await db.close();
  }
}

const engines: { name: string; env: () => Promise<Record<string, string> | null>; config: (env: Record<string, string>) => StoreConfig }[] =
  [
    {
      name: 'PGlite',
      env: async () => ({ PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'editor-cli-')) }),
      config: (env) => ({ pgliteDir: env.PGLITE_DIR! }),
    },
    {
      name: 'PostgreSQL',
      env: async () => ((await requirePostgres()) ? { DATABASE_URL: await freshDatabase('conflict_map_test_editors') } : null),
      config: (env) => ({ databaseUrl: env.DATABASE_URL!, pgliteDir: '' }),
    },
  ];

for (const engine of engines)
  describe(`npm run editor, on ${engine.name}`, () => {
    let env: Record<string, string> | null = null;
    beforeAll(async () => {
      env = await engine.env();
    });
    afterAll(() => {
      if (env?.PGLITE_DIR) fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
    });

    it('adds an editor with a piped password, stored only as a scrypt hash', async ({ skip }) => {
      if (!env) return skip();
      const r = editor(env, ['add', 'Ana'], 'a long enough password\n');
      expect(r.err).toBe('');
      expect(r.status).toBe(0);
      expect(r.out).toContain('added Ana (editor)');
      expect(r.out).not.toContain('one-time');
      const row = await stored(engine.config(env), 'ana');
      // a password the operator chose and piped is not a one-time one
      expect(row).toMatchObject({ name: 'Ana', role: 'editor', disabled_at: null, must_change_password: false });
      expect(row!.password_hash).toMatch(/^scrypt\$/);
      expect(row!.password_hash).not.toContain('long enough');
      expect(await verifyPassword('a long enough password', row!.password_hash)).toBe(true);
    });

    it('adds an admin with a one-time password printed once, to be changed at first sign-in', async ({ skip }) => {
      if (!env) return skip();
      const r = editor(env, ['add', 'bashir', '--role', 'admin']);
      expect(r.status).toBe(0);
      const given = /one-time password: (\S+)/.exec(r.out)?.[1];
      expect(given).toBeTruthy();
      const row = await stored(engine.config(env), 'bashir');
      expect(row!.role).toBe('admin');
      expect(row!.must_change_password).toBe(true);
      expect(await verifyPassword(given!, row!.password_hash)).toBe(true);
    });

    it('refuses a name taken in another case, a malformed name, a short password and an unknown role', async ({ skip }) => {
      if (!env) return skip();
      const taken = editor(env, ['add', 'ANA'], 'another long password');
      expect(taken.status).toBe(1);
      expect(taken.err).toMatch(/already exists/);
      const bad = editor(env, ['add', 'ana maria'], 'another long password');
      expect(bad.status).toBe(1);
      expect(bad.err).toMatch(/is not a name/);
      const short = editor(env, ['add', 'carla'], 'short');
      expect(short.status).toBe(1);
      expect(short.err).toMatch(/at least 12 characters/);
      expect(editor(env, ['add', 'carla', '--role', 'owner']).err).toMatch(/not a role/);
      expect(await stored(engine.config(env), 'carla')).toBeNull();
      expect(editor(env, ['frobnicate', 'x']).status).toBe(1);
    });

    it('disables an account and a reset enables it with a new password; list says which is which', async ({ skip }) => {
      if (!env) return skip();
      expect(editor(env, ['disable', 'ana']).status).toBe(0);
      expect((await stored(engine.config(env), 'ana'))!.disabled_at).not.toBeNull();
      const listed = editor(env, ['list']).out.split('\n');
      expect(listed.find((l) => l.startsWith('Ana\t'))).toMatch(/\tdisabled /);
      expect(listed.find((l) => l.startsWith('bashir\t'))).toMatch(/\tadmin\tactive/);

      expect(editor(env, ['reset', 'ana'], 'a brand new password').status).toBe(0);
      const row = await stored(engine.config(env), 'ana');
      expect(row!.disabled_at).toBeNull();
      expect(await verifyPassword('a brand new password', row!.password_hash)).toBe(true);
      expect(await verifyPassword('a long enough password', row!.password_hash)).toBe(false);

      const unknown = editor(env, ['reset', 'nobody'], 'a brand new password');
      expect(unknown.status).toBe(1);
      expect(unknown.err).toMatch(/no editor named nobody/);
    });
  });
