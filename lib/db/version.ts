import 'server-only';
import type { Db } from './store';

/**
 * The store's version: a counter that every committed write to the data or to the views raises
 * (migration 3's triggers). Equal versions, same store: a page rendered at one version is still
 * current at the same version.
 *
 * Read it before the data a page is rendered from: a write that commits in between makes the
 * page newer than its version, never older, so the worst case is one needless render.
 */
export async function storeVersion(db: Pick<Db, 'query'>): Promise<string> {
  const [row] = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'store_version'");
  if (!row) throw new Error('the store has no version: migration 3 has not run');
  return row.value;
}
