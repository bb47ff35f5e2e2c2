/** The signed-in editor of an editor's page (server components under app/editor), or null. */
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '../db';
import { type SessionEditor, sessionEditor } from '../db/sessions';
import type { Lang } from '../i18n/messages';
import { csrfToken, sessionId, tokenIn } from './session';

export async function pageSession(): Promise<(SessionEditor & { csrf: string }) | null> {
  const token = tokenIn((await headers()).get('cookie'));
  if (!token) return null;
  const s = await sessionEditor(await getDb(), sessionId(token));
  return s ? { ...s, csrf: csrfToken(token) } : null;
}

/**
 * The editor of a desk page at `path`: without a session, to the sign-in page (and back here
 * after); signed in with a one-time password, to the page where they choose their own first.
 */
export async function deskSession(path: string, lang: Lang): Promise<SessionEditor & { csrf: string }> {
  const session = await pageSession();
  const back = new URLSearchParams({ next: path, lang });
  if (!session) redirect(`/editor/sign-in?${back}`);
  if (session.mustChangePassword) redirect(`/editor/password?${back}`);
  return session;
}
