import { createHash, timingSafeEqual } from 'node:crypto';
import { problemResponse } from './problem';

/**
 * Editors' writes, until editor accounts exist: `Authorization: Bearer <EDITOR_TOKEN>`.
 * The comparison takes the same time whatever the guess (both sides hashed to equal length,
 * then compared in constant time). Without EDITOR_TOKEN configured, nobody can write.
 */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function requireEditor(req: Request, env: NodeJS.ProcessEnv = process.env): Response | null {
  const expected = env.EDITOR_TOKEN;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (expected && given && tokensMatch(given, expected)) return null;
  return problemResponse(
    {
      type: '/problems/unauthorized',
      title: 'Editor token required',
      status: 401,
      detail: expected
        ? 'Creating and changing views or incidents needs the editor token: send it as "Authorization: Bearer <token>".'
        : 'Editing is disabled on this server: no EDITOR_TOKEN is configured.',
    },
    { 'www-authenticate': 'Bearer realm="editor"' },
  );
}
