'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

export interface ViewActionLabels {
  publish: string;
  publishPinned: string;
  unpublish: string;
  delete: string;
  confirmDelete: string;
  cancel: string;
  failed: string;
  working: string;
}

/**
 * A saved view's actions on the editor's desk: publish (following the data, or pinned as it is
 * now), take down, delete (after a second, explicit press). Each is a call to the API with the
 * session's CSRF token; the desk is then read again from the server.
 */
export function ViewActions({
  id,
  title,
  published,
  csrf,
  labels,
}: {
  id: string;
  title: string;
  published: boolean;
  csrf: string;
  labels: ViewActionLabels;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function call(method: 'POST' | 'DELETE', path: string, body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(path, {
        method,
        headers: { 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) {
        const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
        setError(`${labels.failed} (${res.status}${problem?.detail ? `: ${problem.detail}` : ''})`);
        return;
      }
      setConfirming(false);
      router.refresh();
    } catch (e) {
      setError(`${labels.failed} (${(e as Error).message})`);
    } finally {
      setBusy(false);
    }
  }

  const button =
    'rounded border border-slate-500 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700';
  return (
    <fieldset aria-label={title} aria-busy={busy} className="m-0 flex flex-wrap gap-2 border-0 p-0">
      {published ? (
        <button type="button" disabled={busy} className={button} onClick={() => call('DELETE', `/api/views/${id}/publish`)}>
          {labels.unpublish}
        </button>
      ) : (
        <>
          <button type="button" disabled={busy} className={button} onClick={() => call('POST', `/api/views/${id}/publish`, { pin: false })}>
            {labels.publish}
          </button>
          <button type="button" disabled={busy} className={button} onClick={() => call('POST', `/api/views/${id}/publish`, { pin: true })}>
            {labels.publishPinned}
          </button>
        </>
      )}
      {confirming ? (
        <>
          <button
            type="button"
            disabled={busy}
            className={`${button} border-red-700 text-red-800`}
            onClick={() => call('DELETE', `/api/views/${id}`)}
            // the second press is the one that deletes: it gets the focus, and Escape steps back
            ref={(el) => el?.focus()}
            onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
          >
            {labels.confirmDelete}
          </button>
          <button type="button" disabled={busy} className={button} onClick={() => setConfirming(false)}>
            {labels.cancel}
          </button>
        </>
      ) : (
        <button type="button" disabled={busy} className={button} onClick={() => setConfirming(true)}>
          {labels.delete}
        </button>
      )}
      {busy && <span className="text-xs text-slate-600">{labels.working}</span>}
      {error && (
        <p role="alert" className="w-full text-xs text-red-800">
          {error}
        </p>
      )}
    </fieldset>
  );
}
