/**
 * Editor accounts (migration 13): a name, a role, a scrypt password hash (lib/auth/passwords),
 * and whether the account is disabled. Names are unique whatever their case.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;

export const ROLES = ['editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A name: a letter or digit, then letters, digits, dots, hyphens and underscores; 64 at most. */
export const EDITOR_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface Editor {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  passwordSetAt: string;
  disabledAt: string | null;
  /** the password was made for the editor (a one-time password): they must choose their own before anything else */
  mustChangePassword: boolean;
}

interface EditorRow {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  password_set_at: string;
  disabled_at: string | null;
  must_change_password: boolean;
}
const COLUMNS = `id, name, role, must_change_password, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
  to_char(password_set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS password_set_at,
  to_char(disabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS disabled_at`;
const toEditor = (r: EditorRow): Editor => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  passwordSetAt: r.password_set_at,
  disabledAt: r.disabled_at,
  mustChangePassword: r.must_change_password,
});

export class EditorExistsError extends Error {
  constructor(name: string) {
    super(`an editor named ${name} already exists (names are unique whatever their case)`);
    this.name = 'EditorExistsError';
  }
}

/**
 * Adds an account; EditorExistsError when the name (in any case) is taken. `oneTime`: the password
 * was made for the editor, who must change it at first sign-in.
 */
export async function addEditor(
  db: Q,
  { name, role, passwordHash, oneTime }: { name: string; role: Role; passwordHash: string; oneTime: boolean },
): Promise<Editor> {
  if (!EDITOR_NAME.test(name))
    throw new RangeError(`editor name: ${JSON.stringify(name)} is not a name (letters, digits, . _ -; 64 at most)`);
  const [taken] = await db.query<{ id: string }>('SELECT id FROM editors WHERE lower(name) = lower($1)', [name]);
  if (taken) throw new EditorExistsError(name);
  // the unique index decides when two adds of one name race past the check above
  const [row] = await db
    .query<EditorRow>(
      `INSERT INTO editors (id, name, role, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [randomUUID(), name, role, passwordHash, oneTime],
    )
    .catch((e: unknown) => {
      throw (e as { code?: string }).code === '23505' ? new EditorExistsError(name) : e;
    });
  if (!row) throw new Error('the new editor was not returned');
  return toEditor(row);
}

/** The account of that name (any case), or null. */
export async function findEditor(db: Q, name: string): Promise<Editor | null> {
  const [row] = await db.query<EditorRow>(`SELECT ${COLUMNS} FROM editors WHERE lower(name) = lower($1)`, [name]);
  return row ? toEditor(row) : null;
}

/** The account and its password hash, for signing in; null when there is none. */
export async function editorCredentials(db: Q, name: string): Promise<(Editor & { passwordHash: string }) | null> {
  const [row] = await db.query<EditorRow & { password_hash: string }>(
    `SELECT ${COLUMNS}, password_hash FROM editors WHERE lower(name) = lower($1)`,
    [name],
  );
  return row ? { ...toEditor(row), passwordHash: row.password_hash } : null;
}

/** Every account, by name. */
export async function listEditors(db: Q): Promise<Editor[]> {
  return (await db.query<EditorRow>(`SELECT ${COLUMNS} FROM editors ORDER BY lower(name), id`)).map(toEditor);
}

/**
 * Sets a new password hash (and enables the account again); false when there is no such account.
 * `oneTime`: made for the editor by someone else, to be changed at their next sign-in.
 */
export async function setEditorPassword(db: Q, name: string, passwordHash: string, { oneTime }: { oneTime: boolean }): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE editors SET password_hash = $2, password_set_at = now(), disabled_at = NULL, must_change_password = $3
     WHERE lower(name) = lower($1) RETURNING id`,
    [name, passwordHash, oneTime],
  );
  return rows.length > 0;
}

/** Disables an account (it can no longer sign in); false when there is no such account. */
export async function disableEditor(db: Q, name: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'UPDATE editors SET disabled_at = coalesce(disabled_at, now()) WHERE lower(name) = lower($1) RETURNING id',
    [name],
  );
  return rows.length > 0;
}

/** Whether any account exists (none: the first administrator is made with the setup link). */
export async function anyEditor(db: Q): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM editors) AS any');
  return Boolean(row?.any);
}
