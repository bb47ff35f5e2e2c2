/** The signed-in editor of an editor's page (server components under app/editor), or null. */
import 'server-only';
import { headers } from 'next/headers';
import { getDb } from '../db';
import { type SessionEditor, sessionEditor } from '../db/sessions';
import { csrfToken, sessionId, tokenIn } from './session';

export async function pageSession(): Promise<(SessionEditor & { csrf: string }) | null> {
  const token = tokenIn((await headers()).get('cookie'));
  if (!token) return null;
  const s = await sessionEditor(await getDb(), sessionId(token));
  return s ? { ...s, csrf: csrfToken(token) } : null;
}
