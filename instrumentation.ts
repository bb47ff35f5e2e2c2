/**
 * Runs once when the server starts (never during `next build`): opens the store and applies
 * migrations and the seed, so a broken configuration shows at start, not at the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { openAtStartup } = await import('./lib/db/startup');
  await openAtStartup();
}
