'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { focusField } from '@/components/DateField';
import {
  type DraftProblem,
  draftOf,
  emptyDraft,
  type IncidentDetailLike,
  type IncidentDraft,
  incidentOf,
  incidentOfDetail,
  setIn,
  suggestIncidentId,
} from '@/lib/incident/draft';
import type { Named, PickedPlace } from '@/lib/desk/types';
import type { Incident } from '@/lib/domain/schema';
import { formText, problemText } from '@/lib/i18n/incident-form';
import type { Lang } from '@/lib/i18n/messages';
import { fid } from './form-kit';
import { useNearby } from './use-nearby';

const DRAFT_PREFIX = 'conflict-map:draft:incident:';

interface StoredDraft {
  savedAt: string;
  revision: number | null;
  draft: IncidentDraft;
  place: PickedPlace | null;
}

/**
 * The incident editor's state: the draft and its place, kept in this browser as it is typed and
 * restored on the next visit; the problems found before or by a save; saving with the revision it
 * was read at, and the conflict when someone else saved meanwhile.
 */
export function useIncidentDraft({
  lang,
  csrf,
  initial,
  initialRevision,
  initialPlace,
  sources,
  actors,
}: {
  lang: Lang;
  csrf: string;
  initial: Incident | null;
  initialRevision: number | null;
  initialPlace: PickedPlace | null;
  sources: Named[];
  actors: Named[];
}) {
  const t = useMemo(() => formText(lang), [lang]);
  const isNew = initial === null;
  const draftKey = `${DRAFT_PREFIX}${initial?.id ?? 'new'}`;
  const start = useMemo(() => (initial ? draftOf(initial) : emptyDraft()), [initial]);
  const [draft, setDraft] = useState<IncidentDraft>(start);
  const [place, setPlace] = useState<PickedPlace | null>(initialPlace);
  const [revision, setRevision] = useState<number | null>(initialRevision);
  const [created, setCreated] = useState(!isNew);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  // false in the server's render: the fields are disabled until the form is hydrated
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const [status, setStatus] = useState<
    { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; revision: number; created: boolean } | { kind: 'failed'; text: string }
  >({ kind: 'idle' });
  const [conflict, setConflict] = useState<{ current: Incident; revision: number; who: string | null } | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [idTouched, setIdTouched] = useState(!isNew);
  const summaryRef = useRef<HTMLDivElement>(null);
  const saved = useRef<string>(JSON.stringify(start));

  const name = useCallback((n: Named['name']) => (lang === 'fr' ? n.fr : n.en) || n.en, [lang]);
  const sourceOptions = useMemo(() => sources.map((s) => ({ id: s.id, name: name(s.name) })), [sources, name]);
  const actorOptions = useMemo(() => actors.map((a) => ({ id: a.id, name: name(a.name) })), [actors, name]);

  // a draft left by an earlier visit comes back (and says so)
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, when the page opens
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(draftKey);
      if (!raw) return;
      const stored = JSON.parse(raw) as StoredDraft;
      if (JSON.stringify(stored.draft) === saved.current) return;
      setDraft(stored.draft);
      if (stored.place) setPlace(stored.place);
      setIdTouched(true);
      setRestored(stored.savedAt);
    } catch {
      // no storage, or not ours: nothing to restore
    }
  }, []);

  // every change kept as a draft, a moment after typing stops
  useEffect(() => {
    const json = JSON.stringify(draft);
    const timer = setTimeout(() => {
      try {
        if (json === saved.current) window.localStorage.removeItem(draftKey);
        else
          window.localStorage.setItem(
            draftKey,
            JSON.stringify({ savedAt: new Date().toISOString(), revision, draft, place } satisfies StoredDraft),
          );
      } catch {
        // storage full or refused: the form still holds everything
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [draft, place, revision, draftKey]);

  const update = useCallback((fn: (d: IncidentDraft) => void) => {
    setDraft((prev) => {
      const d = structuredClone(prev);
      fn(d);
      return d;
    });
  }, []);
  const set = useCallback(
    (path: string, v: unknown) => {
      update((d) => setIn(d, path, v));
      // a field corrected no longer shows its problem (the list above keeps the others)
      setProblems((ps) =>
        ps.some((p) => p.path === path || p.path.startsWith(`${path}.`))
          ? ps.filter((p) => p.path !== path && !p.path.startsWith(`${path}.`))
          : ps,
      );
    },
    [update],
  );

  // a new incident's id follows its date, place and title until the editor types one
  useEffect(() => {
    if (idTouched || created) return;
    const id = suggestIncidentId(draft);
    if (id !== draft.id) set('id', id);
  }, [draft, idTouched, created, set]);

  const problemAt = (path: string) => {
    const p = problems.find((x) => x.path === path);
    return p ? problemText(t, p) : undefined;
  };

  const nearby = useNearby(place, draft.date, draft.id);

  async function save(overRevision?: number) {
    const r = incidentOf(draft);
    if (r.incident === null) {
      setProblems(r.problems);
      setStatus({ kind: 'idle' });
      focusFirst(r.problems);
      return;
    }
    setProblems([]);
    setStatus({ kind: 'saving' });
    const rev = overRevision ?? revision;
    try {
      const res = await fetch(`/api/incidents/${encodeURIComponent(r.incident.id)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ ...r.incident, ...(rev !== null && created ? { revision: rev } : {}) }),
      });
      const body = (await res.json().catch(() => null)) as {
        properties?: { revision?: number };
        type?: string;
        detail?: string;
        invalidParams?: { name: string; reason: string }[];
        current?: { properties: IncidentDetailLike & { revision: number } };
      } | null;
      if (res.ok) {
        const newRevision = body?.properties?.revision ?? (rev ?? 0) + 1;
        // the form now holds what was saved (claim ids made, text trimmed)
        const stored = draftOf(r.incident);
        saved.current = JSON.stringify(stored);
        setDraft(stored);
        window.localStorage.removeItem(draftKey);
        if (!created) {
          // the address of the incident's own editor from now on: a reload opens it there
          window.history.replaceState(null, '', `/editor/incidents/${encodeURIComponent(r.incident.id)}/edit?lang=${lang}`);
          window.localStorage.removeItem(`${DRAFT_PREFIX}new`);
        }
        setRevision(newRevision);
        setCreated(true);
        setConflict(null);
        setRestored(null);
        setStatus({ kind: 'saved', revision: newRevision, created: res.status === 201 });
        return;
      }
      if (res.status === 409 && body?.current) {
        const current = incidentOfDetail(body.current.properties);
        const who = await lastAuthor(current.id);
        setConflict({ current, revision: body.current.properties.revision, who });
        setStatus({ kind: 'idle' });
        return;
      }
      if (res.status === 409 && body?.type === '/problems/claim-id-taken') {
        const ps = draft.claims.map((_, i) => ({ path: `claims.${i}.id`, code: 'other' as const, detail: body.detail ?? '' }));
        setProblems(ps);
        setStatus({ kind: 'failed', text: t('failed', { detail: body.detail ?? String(res.status) }) });
        return;
      }
      if (res.status === 422 && body?.invalidParams) {
        const ps = body.invalidParams.map((p) => ({ path: p.name, code: 'other' as const, detail: p.reason }));
        setProblems(ps);
        setStatus({ kind: 'idle' });
        focusFirst(ps);
        return;
      }
      setStatus({ kind: 'failed', text: t('failed', { detail: body?.detail ?? `HTTP ${res.status}` }) });
    } catch {
      setStatus({ kind: 'failed', text: t('offline') });
    }
  }

  function focusFirst(ps: DraftProblem[]) {
    // the summary first (it is announced), then the first field it names
    requestAnimationFrame(() => {
      if (!ps.some((p) => focusField(fid(p.path)))) summaryRef.current?.focus();
    });
  }

  function discardDraft() {
    window.localStorage.removeItem(draftKey);
    setDraft(start);
    setPlace(initialPlace);
    setRestored(null);
    setProblems([]);
  }

  const setPlaceOf = (p: PickedPlace) => {
    setPlace(p);
    set('place', p.id);
  };

  /** The editor typed an id of their own: it no longer follows the date, place and title. */
  const setId = (v: string) => {
    setIdTouched(true);
    set('id', v);
  };

  /** Leaves the editor's changes for what the other editor saved. */
  const takeTheirs = (c: { current: Incident; revision: number }) => {
    const d = draftOf(c.current);
    saved.current = JSON.stringify(d);
    setDraft(d);
    setRevision(c.revision);
    setConflict(null);
  };

  return {
    t,
    isNew,
    live,
    draft,
    place,
    created,
    problems,
    status,
    conflict,
    restored,
    summaryRef,
    sourceOptions,
    actorOptions,
    nearby,
    update,
    set,
    setId,
    problemAt,
    save,
    discardDraft,
    setPlaceOf,
    takeTheirs,
  };
}

/** Who saved the incident last (its newest recorded change), for the conflict's words. */
async function lastAuthor(id: string): Promise<string | null> {
  try {
    const res = await fetch(`/api/incidents/${encodeURIComponent(id)}/history?limit=1`);
    if (!res.ok) return null;
    const body = (await res.json()) as { changes: { author: { kind: string; name: string | null } }[] };
    return body.changes[0]?.author.name ?? null;
  } catch {
    return null;
  }
}
