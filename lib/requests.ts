/**
 * Readers first. The server (server.mjs) counts the requests it is answering, imports apart; a
 * long write (an import) waits between its batches until none is left, so that a reader's
 * request, all its queries included, is answered before the next batch begins, rather than each
 * of its queries waiting for a batch of its own (PGlite answers one query at a time; on
 * PostgreSQL a batch's own work takes one of the two cores). Never longer than `maxMs`, so that
 * a stream of readers slows a write down but cannot stop it.
 */
import 'server-only';
import type { Db } from './db/store';

const IN_FLIGHT = Symbol.for('conflict-map.requests-in-flight');
type Holder = { [IN_FLIGHT]?: number };

/** Requests being answered now, imports apart (0 where server.mjs does not count them: `next dev`). */
export const requestsInFlight = () => (globalThis as Holder)[IN_FLIGHT] ?? 0;

/** Resolves once no request is being answered and the store is idle, or after `maxMs`. */
export async function whenReadersDone(db: Pick<Db, 'whenIdle'>, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  await db.whenIdle(maxMs);
  while (requestsInFlight() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 2));
}
