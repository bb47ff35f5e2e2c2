import 'server-only';
import type { Db } from './store';
import { migrations } from './migrations';

const MIGRATION_LOCK = 720_2020; // any constant shared by every process of this app

/**
 * Applies the migrations not yet applied, in one transaction under an advisory lock, so two
 * servers starting together against one PostgreSQL never race. Safe to run on every start.
 */
export async function migrate(db: Pick<Db, 'transaction'>): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
