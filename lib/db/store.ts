import 'server-only';
import path from 'node:path';
import { StoreUnavailableError } from './errors';
import { acquireDirectoryLock, releaseDirectoryLock } from './lock';

/**
 * The one door to the database. The same SQL runs on PGlite (embedded, the default) and on a
 * PostgreSQL server (when DATABASE_URL is set). Results are plain rows; the store's reads
 * (`incident-read.ts`, `incident-lists.ts`, `places.ts`…) turn them into domain types.
 */
export interface Db {
  readonly dialect: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements in one round trip (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  /** Bulk loads CSV text (no header) into `table (columns)` with COPY: the fast path for generated data. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  transaction<T>(fn: (tx: Pick<Db, 'query' | 'exec' | 'copyCsv'>) => Promise<T>): Promise<T>;
  /**
   * Resolves when no other query is waiting or running: a long read made in parts awaits it
   * before each part, so that the requests around it go first (PGlite answers one query at a
   * time; PostgreSQL runs them side by side and resolves at once). Never longer than `maxMs`
   * (250 by default), so that a stream of requests cannot starve the one waiting.
   */
  whenIdle(maxMs?: number): Promise<void>;
  /**
   * On a store only this process writes (PGlite), how many writes it has made: what was read
   * from it stays true while this is unchanged (lib/db/version.ts keeps the store's version so).
   * Null on PostgreSQL, which other processes write too.
   */
  localWrites(): number | null;
  close(): Promise<void>;
}

export interface StoreConfig {
  databaseUrl?: string;
  pgliteDir: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR || './data/pglite'),
  };
}

export async function openPglite(dir: string): Promise<Db> {
  acquireDirectoryLock(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  // trigram search (migration 8 indexes the text search with it)
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let pg: InstanceType<typeof PGlite>;
  try {
    pg = await PGlite.create(dir, { extensions: { pg_trgm } });
  } catch (e) {
    releaseDirectoryLock(dir);
    throw e;
  }
  // queries asked and not yet answered, and who waits for there to be none
  let active = 0;
  // statements that may have written, and transactions, ended (their outcome whatever it was)
  let writes = 0;
  const reads = (sql: string) => /^\s*SELECT\b/i.test(sql);
  let waiting: (() => void)[] = [];
  const counted = async <T>(run: () => Promise<T>): Promise<T> => {
    active++;
    try {
      return await run();
    } finally {
      active--;
      if (active === 0) {
        const wake = waiting;
        waiting = [];
        for (const w of wake) w();
      }
    }
  };
  const wrap = (q: Pick<typeof pg, 'query' | 'exec'>) => ({
    async query<T>(sql: string, params?: unknown[]) {
      try {
        return await counted(async () => (await q.query<T>(sql, params)).rows);
      } finally {
        if (!reads(sql)) writes++;
      }
    },
    async exec(sql: string) {
      try {
        await counted(() => q.exec(sql));
      } finally {
        writes++;
      }
    },
    // PGlite reads COPY's input from a blob it is handed as /dev/blob
    async copyCsv(table: string, columns: readonly string[], csv: string) {
      writes++;
      await q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
    },
  });
  return {
    dialect: 'pglite',
    ...wrap(pg),
    transaction: (fn) =>
      counted(() => pg.transaction((tx) => fn(wrap(tx)))).finally(() => {
        writes++;
      }),
    localWrites: () => writes,
    async whenIdle(maxMs = 250) {
      // idle, and still idle a turn later (a request between two of its queries asks its next one
      // first); never more than maxMs, so that a stream of requests cannot starve the read
      const until = Date.now() + maxMs;
      while (Date.now() < until) {
        if (active > 0)
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            setTimeout(resolve, until - Date.now());
          });
        await new Promise((resolve) => setImmediate(resolve));
        if (active === 0) return;
      }
    },
    async close() {
      await pg.close();
      releaseDirectoryLock(dir);
    },
  };
}

export async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // surface a dead server as an error on the next query, not as an unhandled crash
  pool.on('error', (err) => console.error('[db] idle PostgreSQL client error:', err.message));
  /**
   * The server answers every error of its own with a SQLSTATE (pg's DatabaseError). Anything
   * else the driver throws, but a programming error, is the connection failing ("Connection
   * terminated unexpectedly", a socket closed mid-query): the store is out of reach.
   */
  const classify = (err: unknown): unknown =>
    err instanceof pg.DatabaseError || err instanceof TypeError || err instanceof RangeError || err instanceof StoreUnavailableError
      ? err
      : new StoreUnavailableError(err);
  const wrap = (q: { query: typeof pool.query }) => ({
    async query<T>(sql: string, params?: unknown[]) {
      try {
        return (await q.query(sql, params)).rows as T[];
      } catch (err) {
        throw classify(err);
      }
    },
    async exec(sql: string) {
      try {
        await q.query(sql);
      } catch (err) {
        throw classify(err);
      }
    },
    async copyCsv(table: string, columns: readonly string[], csv: string) {
      const { from } = await import('pg-copy-streams');
      const { pipeline } = await import('node:stream/promises');
      const { Readable } = await import('node:stream');
      // COPY needs one connection for its whole stream: the transaction's client, or one of the pool's
      const fromPool = (q as unknown) === pool;
      const client = fromPool
        ? await pool.connect()
        : ((q as { client?: import('pg').PoolClient }).client ?? (q as unknown as import('pg').PoolClient));
      try {
        await pipeline(Readable.from([csv]), client.query(from(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`)));
      } catch (err) {
        throw classify(err);
      } finally {
        if (fromPool) client.release();
      }
    },
  });
  return {
    dialect: 'postgres',
    ...wrap(pool),
    whenIdle: async () => undefined,
    localWrites: () => null,
    async transaction(fn) {
      let client: import('pg').PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw classify(err);
      }
      // a connection dropped while checked out emits 'error' on the client: without a listener that crashes the process
      let broken: unknown = null;
      const onError = (err: Error) => {
        broken = err;
        console.error('[db] PostgreSQL connection lost during a transaction:', err.message);
      };
      client.on('error', onError);
      // one connection answers one query at a time: queries asked together (Promise.all) are sent one after another
      // (pg queues them itself, but that is deprecated and goes in pg 9)
      let chain: Promise<unknown> = Promise.resolve();
      const serial = {
        client,
        query: ((...args: Parameters<typeof client.query>) => {
          const run = chain.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
          chain = run.catch(() => undefined);
          return run;
        }) as unknown as typeof pool.query,
      };
      const tx = wrap(serial);
      try {
        await tx.query('BEGIN');
        const out = await fn(tx);
        await tx.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw broken ? classify(broken) : e;
      } finally {
        client.off('error', onError);
        // a broken connection is destroyed, not handed to the next request
        client.release(broken ? (broken as Error) : undefined);
      }
    },
    close: () => pool.end(),
  };
}

export function openStore(config: StoreConfig): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.pgliteDir);
}
