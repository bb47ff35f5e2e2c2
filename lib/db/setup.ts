/**
 * The link that makes the first administrator (migration 19). While no account exists, each start
 * of the server replaces it (lib/auth/setup.ts prints it); it makes one administrator, once, and
 * is gone. Only the SHA-256 of its token is kept.
 */
import 'server-only';
import { addEditor, type Editor } from './editors';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;

/** Forgets every earlier link and keeps this one (its token's hash). */
export async function replaceSetupLink(db: Pick<Db, 'transaction'>, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM setup_links');
    await tx.query('INSERT INTO setup_links (token_hash) VALUES ($1)', [tokenHash]);
  });
}

/** Forgets any link (accounts exist: none is needed). */
export async function dropSetupLinks(db: Q): Promise<void> {
  await db.query('DELETE FROM setup_links');
}

export type SetupLinkState = 'open' | 'unknown' | 'used';

/** Whether a link can still make the first administrator: `used` once any account exists. */
export async function setupLinkState(db: Q, tokenHash: string): Promise<SetupLinkState> {
  const [row] = await db.query<{ known: boolean; accounts: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM setup_links WHERE token_hash = $1) AS known, EXISTS (SELECT 1 FROM editors) AS accounts`,
    [tokenHash],
  );
  if (row?.accounts) return 'used';
  return row?.known ? 'open' : 'unknown';
}

/**
 * The first administrator, made with the link: in one transaction, the link is taken (a second
 * request with it finds none) and the account added, unless an account already exists.
 */
export async function makeFirstAdmin(
  db: Pick<Db, 'transaction'>,
  { tokenHash, name, passwordHash }: { tokenHash: string; name: string; passwordHash: string },
): Promise<{ ok: true; editor: Editor } | { ok: false; reason: Exclude<SetupLinkState, 'open'> }> {
  return db.transaction(async (tx) => {
    const taken = await tx.query<{ token_hash: string }>('DELETE FROM setup_links WHERE token_hash = $1 RETURNING token_hash', [tokenHash]);
    const [accounts] = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM editors) AS any');
    if (accounts?.any) return { ok: false, reason: 'used' } as const;
    if (!taken.length) return { ok: false, reason: 'unknown' } as const;
    await tx.query('DELETE FROM setup_links');
    const editor = await addEditor(tx, { name, role: 'admin', passwordHash, oneTime: false });
    return { ok: true, editor } as const;
  });
}
