/** What the desk's history pages read: an incident's changes, a page at a time, in words an editor reads. */
import 'server-only';
import { getDb } from '../db';
import { changesOf } from '../db/history';
import { getIncident } from '../db/incident-read';
import type { IncidentView } from '@/lib/incident/view';
import type { Lang } from '../i18n/messages';
import { readableChanges } from './names';

/** Changes on a history page. */
export const HISTORY_PAGE = 20;

/**
 * An incident now (null once deleted) and a page of its changes, newest first, from before the
 * change `before` when given; `more` when older ones remain. Null when the incident neither exists
 * nor ever did.
 */
export async function incidentHistory(id: string, before: number | undefined, lang: Lang, words: { absent: string; none: string }) {
  const db = await getDb();
  const [current, changes] = await Promise.all([
    getIncident(db, id),
    changesOf<IncidentView>(db, 'incident', id, { limit: HISTORY_PAGE + 1, beforeSeq: before }),
  ]);
  if (!current && changes.length === 0) return null;
  const page = changes.slice(0, HISTORY_PAGE);
  return { current, page, more: changes.length > HISTORY_PAGE, entries: await readableChanges(db, lang, page, words) };
}

/** A place's, a source's or an actor's latest changes, newest first, in words an editor reads. */
export async function recordHistory(
  kind: 'place' | 'source' | 'actor',
  id: string,
  limit: number,
  lang: Lang,
  words: { absent: string; none: string },
) {
  const db = await getDb();
  const changes = await changesOf(db, kind, id, { limit });
  return readableChanges(db, lang, changes, words);
}
