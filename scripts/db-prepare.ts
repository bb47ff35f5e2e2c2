/**
 * Prepares the database named by the environment (PGlite at PGLITE_DIR, or DATABASE_URL):
 * applies migrations and the seed. Idempotent; run by the README's first command.
 */
import { migrate } from '../lib/db/migrate';
import { ensureSummaries } from '../lib/db/summaries';
import { applySeed } from '../lib/db/seed';
import { configFromEnv } from '../lib/db/store';
import { openStoreFor } from './cli-store';

const config = configFromEnv();
const db = await openStoreFor('npm run db:prepare', 'the server prepares the store itself when it starts, so it is ready at {origin}');
try {
  const applied = await migrate(db);
  await ensureSummaries(db);
  const seeded = await applySeed(db);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.pgliteDir}`;
  console.log(
    `db:prepare — ${where}: migrations applied ${applied.length ? applied.join(', ') : 'none (up to date)'}; seed ${seeded}; ${n} incidents.`,
  );
} finally {
  await db.close();
}
