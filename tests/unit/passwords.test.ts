import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD, SCRYPT, hashPassword, needsRehash, oneTimePassword, passwordProblem, verifyPassword } from '@/lib/auth/passwords';

describe('editor passwords (scrypt)', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(new RegExp(`^scrypt\\$${SCRYPT.logN}\\$${SCRYPT.r}\\$${SCRYPT.p}\\$`));
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash: the same password twice gives two hashes, both verifying', async () => {
    const [a, b] = await Promise.all([hashPassword('the same password'), hashPassword('the same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', a)).toBe(true);
    expect(await verifyPassword('the same password', b)).toBe(true);
  });

  it('treats a password typed composed or decomposed alike (Unicode NFC)', async () => {
    const stored = await hashPassword('mot de passe d\u00e9j\u00e0 vu');
    expect(await verifyPassword('mot de passe de\u0301ja\u0300 vu', stored)).toBe(true);
  });

  it('refuses short and huge passwords, and malformed hashes', async () => {
    expect(passwordProblem('x'.repeat(MIN_PASSWORD - 1))).toMatch(/at least/);
    expect(passwordProblem('x'.repeat(MIN_PASSWORD))).toBeNull();
    expect(passwordProblem('x'.repeat(2000))).toMatch(/at most/);
    await expect(hashPassword('short')).rejects.toThrow(/at least/);
    expect(await verifyPassword('anything at all', 'plain text')).toBe(false);
    expect(await verifyPassword('anything at all', 'scrypt$15$8$3$c2FsdA$')).toBe(false);
  });

  it('says when a hash was made with older parameters', async () => {
    expect(needsRehash(await hashPassword('a current hash here'))).toBe(false);
    expect(needsRehash('scrypt$14$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
  });

  it('makes one-time passwords long enough to be accepted, each different', () => {
    const a = oneTimePassword();
    expect(passwordProblem(a)).toBeNull();
    expect(a).not.toBe(oneTimePassword());
  });
});
