import 'server-only';
import { migrate } from './migrate';
import { applySeed } from './seed';
import { StoreUnavailableError } from './errors';
import { ensureSummaries } from './summaries';
import { configFromEnv, openStore, type Db } from './store';

/**
 * The process's one database handle, opened on first use (never at import, so `next build`
 * touches no database), with migrations and the seed applied before any query runs.
 * Kept on globalThis because Next bundles each route apart: one module copy per route.
 */
const KEY = Symbol.for('conflict-map.db');
type Holder = { [KEY]?: Promise<Db> };

export function getDb(): Promise<Db> {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    g[KEY] = (async () => {
      let db: Db;
      try {
        db = await openStore(configFromEnv());
      } catch (err) {
        throw new StoreUnavailableError(err);
      }
      try {
        await migrate(db);
        await ensureSummaries(db);
        await applySeed(db);
        return db;
      } catch (err) {
        // close before anyone retries: a second open of one PGlite directory in this process would corrupt it
        await db.close().catch(() => undefined);
        throw err;
      }
    })();
    // a failed open is not cached: the next request tries again (the API reports the failure)
    g[KEY].catch(() => {
      delete g[KEY];
    });
  }
  return g[KEY];
}
