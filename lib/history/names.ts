/** The names a history page shows for the ids its records hold (sources, actors, places), read once per page. */
import 'server-only';
import { getDb } from '../db';
import { listActors, listSources } from '../db/catalog';
import { listPlacesByIds } from '../db/places';
import type { Db } from '../db/store';
import type { Lang } from '../i18n/messages';
import type { Change } from '../db/history';
import { type Names, namesFrom, type Readable, readable } from './readable';
import { changeBody } from './changes';

/** The place ids anywhere in the records (an incident's `place`, a detail's `placeId`, a view's `places`). */
function placeIds(records: unknown[]): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && (key === 'place' || key === 'placeId' || key === 'places')) found.add(v);
  };
  for (const r of records) walk(r, '');
  return [...found];
}

export async function recordNames(db: Pick<Db, 'query'>, lang: Lang, records: unknown[]): Promise<Names> {
  const [sources, actors, places] = await Promise.all([listSources(db), listActors(db), listPlacesByIds(db, placeIds(records))]);
  return namesFrom(lang, { sources, actors, places });
}

/** A history's changes with what the page shows of each: its fields (changeBody) and how to name them in words. */
export async function readableChanges<T>(
  db: Pick<Db, 'query'>,
  lang: Lang,
  changes: Change<T>[],
  values: { absent: string; none: string },
): Promise<{ c: Change<T>; body: ReturnType<typeof changeBody>; readable: Readable }[]> {
  const entries = changes.map((c) => ({ c, body: changeBody(c) }));
  const names = await recordNames(
    db,
    lang,
    entries.flatMap(({ body }) => [body.after, body.before]),
  );
  return entries.map((e) => ({ ...e, readable: readable({ lang, names, records: [e.body.after, e.body.before], words: values }) }));
}

/** The names of the places, sources and actors these versions name, read from the store. */
export async function namesIn(lang: Lang, records: unknown[]): Promise<Names> {
  return recordNames(await getDb(), lang, records);
}
