import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeNext } from '@/lib/auth/sign-in-out';
import { pageSession } from '@/lib/auth/page-session';
import { storeHasNoAccount } from '@/lib/auth/setup';
import { formatNumber } from '@/lib/format';
import { deskText } from '@/lib/i18n/desk';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Editor sign-in · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

/** The sign-in form: a plain HTML form posted to /api/session (works without JavaScript). */
export default async function SignIn({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(one(sp.lang), (await headers()).get('accept-language'));
  const t = deskText(lang);
  const next = safeNext(one(sp.next));
  if (await pageSession()) redirect(next);
  const error = one(sp.error);
  const wait = Number(one(sp.wait) ?? 0);
  const message =
    error === 'invalid'
      ? t('errorInvalid')
      : error === 'missing'
        ? t('errorMissing')
        : error === 'limited'
          ? t('errorLimited', { min: formatNumber(Math.max(1, Math.ceil(wait / 60)), lang) })
          : null;
  const signedOut = one(sp.signedOut) === '1' && !message;
  // a fresh store: the first administrator is made with the link the server printed, not here
  const noAccount = await storeHasNoAccount();
  return (
    <main className="mx-auto flex min-h-full max-w-md flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-semibold">{t('signInTitle')}</h1>
      <p className="mt-2 text-sm text-slate-700">{t('signInIntro')}</p>
      {message && (
        <p id="sign-in-error" role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {message}
        </p>
      )}
      {noAccount && (
        <p
          role="note"
          className="mt-4 rounded border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          data-testid="no-account"
        >
          {t('noAccountYet')}
        </p>
      )}
      {signedOut && (
        <p role="status" className="mt-4 rounded border border-slate-300 bg-white px-3 py-2 text-sm">
          {t('signedOut')}
        </p>
      )}
      <form method="post" action="/api/session" className="mt-6 flex flex-col gap-4 rounded border border-slate-300 bg-white p-5 shadow-sm">
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="lang" value={lang} />
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('name')}
          <input
            name="name"
            required
            maxLength={64}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            defaultValue={one(sp.name) ?? ''}
            aria-invalid={error === 'invalid' || undefined}
            aria-describedby={message ? 'sign-in-error' : undefined}
            className="rounded border border-slate-400 px-3 py-2 text-base font-normal focus:outline-2 focus:outline-blue-700"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('password')}
          <input
            name="password"
            type="password"
            required
            maxLength={1024}
            autoComplete="current-password"
            dir="ltr"
            aria-invalid={error === 'invalid' || undefined}
            aria-describedby={message ? 'sign-in-error' : undefined}
            className="rounded border border-slate-400 px-3 py-2 text-base font-normal focus:outline-2 focus:outline-blue-700"
          />
        </label>
        <button
          type="submit"
          className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
        >
          {t('signIn')}
        </button>
      </form>
      <p className="mt-6 text-sm">
        <a href={`/?lang=${lang}`} className="text-blue-800 underline">
          {t('backToMap')}
        </a>
      </p>
    </main>
  );
}
