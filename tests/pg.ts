/**
 * PostgreSQL for tests: the server at TEST_PG_URL (default: the local one, trust auth).
 * Where none is reachable the PostgreSQL tests are skipped with a message, except in CI
 * (CI=true), where they must run and a missing server fails the run.
 */
import pg from 'pg';

export const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function requirePostgres(): Promise<boolean> {
  if (await postgresReachable()) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but no PostgreSQL answers at ${ADMIN_URL}: the PostgreSQL tests must run in CI.`);
  console.warn(`[tests] PostgreSQL not reachable at ${ADMIN_URL}: skipping the PostgreSQL path (set TEST_PG_URL to run it).`);
  return false;
}

/** A fresh, empty database; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
