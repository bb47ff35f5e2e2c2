/** The sources and actors an incident may name, and whether the store holds synthetic data. */
import 'server-only';
import type { Actor, Source } from '../domain/schema';
import type { Db } from './store';

type Q = Pick<Db, 'query'>;

export async function listSources(db: Q): Promise<Source[]> {
  const rows = await db.query<{ id: string; name_en: string; name_fr: string; kind: Source['kind']; language: string; url: string | null }>(
    'SELECT id, name_en, name_fr, kind, language, url FROM sources ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, name: { en: r.name_en, fr: r.name_fr }, kind: r.kind, language: r.language, url: r.url }));
}

/** Whether the store holds generated data (a source marked synthetic): readers must be told. */
export async function hasSyntheticData(db: Q): Promise<boolean> {
  const [row] = await db.query<{ yes: boolean }>('SELECT EXISTS (SELECT 1 FROM sources WHERE synthetic) AS yes');
  return Boolean(row?.yes);
}

export async function listActors(db: Q): Promise<Actor[]> {
  const rows = await db.query<{ id: string; name_en: string; name_fr: string; kind: Actor['kind'] }>(
    'SELECT id, name_en, name_fr, kind FROM actors ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, name: { en: r.name_en, fr: r.name_fr }, kind: r.kind }));
}
