import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Accounts } from '@/components/desk/Accounts';
import { deskSession } from '@/lib/auth/page-session';
import { accountsList } from '@/lib/accounts/accounts';
import { formatDay } from '@/lib/format';
import { accountWords } from '@/lib/i18n/accounts';
import { negotiateLang } from '@/lib/i18n/negotiate';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accounts · Conflict incident map', robots: { index: false } };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The accounts, for administrators: roles, status, a new one-time password, disabling; adding one. */
export default async function AccountsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const lang = negotiateLang(typeof sp.lang === 'string' ? sp.lang : null, (await headers()).get('accept-language'));
  const session = await deskSession('/editor/accounts', lang);
  const w = accountWords(lang);
  const back = (
    <p className="text-sm">
      <a href={`/editor?lang=${lang}`} className="text-blue-800 underline">
        {w.back}
      </a>
    </p>
  );
  if (session.role !== 'admin')
    return (
      <main className="mx-auto max-w-4xl px-4 py-8">
        {back}
        <h1 className="mt-2 text-2xl font-semibold">{w.title}</h1>
        <p role="alert" className="mt-4 rounded border border-amber-500 bg-amber-50 p-3 text-sm" data-testid="admins-only">
          {w.onlyAdmins}
        </p>
      </main>
    );
  const accounts = (await accountsList()).map((a) => ({
    ...a,
    created: formatDay(a.createdAt.slice(0, 10), lang),
    passwordSet: formatDay(a.passwordSetAt.slice(0, 10), lang),
    disabled: a.disabledAt ? formatDay(a.disabledAt.slice(0, 10), lang) : null,
  }));
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      {back}
      <h1 className="mt-2 text-2xl font-semibold">{w.title}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-700">{w.intro}</p>
      <Accounts accounts={accounts} me={session.name} csrf={session.csrf} labels={w} />
    </main>
  );
}
