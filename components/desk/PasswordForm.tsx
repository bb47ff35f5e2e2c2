'use client';

import { useEffect, useState } from 'react';

export interface PasswordLabels {
  current: string;
  next: string;
  again: string;
  hint: string;
  save: string;
  saving: string;
  done: string;
  mismatch: string;
  wrong: string;
  failed: string;
  required: string;
}

/**
 * The editor's own password: the current one, the new one twice. `next`: where to go once it is
 * changed (a one-time password changed at first sign-in); null to stay here.
 */
export function PasswordForm({ csrf, labels, next: after }: { csrf: string; labels: PasswordLabels; next: string | null }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [token, setToken] = useState(csrf);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ at: 'current' | 'next' | 'again' | 'form'; text: string } | null>(null);
  const [done, setDone] = useState(false);
  // false in the server's render: the form is disabled until hydrated, so nothing typed before is lost
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  async function submit() {
    setDone(false);
    if (next !== again) return setProblem({ at: 'again', text: labels.mismatch });
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch('/api/session/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ current, next }),
      });
      const body = (await res.json().catch(() => null)) as {
        csrf?: string;
        detail?: string;
        invalidParams?: { name: string; reason: string }[];
      } | null;
      if (res.ok) {
        if (body?.csrf) setToken(body.csrf);
        setCurrent('');
        setNext('');
        setAgain('');
        setDone(true);
        if (after) window.location.assign(after);
      } else {
        const p = body?.invalidParams?.[0];
        if (p?.name === 'current') setProblem({ at: 'current', text: labels.wrong });
        else if (p?.name === 'next') setProblem({ at: 'next', text: `${labels.hint} (${p.reason})` });
        else setProblem({ at: 'form', text: `${labels.failed} (${res.status}${body?.detail ? `: ${body.detail}` : ''})` });
      }
    } catch (e) {
      setProblem({ at: 'form', text: `${labels.failed} (${(e as Error).message})` });
    } finally {
      setBusy(false);
    }
  }

  const field = (id: 'current' | 'next' | 'again', label: string, value: string, set: (v: string) => void, autoComplete: string) => (
    <div>
      <label htmlFor={`pw-${id}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`pw-${id}`}
        type="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={problem?.at === id ? true : undefined}
        aria-describedby={problem?.at === id ? `pw-${id}-problem` : id === 'next' ? 'pw-hint' : undefined}
        className="mt-1 w-full max-w-sm rounded border border-slate-500 px-2 py-1.5 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700"
      />
      {id === 'next' && (
        <p id="pw-hint" className="text-xs text-slate-600">
          {labels.hint}
        </p>
      )}
      {problem?.at === id && (
        <p id={`pw-${id}-problem`} className="mt-1 text-sm text-red-800">
          {problem.text}
        </p>
      )}
    </div>
  );

  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset disabled={!live} className="contents space-y-4">
        {field('current', labels.current, current, setCurrent, 'current-password')}
        {field('next', labels.next, next, setNext, 'new-password')}
        {field('again', labels.again, again, setAgain, 'new-password')}
        <button type="submit" disabled={busy} className="rounded bg-blue-800 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {busy ? labels.saving : labels.save}
        </button>
        <p role="status" className="text-sm" data-testid="password-status">
          {done ? labels.done : ''}
        </p>
        {problem?.at === 'form' && (
          <p role="alert" className="text-sm text-red-800">
            {problem.text}
          </p>
        )}
      </fieldset>
    </form>
  );
}
