import 'server-only';
import { getDb } from './index';
import { DirectoryLockedError } from './lock';
import type { Db } from './store';

/**
 * Opens the store when the server starts. A PGlite directory owned by another process is
 * fatal (serving would corrupt it); any other failure is logged and retried per request,
 * so the API answers 503 while the database is unreachable.
 */
export async function openAtStartup(): Promise<Db | null> {
  try {
    const db = await getDb();
    console.log(`[db] ready (${db.dialect})`);
    return db;
  } catch (err) {
    console.error('[db] could not open the incident store:', err instanceof Error ? err.message : err);
    if (err instanceof Error && err.cause instanceof DirectoryLockedError) process.exit(1);
    return null;
  }
}
