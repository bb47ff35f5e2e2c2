/**
 * Readers first (lib/requests.ts): between two batches an import waits for the requests the
 * server is answering (server.mjs counts them on globalThis) to end, and for no longer than it
 * is allowed. On a real PGlite store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '@/lib/db/store';
import { requestsInFlight, whenReadersDone } from '@/lib/requests';

const IN_FLIGHT = Symbol.for('conflict-map.requests-in-flight');
const counter = globalThis as { [IN_FLIGHT]?: number };
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an import between two batches', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite(fs.mkdtempSync(path.join(os.tmpdir(), 'readers-first-')));
  });
  afterAll(async () => {
    delete counter[IN_FLIGHT];
    await db.close();
  });

  it('waits while the server answers requests, and goes on once none is left', async () => {
    counter[IN_FLIGHT] = 2;
    expect(requestsInFlight()).toBe(2);
    let done = false;
    const waiting = whenReadersDone(db, 10_000).then(() => {
      done = true;
    });
    await tick(50);
    expect(done).toBe(false);
    counter[IN_FLIGHT] = 1;
    await tick(50);
    expect(done).toBe(false);
    counter[IN_FLIGHT] = 0;
    await waiting;
    expect(done).toBe(true);
  });

  it('waits for a query being answered as well', async () => {
    counter[IN_FLIGHT] = 0;
    const order: string[] = [];
    const query = db.query('SELECT pg_sleep(0.05)').then(() => order.push('query'));
    await whenReadersDone(db, 10_000).then(() => order.push('import'));
    await query;
    expect(order).toEqual(['query', 'import']);
  });

  it('goes on after its longest wait, however many readers keep coming', async () => {
    counter[IN_FLIGHT] = 5;
    let done = false;
    const waiting = whenReadersDone(db, 100).then(() => {
      done = true;
    });
    await tick(20);
    expect(done).toBe(false);
    await waiting;
    expect(done).toBe(true);
    expect(requestsInFlight()).toBe(5);
  });
});
