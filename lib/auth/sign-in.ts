/**
 * Signing an editor in: the limits on failed attempts first (lib/db/sessions.ts), then the
 * password, checked in the same time whether or not the account exists (an unknown or disabled
 * name is checked against a throwaway hash), then a new session.
 */
import 'server-only';
import { type Editor, EDITOR_NAME, editorCredentials } from '../db/editors';
import { clearSignInFailures, createSession, recordSignInFailure, signInWait } from '../db/sessions';
import type { Db } from '../db/store';
import { hashPassword, MAX_PASSWORD, oneTimePassword, verifyPassword } from './passwords';
import { csrfToken, newSessionToken, sessionId } from './session';

type Q = Pick<Db, 'query'>;

export type SignIn =
  | {
      ok: true;
      token: string;
      csrf: string;
      editor: Pick<Editor, 'name' | 'role'>;
      expiresAt: string;
      /** signed in with a one-time password, to be changed before anything else */
      mustChangePassword: boolean;
    }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'limited'; wait: number };

let throwaway: Promise<string> | null = null;
/** A hash no password matches, made once, to spend the same time on names that are no account. */
const throwawayHash = () => {
  throwaway ??= hashPassword(`${oneTimePassword()}${oneTimePassword()}`);
  return throwaway;
};

export async function signIn(db: Q, { name, password, address }: { name: string; password: string; address: string }): Promise<SignIn> {
  // what is counted and looked up: a name cut to the longest an account can have
  const key = name.trim().slice(0, 64);
  const where = address.slice(0, 100);
  const wait = await signInWait(db, key, where);
  if (wait !== null) return { ok: false, reason: 'limited', wait };
  const account = EDITOR_NAME.test(key) ? await editorCredentials(db, key) : null;
  const matches = password.length <= MAX_PASSWORD && (await verifyPassword(password, account?.passwordHash ?? (await throwawayHash())));
  if (!account || !matches || account.disabledAt) {
    await recordSignInFailure(db, key, where);
    return { ok: false, reason: 'invalid' };
  }
  await clearSignInFailures(db, key, where);
  return startSession(db, account, where);
}

/** A new session for an account whose credentials have been checked (by signIn, or by the setup link). */
export async function startSession(db: Q, account: Editor, address: string): Promise<Extract<SignIn, { ok: true }>> {
  const token = newSessionToken();
  const { expiresAt } = await createSession(db, { id: sessionId(token), editorId: account.id, address: address.slice(0, 100) });
  return {
    ok: true,
    token,
    csrf: csrfToken(token),
    editor: { name: account.name, role: account.role },
    expiresAt,
    mustChangePassword: account.mustChangePassword,
  };
}
