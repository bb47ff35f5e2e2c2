import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { PasswordForm } from '@/components/desk/PasswordForm';
import { pageSession } from '@/lib/auth/page-session';
import { passwordWords } from '@/lib/i18n/accounts';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change my password · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The signed-in editor's own password (a one-time password is changed here at once). */
export default async function PasswordPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const session = await pageSession();
  if (!session) redirect(`/editor/sign-in?next=${encodeURIComponent('/editor/password')}&lang=${lang}`);
  const w = passwordWords(lang);
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <a href={`/editor?lang=${lang}`} className="text-blue-800 underline">
          {w.back}
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{w.title}</h1>
      <p className="mt-1 text-sm text-slate-700">{w.intro}</p>
      <PasswordForm csrf={session.csrf} labels={w} />
    </main>
  );
}
