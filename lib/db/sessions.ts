/**
 * Editors' sessions and failed sign-ins (migration 14).
 *
 * A session row is keyed by the SHA-256 of the cookie's token (lib/auth/session.ts): whoever
 * reads the table cannot sign in with what it holds. A session counts while it has not been
 * ended, its absolute lifetime (SESSION_HOURS) has not run out, it has been used within
 * IDLE_MINUTES, its editor is not disabled, and the editor's password has not been set since
 * it began (a reset ends every earlier session without touching this table).
 *
 * Failed sign-ins are counted over the last FAILURE_WINDOW_MINUTES per account and address,
 * per address and per account (LIMITS); past any limit a sign-in is refused without its
 * password being looked at, until the oldest failure counted leaves the window.
 */
import 'server-only';
import type { Role } from './editors';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;

export const SESSION_HOURS = 12;
export const IDLE_MINUTES = 120;
/** how stale last_seen_at may get before a request writes it again (one write a minute at most) */
const TOUCH_AFTER_SECONDS = 60;

export const FAILURE_WINDOW_MINUTES = 15;
export const LIMITS = {
  /** one account from one address: a person mistyping, or a guesser */
  accountAddress: 5,
  /** one address, any accounts: a guesser trying names */
  address: 20,
  /** one account, any addresses: a spread-out guesser (higher, so one address cannot lock an editor out) */
  account: 50,
} as const;

export interface SessionEditor {
  sessionId: string;
  editorId: string;
  name: string;
  role: Role;
  expiresAt: string;
  /** signed in with a one-time password: nothing but choosing their own is allowed yet */
  mustChangePassword: boolean;
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Records a new session for the editor; its absolute end. */
export async function createSession(db: Q, { id, editorId, address }: { id: string; editorId: string; address: string }) {
  // sessions long over are forgotten as new ones begin
  await db.query("DELETE FROM editor_sessions WHERE expires_at < now() - interval '30 days'");
  const [row] = await db.query<{ expires_at: string }>(
    `INSERT INTO editor_sessions (id, editor_id, expires_at, address) VALUES ($1, $2, now() + make_interval(hours => $3), $4)
     RETURNING ${ISO('expires_at')} AS expires_at`,
    [id, editorId, SESSION_HOURS, address],
  );
  if (!row) throw new Error('the new session was not returned');
  return { expiresAt: row.expires_at };
}

/** The editor a session belongs to while it counts (see above), else null; notes that it was used. */
export async function sessionEditor(db: Q, id: string): Promise<SessionEditor | null> {
  const [row] = await db.query<{
    editor_id: string;
    name: string;
    role: Role;
    expires_at: string;
    stale: boolean;
    must_change_password: boolean;
  }>(
    `SELECT s.editor_id, e.name, e.role, ${ISO('s.expires_at')} AS expires_at, e.must_change_password,
       s.last_seen_at < now() - make_interval(secs => $3) AS stale
     FROM editor_sessions s JOIN editors e ON e.id = s.editor_id
     WHERE s.id = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)
       AND e.disabled_at IS NULL AND s.created_at >= e.password_set_at`,
    [id, IDLE_MINUTES, TOUCH_AFTER_SECONDS],
  );
  if (!row) return null;
  if (row.stale) await db.query('UPDATE editor_sessions SET last_seen_at = now() WHERE id = $1', [id]);
  return {
    sessionId: id,
    editorId: row.editor_id,
    name: row.name,
    role: row.role,
    expiresAt: row.expires_at,
    mustChangePassword: row.must_change_password,
  };
}

/** Ends a session (signing out); false when it had already ended or never was. */
export async function endSession(db: Q, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'UPDATE editor_sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL RETURNING id',
    [id],
  );
  return rows.length > 0;
}

/** Seconds until a sign-in to `name` from `address` may be tried again, or null when it may be now. */
export async function signInWait(db: Q, name: string, address: string): Promise<number | null> {
  const [row] = await db.query<{ pair: number; addr: number; acct: number; pair_wait: number; addr_wait: number; acct_wait: number }>(
    `SELECT
       count(*) FILTER (WHERE name = $1 AND address = $2)::int AS pair,
       count(*) FILTER (WHERE address = $2)::int AS addr,
       count(*) FILTER (WHERE name = $1)::int AS acct,
       ceil(extract(epoch FROM min(at) FILTER (WHERE name = $1 AND address = $2) + make_interval(mins => $3) - now()))::int AS pair_wait,
       ceil(extract(epoch FROM min(at) FILTER (WHERE address = $2) + make_interval(mins => $3) - now()))::int AS addr_wait,
       ceil(extract(epoch FROM min(at) FILTER (WHERE name = $1) + make_interval(mins => $3) - now()))::int AS acct_wait
     FROM sign_in_failures
     WHERE (name = $1 OR address = $2) AND at > now() - make_interval(mins => $3)`,
    [name.toLowerCase(), address, FAILURE_WINDOW_MINUTES],
  );
  if (!row) return null;
  const waits = [
    row.pair >= LIMITS.accountAddress ? row.pair_wait : null,
    row.addr >= LIMITS.address ? row.addr_wait : null,
    row.acct >= LIMITS.account ? row.acct_wait : null,
  ].filter((w): w is number => w !== null);
  return waits.length ? Math.max(1, ...waits) : null;
}

export async function recordSignInFailure(db: Q, name: string, address: string): Promise<void> {
  await db.query("DELETE FROM sign_in_failures WHERE at < now() - interval '1 day' AND (name = $1 OR address = $2)", [
    name.toLowerCase(),
    address,
  ]);
  await db.query('INSERT INTO sign_in_failures (name, address) VALUES ($1, $2)', [name.toLowerCase(), address]);
}

/** A successful sign-in forgets that account's failures from that address (not the others'). */
export async function clearSignInFailures(db: Q, name: string, address: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE name = $1 AND address = $2', [name.toLowerCase(), address]);
}
