import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { setupPageState } from '@/lib/auth/setup';
import { setupWords } from '@/lib/i18n/accounts';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'First administrator · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
const ERRORS = ['name', 'weak', 'mismatch'] as const;

/**
 * The page the server's one-time setup link opens: the first administrator's name and password, a
 * plain HTML form posted to /api/setup (works without JavaScript).
 */
export default async function Setup({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(one(sp.lang) ?? null, (await headers()).get('accept-language'));
  const w = setupWords(lang);
  const token = one(sp.token);
  const state = await setupPageState(token);
  const error = ERRORS.find((e) => e === one(sp.error)) ?? null;
  const field = 'rounded border border-slate-400 px-3 py-2 text-base font-normal focus:outline-2 focus:outline-blue-700';
  return (
    <main className="mx-auto flex min-h-full max-w-md flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-semibold">{w.title}</h1>
      {state === 'used' || one(sp.error) === 'used' ? (
        <p role="alert" className="mt-4 rounded border border-slate-300 bg-white px-3 py-2 text-sm" data-testid="setup-used">
          {w.used}{' '}
          <a href={`/editor/sign-in?lang=${lang}`} className="text-blue-800 underline">
            {w.signIn}
          </a>
        </p>
      ) : state === 'unknown' ? (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="setup-unknown">
          {w.unknown}
        </p>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">{w.intro}</p>
          {error && (
            <p id="setup-error" role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
              {w[`error_${error}`]}
            </p>
          )}
          <form
            method="post"
            action="/api/setup"
            className="mt-6 flex flex-col gap-4 rounded border border-slate-300 bg-white p-5 shadow-sm"
          >
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="lang" value={lang} />
            <div className="flex flex-col gap-1">
              <label htmlFor="setup-name" className="text-sm font-medium">
                {w.name}
              </label>
              <input
                id="setup-name"
                name="name"
                required
                maxLength={64}
                pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                dir="ltr"
                defaultValue={one(sp.name) ?? ''}
                aria-invalid={error === 'name' || undefined}
                aria-describedby={error === 'name' ? 'setup-error setup-name-hint' : 'setup-name-hint'}
                className={field}
              />
              <p id="setup-name-hint" className="text-xs text-slate-600">
                {w.nameHint}
              </p>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="setup-password" className="text-sm font-medium">
                {w.password}
              </label>
              <input
                id="setup-password"
                name="password"
                type="password"
                required
                minLength={12}
                maxLength={1024}
                autoComplete="new-password"
                dir="ltr"
                aria-invalid={error === 'weak' || undefined}
                aria-describedby={error === 'weak' ? 'setup-error setup-password-hint' : 'setup-password-hint'}
                className={field}
              />
              <p id="setup-password-hint" className="text-xs text-slate-600">
                {w.hint}
              </p>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="setup-again" className="text-sm font-medium">
                {w.again}
              </label>
              <input
                id="setup-again"
                name="again"
                type="password"
                required
                maxLength={1024}
                autoComplete="new-password"
                dir="ltr"
                aria-invalid={error === 'mismatch' || undefined}
                aria-describedby={error === 'mismatch' ? 'setup-error' : undefined}
                className={field}
              />
            </div>
            <button
              type="submit"
              className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
            >
              {w.submit}
            </button>
          </form>
        </>
      )}
    </main>
  );
}
