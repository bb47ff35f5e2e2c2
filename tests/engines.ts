/**
 * The two engines a store test runs on: a fresh PGlite directory, and a fresh PostgreSQL database
 * (when one answers; required in CI), each migrated and seeded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import { ensureSummaries } from '@/lib/db/summaries';
import { applySeed } from '@/lib/db/seed';
import { type Db, openPglite, openPostgres } from '@/lib/db/store';
import { freshDatabase, requirePostgres } from './pg';

/** A store opened fresh, with the migrations and the seed applied. */
export async function seeded(db: Db): Promise<Db> {
  await migrate(db);
  await ensureSummaries(db);
  await applySeed(db);
  return db;
}

export function storeEngines(name: string): { name: string; open: () => Promise<Db | null> }[] {
  return [
    { name: 'pglite', open: async () => seeded(await openPglite(fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`)))) },
    {
      name: 'postgres',
      open: async () => ((await requirePostgres()) ? seeded(await openPostgres(await freshDatabase(`conflict_map_test_${name}`))) : null),
    },
  ];
}
