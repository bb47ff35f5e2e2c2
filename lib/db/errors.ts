/**
 * The store being out of reach, as opposed to a bug: the API answers the first with 503 and
 * Retry-After, the second with 500. Decided by what failed, never by words in a message.
 */
import 'server-only';
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The incident store could not be opened: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Network errors of the pg driver; PostgreSQL's own "connection" (08) and "shutting down" (57P0x)
 * classes; a database that does not exist (3D000) or was dropped (57P04), or does not accept
 * connections now (55000: ALLOW_CONNECTIONS false), refused credentials (28000, 28P01), and the
 * server out of resources (53000 and 53xxx: no connection slot, disk full, out of memory): each
 * means the store cannot be reached as configured, for now.
 */
const CONNECTION_CODES = new Set([
  '3D000',
  '28000',
  '28P01',
  '53000',
  '53100',
  '53200',
  '53300',
  '55000',
  '57P04',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CONNECTION_CODES.has(code);
}
