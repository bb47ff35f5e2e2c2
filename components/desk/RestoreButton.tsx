'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

export interface RestoreLabels {
  restore: string;
  restoreBefore: string;
  conflict: string;
  failed: string;
  working: string;
}

/**
 * Brings back the version a change left (or, for a deletion, the one before it): a restore,
 * recorded as a change of its own, refused if the incident changed since this page was read.
 */
export function RestoreButton({
  incidentId,
  change,
  version,
  revision,
  csrf,
  labels,
}: {
  incidentId: string;
  change: number;
  version: 'after' | 'before';
  /** the incident's revision when the page was read; null when it is deleted */
  revision: number | null;
  csrf: string;
  labels: RestoreLabels;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/incidents/${encodeURIComponent(incidentId)}/restore`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ change, version, ...(revision === null ? {} : { revision }) }),
      });
      if (res.status === 409) setError(labels.conflict);
      else if (!res.ok) {
        const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
        setError(`${labels.failed} (${res.status}${problem?.detail ? `: ${problem.detail}` : ''})`);
      } else router.refresh();
    } catch (e) {
      setError(`${labels.failed} (${(e as Error).message})`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <button
        type="button"
        disabled={busy}
        onClick={restore}
        className="rounded border border-slate-500 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
      >
        {busy ? labels.working : version === 'after' ? labels.restore : labels.restoreBefore}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
