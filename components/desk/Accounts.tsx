'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { AccountLabels } from '@/lib/i18n/accounts';
import { fill } from '@/lib/i18n/translate';

export interface AccountRow {
  name: string;
  role: 'editor' | 'admin';
  createdAt: string;
  passwordSetAt: string;
  disabledAt: string | null;
  /** the dates as the page shows them */
  created: string;
  passwordSet: string;
  disabled: string | null;
}

/**
 * The accounts on the desk (administrators): each with its role and status, a new one-time
 * password or disabling it; a form to add one. A password made here is shown once, to be given
 * to its editor by a safe channel.
 */
export function Accounts({ accounts, me, csrf, labels }: { accounts: AccountRow[]; me: string; csrf: string; labels: AccountLabels }) {
  const router = useRouter();
  const [name, setName] = useState('');
  // false in the server's render: the form is disabled until hydrated, so nothing typed before is lost
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const [role, setRole] = useState<'editor' | 'admin'>('editor');
  const [busy, setBusy] = useState<string | null>(null);
  const [shown, setShown] = useState<{ name: string; password: string } | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<{ at: string; text: string } | null>(null);
  // the second press's button takes the focus when it appears (Escape steps back)
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirm) confirmRef.current?.focus();
  }, [confirm]);

  async function post(at: string, path: string, body?: unknown): Promise<Record<string, unknown> | null> {
    setBusy(at);
    setError(null);
    try {
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
      if (!res.ok) {
        const detail = (json?.invalidParams as { reason: string }[] | undefined)?.[0]?.reason ?? (json?.detail as string | undefined);
        setError({ at, text: `${labels.failed} (${res.status}${detail ? `: ${detail}` : ''})` });
        return null;
      }
      return json;
    } catch (e) {
      setError({ at, text: `${labels.failed} (${(e as Error).message})` });
      return null;
    } finally {
      setBusy(null);
    }
  }

  const button =
    'rounded border border-slate-500 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700';
  return (
    <div>
      {shown && (
        <div role="status" className="mt-4 rounded border-2 border-emerald-700 bg-emerald-50 p-3 text-sm" data-testid="password-shown">
          <p>{fill(labels.passwordShown, { name: shown.name })}</p>
          <p className="mt-1">
            <code className="rounded bg-white px-2 py-1 text-base select-all" dir="ltr" data-testid="one-time-password">
              {shown.password}
            </code>
          </p>
        </div>
      )}
      <table className="mt-4 w-full border-collapse text-start text-sm" data-testid="accounts-table">
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-1 pe-3 text-start">
              {labels.name}
            </th>
            <th scope="col" className="py-1 pe-3 text-start">
              {labels.role}
            </th>
            <th scope="col" className="py-1 pe-3 text-start">
              {labels.status}
            </th>
            <th scope="col" className="py-1 text-start">
              {labels.actions}
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.name} className="border-b border-slate-200 align-top">
              <th scope="row" className="py-2 pe-3 text-start font-medium">
                <bdi>{a.name}</bdi>
                {a.name.toLowerCase() === me.toLowerCase() && <span className="ms-1 font-normal text-slate-600">({labels.yourself})</span>}
              </th>
              <td className="py-2 pe-3">{a.role === 'admin' ? labels.role_admin : labels.role_editor}</td>
              <td className="py-2 pe-3">
                {a.disabled ? fill(labels.disabledOn, { date: a.disabled }) : labels.active}
                <div className="text-xs text-slate-600">{fill(labels.passwordSetOn, { date: a.passwordSet })}</div>
              </td>
              <td className="py-2">
                <div className="flex flex-wrap gap-2">
                  <button
                    type="button"
                    className={button}
                    disabled={busy !== null || !live}
                    onClick={async () => {
                      const r = await post(a.name, `/api/editors/${encodeURIComponent(a.name)}/password`);
                      if (r) {
                        setShown({ name: a.name, password: String(r.password) });
                        router.refresh();
                      }
                    }}
                  >
                    {labels.newPassword}
                  </button>
                  {!a.disabled &&
                    a.name.toLowerCase() !== me.toLowerCase() &&
                    (confirm === a.name ? (
                      <>
                        <button
                          type="button"
                          ref={confirmRef}
                          className={`${button} border-red-800 text-red-900`}
                          disabled={busy !== null || !live}
                          onClick={async () => {
                            const r = await post(a.name, `/api/editors/${encodeURIComponent(a.name)}/disable`);
                            setConfirm(null);
                            if (r) router.refresh();
                          }}
                          onKeyDown={(e) => e.key === 'Escape' && setConfirm(null)}
                        >
                          {labels.confirmDisable}
                        </button>
                        <button type="button" className={button} onClick={() => setConfirm(null)}>
                          {labels.cancel}
                        </button>
                      </>
                    ) : (
                      <button type="button" className={button} disabled={busy !== null || !live} onClick={() => setConfirm(a.name)}>
                        {labels.disable}
                      </button>
                    ))}
                </div>
                {error?.at === a.name && (
                  <p role="alert" className="mt-1 text-red-800">
                    {error.text}
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="mt-6 flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await post('add', '/api/editors', { name: name.trim(), role });
          if (r) {
            setShown({ name: name.trim(), password: String(r.password) });
            setName('');
            router.refresh();
          }
        }}
      >
        <fieldset disabled={!live} className="contents">
          <div>
            <label htmlFor="account-name" className="block text-sm font-medium">
              {labels.name}
            </label>
            <input
              id="account-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-describedby="account-name-hint"
              aria-invalid={error?.at === 'add' ? true : undefined}
              className="mt-1 rounded border border-slate-500 px-2 py-1"
              dir="ltr"
              autoComplete="off"
            />
            <p id="account-name-hint" className="text-xs text-slate-600">
              {labels.nameHint}
            </p>
          </div>
          <div>
            <label htmlFor="account-role" className="block text-sm font-medium">
              {labels.role}
            </label>
            <select
              id="account-role"
              value={role}
              onChange={(e) => setRole(e.target.value as 'editor' | 'admin')}
              className="mt-1 rounded border border-slate-500 bg-white px-2 py-1"
            >
              <option value="editor">{labels.role_editor}</option>
              <option value="admin">{labels.role_admin}</option>
            </select>
          </div>
          <button
            type="submit"
            disabled={busy !== null || !live}
            className="rounded bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60"
          >
            {busy === 'add' ? labels.adding : labels.add}
          </button>
          {error?.at === 'add' && (
            <p role="alert" className="basis-full text-sm text-red-800">
              {error.text}
            </p>
          )}
        </fieldset>
      </form>
    </div>
  );
}
