/**
 * Runs once when the server starts (never during `next build`): opens the store and applies
 * migrations and the seed, so a broken configuration shows at start, not at the first request;
 * then, while no editor account exists, prints the link that makes the first administrator.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { openAtStartup } = await import('./lib/db/startup');
  const db = await openAtStartup();
  if (!db) return;
  const [{ announceSetupLink }, { configFromEnv }] = await Promise.all([import('./lib/auth/setup'), import('./lib/db/store')]);
  await announceSetupLink(db, configFromEnv());
}
