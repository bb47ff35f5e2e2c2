/**
 * Editors' passwords, hashed with scrypt (Node's own crypto, a maintained implementation of RFC
 * 7914): memory-hard, so a stolen table costs an attacker memory as well as time per guess.
 *
 * Parameters: N = 2^15, r = 8, p = 3, one of the equivalent settings OWASP's password storage
 * cheat sheet lists for scrypt (as strong as N = 2^17, p = 1, in 32 MiB instead of 128, so that a
 * few sign-ins at once do not strain a small server); a 16-byte random salt per password; a
 * 32-byte key. They are stored with the hash
 * (`scrypt$15$8$3$<salt>$<key>`, base64url), so they can be raised later and old hashes still
 * verify (and are rehashed at the next sign-in: `needsRehash`).
 */
import 'server-only';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const SCRYPT = { logN: 15, r: 8, p: 3, keyLength: 32, saltLength: 16 } as const;

/** Passwords shorter than this are refused; longer than MAX_PASSWORD too (scrypt reads it whole). */
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 1024;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // maxmem: what N and r need (128·N·r bytes), with room to spare
    scrypt(password.normalize('NFC'), salt, keyLength, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Why a password is refused, or null when it will do. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD) return `at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `at most ${MAX_PASSWORD} characters`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new RangeError(`password: ${problem}`);
  const { logN, r, p, keyLength, saltLength } = SCRYPT;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, logN, r, p, keyLength);
  return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([\w-]{16,})\$([\w-]{32,})$/;

/** Whether `password` is the one `stored` was made from; false for a malformed hash. Constant time in the key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (!m || password.length > MAX_PASSWORD) return false;
  const [, logN, r, p, salt, key] = m as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const given = await derive(password, Buffer.from(salt, 'base64url'), Number(logN), Number(r), Number(p), expected.length);
  return timingSafeEqual(given, expected);
}

/** Whether a stored hash was made with other parameters than today's. */
export function needsRehash(stored: string): boolean {
  const m = STORED.exec(stored);
  return !m || Number(m[1]) !== SCRYPT.logN || Number(m[2]) !== SCRYPT.r || Number(m[3]) !== SCRYPT.p;
}

/** A password for an editor to change at once: 20 characters from 64, 120 bits. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}
