/**
 * Whether the store answers now: a page rendered from it (the desk's, a view's "what changed")
 * asks first, so that with the store out of reach the reader gets a 503 page saying so, not the
 * framework's 500.
 */
import 'server-only';
import { isStoreUnavailable } from './errors';
import { getDb } from './index';

export async function storeAnswers(): Promise<boolean> {
  try {
    await (await getDb()).query('SELECT 1');
    return true;
  } catch (err) {
    if (isStoreUnavailable(err)) return false;
    throw err;
  }
}
