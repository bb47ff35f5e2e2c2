import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { PasswordForm } from '@/components/desk/PasswordForm';
import { pageSession } from '@/lib/auth/page-session';
import { safeNext } from '@/lib/auth/sign-in-out';
import { passwordWords } from '@/lib/i18n/accounts';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change my password · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

/**
 * The signed-in editor's own password. An editor signed in with a one-time password is sent here
 * before anything else, and goes on to where they were going (`next`) once it is changed.
 */
export default async function PasswordPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(one(sp.lang) ?? null, (await headers()).get('accept-language'));
  const next = safeNext(one(sp.next));
  const session = await pageSession();
  if (!session) redirect(`/editor/sign-in?${new URLSearchParams({ next: `/editor/password?${new URLSearchParams({ next })}`, lang })}`);
  const w = passwordWords(lang);
  const withLang = `${next}${next.includes('?') ? '&' : '?'}lang=${lang}`;
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      {!session.mustChangePassword && (
        <p className="text-sm">
          <a href={`/editor?lang=${lang}`} className="text-blue-800 underline">
            {w.back}
          </a>
        </p>
      )}
      <h1 className="mt-2 text-2xl font-semibold">{w.title}</h1>
      {session.mustChangePassword ? (
        <p
          role="note"
          className="mt-2 rounded border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          data-testid="password-required"
        >
          {w.required}
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">{w.intro}</p>
      )}
      <PasswordForm csrf={session.csrf} labels={w} next={session.mustChangePassword ? withLang : null} />
    </main>
  );
}
