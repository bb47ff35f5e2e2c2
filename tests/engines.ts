/** The two engines a store test runs on: a fresh PGlite directory, and a fresh PostgreSQL database (when one answers; required in CI). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, openPglite, openPostgres } from '@/lib/db/store';
import { freshDatabase, requirePostgres } from './pg';

export function storeEngines(name: string): { name: string; open: () => Promise<Db | null> }[] {
  return [
    { name: 'pglite', open: async () => openPglite(fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`))) },
    {
      name: 'postgres',
      open: async () => ((await requirePostgres()) ? openPostgres(await freshDatabase(`conflict_map_test_${name}`)) : null),
    },
  ];
}
