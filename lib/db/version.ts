import 'server-only';
import type { Db } from './store';

/**
 * The store's version: a counter that every committed write to the data or to the views raises
 * (migration 3's triggers). Equal versions, same store: a page rendered at one version is still
 * current at the same version.
 *
 * Read it before the data a page is rendered from: a write that commits in between makes the
 * page newer than its version, never older, so the worst case is one needless render.
 *
 * On a store only this process writes (PGlite) the version read is kept until this process
 * writes again, so that a cached answer costs no query (PGlite answers one at a time: under
 * load, or during an import, a reader would queue for it). PostgreSQL is asked each time: other
 * processes write to it, and it answers on its own connections.
 */
export async function storeVersion(db: Pick<Db, 'query'> & Partial<Pick<Db, 'localWrites'>>): Promise<string> {
  const writes = db.localWrites?.() ?? null;
  const kept = writes === null ? undefined : known.get(db);
  if (kept && kept.writes === writes) return kept.version;
  const read = (async () => {
    const [row] = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'store_version'");
    if (!row) throw new Error('the store has no version: migration 3 has not run');
    return row.value;
  })();
  if (writes !== null) {
    // counted before the query is asked: a write ending meanwhile makes the next call ask again
    known.set(db, { writes, version: read });
    read.catch(() => {
      if (known.get(db)?.version === read) known.delete(db);
    });
  }
  return read;
}

const known = new WeakMap<object, { writes: number; version: Promise<string> }>();
