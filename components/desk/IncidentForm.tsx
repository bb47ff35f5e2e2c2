'use client';
// first: no zod check may run before it is told not to compile code (CSP)
import '@/components/zod-jitless';

import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import DateField, { focusField } from '@/components/DateField';
import { FieldChanges } from '@/components/FieldChanges';
import { type Names, namesFrom, readable } from '@/lib/history/readable';
import { fieldWords } from '@/lib/i18n/fields';
import {
  type ClaimDraft,
  type CountDraft,
  countedInPreview,
  type DraftProblem,
  draftOf,
  emptyClaim,
  emptyDraft,
  emptyEquipment,
  emptyLine,
  type IncidentDetailLike,
  type IncidentDraft,
  incidentOf,
  incidentOfDetail,
  setIn,
  subTypesOf,
  suggestIncidentId,
} from '@/lib/desk/draft';
import type { Named, PickedPlace } from '@/lib/desk/types';
import type { Range } from '@/lib/domain/casualties';
import { diffRecords } from '@/lib/domain/diff';
import { datePrecisions, type Incident } from '@/lib/domain/schema';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
import { formatRange, formatTimeUtc } from '@/lib/format';
import { type FormText, fieldName, formText, type IncidentFormKey, problemText } from '@/lib/i18n/incident-form';
import { EVENT_TYPE_LABELS, type Lang, subEventLabel } from '@/lib/i18n/messages';
import { IdChips } from './IdChips';
import { PlacePicker } from './PlacePicker';
import { SaveButton } from './SaveButton';

interface Nearby {
  id: string;
  title: string;
  date: string;
  place: string;
  tolls: { claimant: string; perpetrators: string[]; casualties: Incident['claims'][number]['casualties'] }[];
}

/** The id of a field's input: its path, dots made hyphens. */
const fid = (path: string) => `f-${path.replace(/\./g, '-')}`;

/** Moves the focus to a field once it has been drawn (a row just added). */
const focusSoon = (id: string) => requestAnimationFrame(() => requestAnimationFrame(() => focusField(id)));
const DRAFT_PREFIX = 'conflict-map:draft:incident:';

interface StoredDraft {
  savedAt: string;
  revision: number | null;
  draft: IncidentDraft;
  place: PickedPlace | null;
}

/**
 * The incident editor: the incident's fields, its place (searched by name or picked on a map),
 * its actors and sources, and its claims side by side, each with its toll lines and equipment.
 * Saved with PUT /api/incidents/{id} and the revision it was read at: a save refused because
 * someone else saved meanwhile shows both versions; a save that fails keeps everything typed,
 * and every keystroke is kept as a draft in this browser until the incident is saved.
 */
export function IncidentForm({
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
  /** null for a new incident */
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

  const heading = isNew && !created ? t('newTitle') : t('editTitle');
  const typeLabels = EVENT_TYPE_LABELS[lang];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      className="space-y-8"
      data-testid="incident-form"
    >
      {/* disabled until the page is live: typed before, a value would be lost when the form takes over */}
      <fieldset disabled={!live} className="contents space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">{heading}</h1>
          <p className="mt-1 max-w-prose text-sm text-slate-700">{t('intro')}</p>
        </div>

        {restored && (
          <div
            role="status"
            className="flex flex-wrap items-center gap-3 rounded border border-amber-400 bg-amber-50 p-3 text-sm"
            data-testid="draft-restored"
          >
            <span>{t('draftRestored', { time: `${formatTimeUtc(restored, lang)} UTC` })}</span>
            <button type="button" onClick={discardDraft} className="rounded border border-slate-500 bg-white px-2 py-1 font-medium">
              {t('discardDraft')}
            </button>
          </div>
        )}

        {problems.length > 0 && (
          <div
            ref={summaryRef}
            tabIndex={-1}
            role="alert"
            className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900"
            data-testid="form-problems"
          >
            <p className="font-semibold">{problems.length === 1 ? t('problemsHeading1') : t('problemsHeading', { n: problems.length })}</p>
            <ul className="mt-1 list-disc ps-5">
              {problems.slice(0, 12).map((p) => (
                <li key={p.path}>
                  <a href={`#${fid(p.path)}`} className="underline">
                    {fieldName(t, p.path)}
                  </a>
                  {': '}
                  {problemText(t, p)}
                </li>
              ))}
            </ul>
          </div>
        )}

        {conflict && (
          <ConflictPanel
            names={namesFrom(lang, { sources, actors, places: place ? [place] : [] })}
            t={t}
            lang={lang}
            conflict={conflict}
            mine={incidentOf(draft).incident}
            onKeepMine={() => save(conflict.revision)}
            onTakeTheirs={() => {
              const d = draftOf(conflict.current);
              saved.current = JSON.stringify(d);
              setDraft(d);
              setRevision(conflict.revision);
              setConflict(null);
            }}
          />
        )}

        <Section title={t('sectionIncident')}>
          <TextField
            label={t('id')}
            hint={t('idHint')}
            path="id"
            value={draft.id}
            readOnly={created}
            onChange={(v) => {
              setIdTouched(true);
              set('id', v);
            }}
            problem={problemAt('id')}
            dirLtr
          />
          <Pair>
            <TextField
              label={t('titleEn')}
              path="title.en"
              value={draft.title.en}
              onChange={(v) => set('title.en', v)}
              problem={problemAt('title.en')}
              lang="en"
            />
            <TextField
              label={t('titleFr')}
              path="title.fr"
              value={draft.title.fr}
              onChange={(v) => set('title.fr', v)}
              problem={problemAt('title.fr')}
              lang="fr"
            />
          </Pair>
          <TextField
            label={t('titleAr')}
            hint={t('arabicHint')}
            path="title.ar"
            value={draft.title.ar}
            onChange={(v) => set('title.ar', v)}
            problem={problemAt('title.ar')}
            lang="ar"
          />
          <Pair>
            <TextArea
              label={t('summaryEn')}
              path="summary.en"
              value={draft.summary.en}
              onChange={(v) => set('summary.en', v)}
              problem={problemAt('summary.en')}
              lang="en"
            />
            <TextArea
              label={t('summaryFr')}
              path="summary.fr"
              value={draft.summary.fr}
              onChange={(v) => set('summary.fr', v)}
              problem={problemAt('summary.fr')}
              lang="fr"
            />
          </Pair>
          <TextArea
            label={t('summaryAr')}
            path="summary.ar"
            value={draft.summary.ar}
            onChange={(v) => set('summary.ar', v)}
            problem={problemAt('summary.ar')}
            lang="ar"
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t('date')}
              type="date"
              pageLang={lang}
              path="date"
              value={draft.date}
              onChange={(v) =>
                update((d) => {
                  // claims made the day of the incident follow its date until they are given their own
                  for (const c of d.claims) if (c.claimedOn === '' || c.claimedOn === d.date) c.claimedOn = v;
                  d.date = v;
                })
              }
              problem={problemAt('date')}
            />
            <SelectField
              label={t('datePrecision')}
              path="datePrecision"
              value={draft.datePrecision}
              options={datePrecisions.map((p) => ({ id: p, name: t(`precision_${p}` as IncidentFormKey) }))}
              onChange={(v) => set('datePrecision', v)}
              problem={problemAt('datePrecision')}
            />
            <SelectField
              label={t('scope')}
              path="scope"
              value={draft.scope}
              options={(['event', 'tally'] as const).map((s) => ({ id: s, name: t(`scope_${s}`) }))}
              onChange={(v) => set('scope', v)}
              problem={problemAt('scope')}
            />
          </div>
          <Pair>
            <SelectField
              label={t('eventType')}
              path="eventType"
              value={draft.eventType}
              options={EVENT_TYPE_IDS.map((id) => ({ id, name: typeLabels[id] }))}
              onChange={(v) =>
                update((d) => {
                  d.eventType = v;
                  d.subEventType = subTypesOf(v)[0] ?? '';
                })
              }
              problem={problemAt('eventType')}
            />
            <SelectField
              label={t('subEventType')}
              path="subEventType"
              value={draft.subEventType}
              options={subTypesOf(draft.eventType).map((id) => ({ id, name: subEventLabel(lang, id) }))}
              onChange={(v) => set('subEventType', v)}
              problem={problemAt('subEventType')}
            />
          </Pair>
        </Section>

        <Section title={t('sectionPlace')}>
          <PlacePicker lang={lang} t={t} value={place} onChange={setPlaceOf} error={problemAt('place')} inputId={fid('place')} />
          <SelectField
            label={t('geoPrecision')}
            path="geoPrecision"
            value={draft.geoPrecision}
            options={(['1', '2', '3'] as const).map((g) => ({ id: g, name: t(`geo_${g}`) }))}
            onChange={(v) => set('geoPrecision', v)}
            problem={problemAt('geoPrecision')}
          />
          {draft.geoPrecision === '2' && (
            <Pair>
              <TextField
                label={t('locationNoteEn')}
                path="locationNote.en"
                value={draft.locationNote.en}
                onChange={(v) => set('locationNote.en', v)}
                problem={problemAt('locationNote.en')}
                lang="en"
              />
              <TextField
                label={t('locationNoteFr')}
                path="locationNote.fr"
                value={draft.locationNote.fr}
                onChange={(v) => set('locationNote.fr', v)}
                problem={problemAt('locationNote.fr')}
                lang="fr"
              />
            </Pair>
          )}
        </Section>

        <Section title={t('sectionActors')}>
          {draft.actors.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own (added and removed, never reordered; every input is controlled)
            <div key={i} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_1fr_auto]">
              <SelectField
                label={t('actor')}
                path={`actors.${i}.actor`}
                value={a.actor}
                options={actorOptions}
                placeholder={t('choose')}
                onChange={(v) => set(`actors.${i}.actor`, v)}
                problem={problemAt(`actors.${i}.actor`)}
              />
              <SelectField
                label={t('side')}
                path={`actors.${i}.side`}
                value={a.side}
                options={(['a', 'b'] as const).map((s) => ({ id: s, name: t(`side_${s}`) }))}
                onChange={(v) => set(`actors.${i}.side`, v)}
              />
              <SelectField
                label={t('role')}
                path={`actors.${i}.role`}
                value={a.role}
                options={(['primary', 'associated'] as const).map((r) => ({ id: r, name: t(`role_${r}`) }))}
                onChange={(v) => set(`actors.${i}.role`, v)}
              />
              <RemoveButton
                label={t('removeNamed', { what: actorOptions.find((o) => o.id === a.actor)?.name ?? t('actor') })}
                onClick={() =>
                  update((d) => {
                    d.actors.splice(i, 1);
                  })
                }
                text={t('remove')}
              />
            </div>
          ))}
          <AddButton
            id={fid('actors')}
            onClick={() => {
              update((d) => {
                d.actors.push({ actor: '', side: d.actors.length === 0 ? 'a' : 'b', role: 'primary' });
              });
              focusSoon(fid(`actors.${draft.actors.length}.actor`));
            }}
            problem={problemAt('actors')}
          >
            {t('addActor')}
          </AddButton>
        </Section>

        <Section title={t('sectionSources')}>
          <IdChips
            label={t('sectionSources')}
            addLabel={t('choose')}
            removeLabel={(n) => t('removeNamed', { what: n })}
            options={sourceOptions}
            value={draft.reportedBy}
            onChange={(ids) => set('reportedBy', ids)}
            error={problemAt('reportedBy')}
            inputId={fid('reportedBy')}
            labelHidden
          />
        </Section>

        <Section title={t('sectionClaims')}>
          <div className="grid gap-6 xl:grid-cols-2">
            {draft.claims.map((c, i) => (
              <ClaimFields
                // biome-ignore lint/suspicious/noArrayIndexKey: a claim's id can be typed, so it is no key; claims are added and removed, never reordered
                key={i}
                i={i}
                claim={c}
                t={t}
                lang={lang}
                draft={draft}
                update={update}
                set={set}
                problemAt={problemAt}
                sources={sourceOptions}
                actors={actorOptions}
                actorNames={actors}
                nearby={nearby}
                canRemove={draft.claims.length > 1}
              />
            ))}
          </div>
          <AddButton
            id="add-claim"
            onClick={() => {
              update((d) => {
                d.claims.push(emptyClaim('', d.date));
              });
              focusSoon(fid(`claims.${draft.claims.length}.claimant`));
            }}
          >
            {t('addClaim')}
          </AddButton>
        </Section>

        <div className="sticky bottom-0 flex flex-wrap items-center gap-4 border-t border-slate-300 bg-white/95 py-3">
          <SaveButton saving={status.kind === 'saving'} label={t('save')} savingLabel={t('saving')} />
          <p role="status" aria-live="polite" className="text-sm" data-testid="save-status">
            {status.kind === 'saved' && (
              <>
                {status.created ? `${t('savedNew')} ` : ''}
                {t('saved', { n: status.revision })}{' '}
                <a className="text-blue-800 underline" href={`/?incident=${encodeURIComponent(draft.id)}&lang=${lang}`}>
                  {t('viewOnMap')}
                </a>
                {' · '}
                <a className="text-blue-800 underline" href={`/editor/incidents/${encodeURIComponent(draft.id)}?lang=${lang}`}>
                  {t('viewHistory')}
                </a>
              </>
            )}
          </p>
          {status.kind === 'failed' && (
            <p role="alert" className="text-sm text-red-800" data-testid="save-failed">
              {status.text}
            </p>
          )}
        </div>
      </fieldset>
    </form>
  );
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

/** Incidents within about 30 km and 10 days of this one: the choices for "already counted in". */
function useNearby(place: PickedPlace | null, date: string, self: string): Nearby[] | null {
  const [nearby, setNearby] = useState<Nearby[] | null>(null);
  useEffect(() => {
    if (!place || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setNearby([]);
      return;
    }
    const day = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(day.getTime())) return;
    const shift = (n: number) => new Date(day.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const d = 0.3;
    const bbox = [place.lon - d, place.lat - d, place.lon + d, place.lat + d].map((x) => x.toFixed(4)).join(',');
    const ctl = new AbortController();
    setNearby(null);
    fetch(`/api/incidents?bbox=${bbox}&from=${shift(-10)}&to=${shift(10)}&limit=50`, { signal: ctl.signal })
      .then((r) => (r.ok ? r.json() : { features: [] }))
      .then(
        (body: {
          features: {
            id: string;
            properties: { title: { en: string; fr: string; ar?: string }; date: string; placeName: { en: string }; tolls: Nearby['tolls'] };
          }[];
        }) =>
          setNearby(
            body.features
              .filter((f) => f.id !== self)
              .map((f) => ({
                id: f.id,
                title: f.properties.title.en,
                date: f.properties.date,
                place: f.properties.placeName.en,
                tolls: f.properties.tolls,
              })),
          ),
        () => {},
      );
    return () => ctl.abort();
  }, [place, date, self]);
  return nearby;
}

function ClaimFields({
  i,
  claim: c,
  t,
  lang,
  draft,
  update,
  problemAt,
  set,
  sources,
  actors,
  actorNames,
  nearby,
  canRemove,
}: {
  i: number;
  claim: ClaimDraft;
  t: FormText;
  lang: Lang;
  draft: IncidentDraft;
  update: (fn: (d: IncidentDraft) => void) => void;
  set: (path: string, v: unknown) => void;
  problemAt: (path: string) => string | undefined;
  sources: { id: string; name: string }[];
  actors: { id: string; name: string }[];
  /** the actors' names in both languages, for a toll line's label */
  actorNames: Named[];
  nearby: Nearby[] | null;
  canRemove: boolean;
}) {
  const at = `claims.${i}`;
  const claim = (fn: (c: ClaimDraft) => void) =>
    update((d) => {
      const x = d.claims[i];
      if (x) fn(x);
    });
  const groups = [{ id: 'civilians', name: t('civilians') }, ...actors];
  return (
    <fieldset className="min-w-0 space-y-4 rounded border border-slate-400 p-4" data-testid={`claim-${i}`}>
      <legend className="px-1 text-lg font-semibold">{t('claim', { n: i + 1 })}</legend>
      <div className="grid gap-3">
        <SelectField
          label={t('claimant')}
          path={`${at}.claimant`}
          value={c.claimant}
          options={sources}
          placeholder={t('choose')}
          onChange={(v) => set(`${at}.claimant`, v)}
          problem={problemAt(`${at}.claimant`)}
        />
        <SelectField
          label={t('via')}
          path={`${at}.via`}
          value={c.via}
          options={sources}
          placeholder={t('none')}
          allowEmpty
          onChange={(v) => set(`${at}.via`, v)}
          problem={problemAt(`${at}.via`)}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={t('claimedOn')}
            type="date"
            pageLang={lang}
            near={draft.date}
            path={`${at}.claimedOn`}
            value={c.claimedOn}
            onChange={(v) => set(`${at}.claimedOn`, v)}
            problem={problemAt(`${at}.claimedOn`)}
          />
          <TextField
            label={t('claimId')}
            hint={t('claimIdHint')}
            path={`${at}.id`}
            value={c.id}
            onChange={(v) => set(`${at}.id`, v)}
            problem={problemAt(`${at}.id`)}
            dirLtr
          />
        </div>
      </div>
      <IdChips
        label={t('perpetrators')}
        addLabel={t('addPerpetrator')}
        removeLabel={(n) => t('removeNamed', { what: n })}
        options={actors}
        value={c.perpetrators}
        onChange={(ids) => set(`${at}.perpetrators`, ids)}
        error={problemAt(`${at}.perpetrators`)}
        inputId={fid(`${at}.perpetrators`)}
      />
      <IdChips
        label={t('targets')}
        addLabel={t('addTarget')}
        removeLabel={(n) => t('removeNamed', { what: n })}
        options={actors}
        value={c.targets}
        onChange={(ids) => set(`${at}.targets`, ids)}
        error={problemAt(`${at}.targets`)}
        inputId={fid(`${at}.targets`)}
      />
      <Pair>
        <TextArea
          label={t('attributionEn')}
          path={`${at}.attribution.en`}
          value={c.attribution.en}
          onChange={(v) => set(`${at}.attribution.en`, v)}
          problem={problemAt(`${at}.attribution.en`)}
          lang="en"
          rows={3}
        />
        <TextArea
          label={t('attributionFr')}
          path={`${at}.attribution.fr`}
          value={c.attribution.fr}
          onChange={(v) => set(`${at}.attribution.fr`, v)}
          problem={problemAt(`${at}.attribution.fr`)}
          lang="fr"
          rows={3}
        />
      </Pair>
      <Pair>
        <TextArea
          label={t('statementEn')}
          path={`${at}.statement.en`}
          value={c.statement.en}
          onChange={(v) => set(`${at}.statement.en`, v)}
          problem={problemAt(`${at}.statement.en`)}
          lang="en"
          rows={3}
        />
        <TextArea
          label={t('statementFr')}
          path={`${at}.statement.fr`}
          value={c.statement.fr}
          onChange={(v) => set(`${at}.statement.fr`, v)}
          problem={problemAt(`${at}.statement.fr`)}
          lang="fr"
          rows={3}
        />
      </Pair>

      <div>
        <h3 className="font-semibold">{t('tollLines')}</h3>
        <p className="text-xs text-slate-600">{t('countHint')}</p>
        {c.casualties.map((l, j) => {
          const lp = `${at}.casualties.${j}`;
          const line = (fn: (l: ClaimDraft['casualties'][number]) => void) =>
            claim((x) => {
              const y = x.casualties[j];
              if (y) fn(y);
            });
          const other = nearby?.find((n) => n.id === l.countedIn);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own (added and removed, never reordered; every input is controlled)
            <div key={j} className="mt-3 space-y-2 border-s-4 border-slate-300 ps-3" data-testid={`line-${i}-${j}`}>
              <div className="flex items-end gap-3">
                <div className="min-w-0 flex-1">
                  <SelectField
                    label={t('group')}
                    path={`${lp}.group`}
                    value={l.group}
                    options={groups}
                    onChange={(v) =>
                      line((x) => {
                        x.group = v;
                        // the label follows the group chosen, in both languages; the editor can reword it
                        const actor = actorNames.find((a) => a.id === v);
                        if (v === 'civilians') x.label = { en: 'civilians', fr: 'civils' };
                        else if (actor) x.label = { ...actor.name };
                      })
                    }
                    problem={problemAt(`${lp}.group`)}
                  />
                </div>
                <RemoveButton
                  label={t('removeNamed', { what: `${t('tollLines')} ${j + 1}` })}
                  text={t('remove')}
                  onClick={() =>
                    claim((x) => {
                      x.casualties.splice(j, 1);
                    })
                  }
                />
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField
                  label={t('labelEn')}
                  path={`${lp}.label.en`}
                  value={l.label.en}
                  onChange={(v) => set(`${lp}.label.en`, v)}
                  problem={problemAt(`${lp}.label.en`)}
                  lang="en"
                />
                <TextField
                  label={t('labelFr')}
                  path={`${lp}.label.fr`}
                  value={l.label.fr}
                  onChange={(v) => set(`${lp}.label.fr`, v)}
                  problem={problemAt(`${lp}.label.fr`)}
                  lang="fr"
                />
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <CountField
                  t={t}
                  label={t('killed')}
                  path={`${lp}.killed`}
                  value={l.killed}
                  onChange={(v) => set(`${lp}.killed`, v)}
                  problemAt={problemAt}
                />
                <CountField
                  t={t}
                  label={t('wounded')}
                  path={`${lp}.wounded`}
                  value={l.wounded}
                  onChange={(v) => set(`${lp}.wounded`, v)}
                  problemAt={problemAt}
                />
              </div>
              <SelectField
                label={t('countedIn')}
                hint={nearby === null ? t('nearbyLoading') : nearby.length === 0 ? t('nearbyNone') : t('countedInHint')}
                path={`${lp}.countedIn`}
                value={l.countedIn}
                options={[
                  ...(nearby ?? []).map((n) => ({ id: n.id, name: `${n.date} · ${n.place} · ${n.title}` })),
                  // a link to an incident not near (or not loaded yet) stays choosable
                  ...(l.countedIn && !other ? [{ id: l.countedIn, name: l.countedIn }] : []),
                ]}
                placeholder={t('countedInNone')}
                allowEmpty
                onChange={(v) => set(`${lp}.countedIn`, v)}
                problem={problemAt(`${lp}.countedIn`)}
              />
              {other && <CountedInPreview t={t} lang={lang} draft={draft} line={[i, j]} other={other} />}
            </div>
          );
        })}
        <AddButton
          onClick={() => {
            claim((x) => {
              x.casualties.push(emptyLine());
            });
            focusSoon(fid(`${at}.casualties.${c.casualties.length}.group`));
          }}
        >
          {t('addLine')}
        </AddButton>
      </div>

      <div>
        <h3 className="font-semibold">{t('equipment')}</h3>
        {c.equipment.map((e, k) => {
          const ep = `${at}.equipment.${k}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own (added and removed, never reordered; every input is controlled)
            <div key={k} className="mt-3 grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]" data-testid={`equipment-${i}-${k}`}>
              <TextField
                label={t('item')}
                path={`${ep}.item.en`}
                value={e.item.en}
                onChange={(v) => set(`${ep}.item.en`, v)}
                problem={problemAt(`${ep}.item.en`)}
                lang="en"
              />
              <TextField
                label={t('itemFr')}
                path={`${ep}.item.fr`}
                value={e.item.fr}
                onChange={(v) => set(`${ep}.item.fr`, v)}
                problem={problemAt(`${ep}.item.fr`)}
                lang="fr"
              />
              <RemoveButton
                label={t('removeNamed', { what: e.item.en || t('equipment') })}
                text={t('remove')}
                onClick={() =>
                  claim((x) => {
                    x.equipment.splice(k, 1);
                  })
                }
              />
              <CountField
                t={t}
                label={t('equipment')}
                path={`${ep}.count`}
                value={e.count}
                onChange={(v) => set(`${ep}.count`, v)}
                problemAt={problemAt}
              />
              <SelectField
                label={t('owner')}
                path={`${ep}.owner`}
                value={e.owner}
                options={actors}
                placeholder={t('none')}
                allowEmpty
                onChange={(v) => set(`${ep}.owner`, v)}
                problem={problemAt(`${ep}.owner`)}
              />
            </div>
          );
        })}
        <AddButton
          onClick={() => {
            claim((x) => {
              x.equipment.push(emptyEquipment());
            });
            focusSoon(fid(`${at}.equipment.${c.equipment.length}.item.en`));
          }}
        >
          {t('addEquipment')}
        </AddButton>
      </div>
      {canRemove && (
        <button
          type="button"
          onClick={() =>
            update((d) => {
              d.claims.splice(i, 1);
            })
          }
          className="text-sm text-red-800 underline"
        >
          {t('removeClaim')}
        </button>
      )}
    </fieldset>
  );
}

function CountedInPreview({
  t,
  lang,
  draft,
  line,
  other,
}: {
  t: FormText;
  lang: Lang;
  draft: IncidentDraft;
  line: [number, number];
  other: Nearby;
}) {
  const p = countedInPreview(draft, line, { id: other.id, claims: other.tolls });
  const r = (x: Range | null) => (x ? formatRange(x, lang) : t('notReported'));
  return (
    <div className="rounded bg-slate-100 p-2 text-sm" data-testid="counted-in-preview">
      <p className="font-medium">{t('previewTitle', { other: other.title })}</p>
      <p>{t('previewWith', { killed: r(p.with.killed), wounded: r(p.with.wounded) })}</p>
      <p className="text-slate-600">{t('previewWithout', { killed: r(p.without.killed), wounded: r(p.without.wounded) })}</p>
    </div>
  );
}

function ConflictPanel({
  t,
  lang,
  names,
  conflict,
  mine,
  onKeepMine,
  onTakeTheirs,
}: {
  t: FormText;
  lang: Lang;
  names: Names;
  conflict: { current: Incident; revision: number; who: string | null };
  mine: Incident | null;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const fields = mine ? diffRecords(conflict.current, mine) : [];
  return (
    <section
      role="alert"
      aria-labelledby="conflict-heading"
      className="rounded border-2 border-amber-600 bg-amber-50 p-4"
      data-testid="edit-conflict"
    >
      <h2 id="conflict-heading" className="text-lg font-semibold">
        {t('conflictHeading')}
      </h2>
      <p className="mt-1 text-sm">{t('conflictText', { who: conflict.who ?? '—', n: conflict.revision })}</p>
      <FieldChanges
        fields={fields}
        readable={readable({ lang, names, records: [mine, conflict.current], words: { absent: t('valueAbsent'), none: t('valueNone') } })}
        words={{ field: t('field'), before: t('conflictTheirs'), after: t('conflictMine'), changedText: fieldWords(lang)('changedText') }}
      />
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" onClick={onKeepMine} className="rounded bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white">
          {t('conflictKeepMine')}
        </button>
        <button type="button" onClick={onTakeTheirs} className="rounded border border-slate-500 bg-white px-3 py-1.5 text-sm font-medium">
          {t('conflictTakeTheirs')}
        </button>
      </div>
    </section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-4">
      <h2 className="border-b border-slate-300 pb-1 text-xl font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Pair({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 md:grid-cols-2">{children}</div>;
}

function Problem({ path, text }: { path: string; text?: string }) {
  if (!text) return null;
  return (
    <p id={`${fid(path)}-problem`} className="mt-1 text-sm text-red-800" data-problem-for={fid(path)}>
      {text}
    </p>
  );
}

const inputClass =
  'mt-1 w-full text-start rounded border border-slate-500 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2';
/** text areas grow with what is typed (where the browser can), from their rows */
const areaClass = `${inputClass} [field-sizing:content] min-h-[4.5rem]`;

function TextField({
  label,
  hint,
  path,
  value,
  onChange,
  problem,
  type = 'text',
  readOnly,
  lang,
  dirLtr,
  pageLang,
  near,
}: {
  label: string;
  hint?: string;
  path: string;
  value: string;
  onChange: (v: string) => void;
  problem?: string;
  type?: 'text' | 'date';
  readOnly?: boolean;
  /** the language of the text typed (a summary's) */
  lang?: Lang;
  dirLtr?: boolean;
  /** the page's language: a date's format */
  pageLang?: Lang;
  /** an empty date's calendar opens there */
  near?: string;
}) {
  const id = fid(path);
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  if (type === 'date')
    return (
      <div className="min-w-0">
        <DateField
          id={id}
          name={path}
          label={label}
          lang={pageLang ?? 'en'}
          value={value}
          onChange={onChange}
          invalid={!!problem}
          near={near}
          describedBy={described}
          labelClass="block text-sm font-medium"
          boxClass={inputClass}
        />
        <Problem path={path} text={problem} />
      </div>
    );
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={path}
        type={type}
        value={value}
        readOnly={readOnly}
        lang={lang}
        dir={lang === 'ar' ? 'rtl' : dirLtr || lang ? 'ltr' : undefined}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described}
        className={`${inputClass} ${readOnly ? 'bg-slate-100 text-slate-700' : ''}`}
      />
      <Problem path={path} text={problem} />
    </div>
  );
}

function TextArea({
  label,
  path,
  value,
  onChange,
  problem,
  lang,
  rows = 3,
}: {
  label: string;
  path: string;
  value: string;
  onChange: (v: string) => void;
  problem?: string;
  lang?: Lang;
  rows?: number;
}) {
  const id = fid(path);
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={path}
        rows={rows}
        value={value}
        lang={lang}
        dir={lang === 'ar' ? 'rtl' : 'ltr'}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        className={areaClass}
      />
      <Problem path={path} text={problem} />
    </div>
  );
}

function SelectField({
  label,
  hint,
  path,
  value,
  options,
  onChange,
  problem,
  placeholder,
  allowEmpty,
}: {
  label: string;
  hint?: string;
  path: string;
  value: string;
  options: { id: string; name: string }[];
  onChange: (v: string) => void;
  problem?: string;
  /** the first, empty option's words; with `allowEmpty` it is a choice, otherwise a prompt */
  placeholder?: string;
  allowEmpty?: boolean;
}) {
  const id = fid(path);
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={path}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described}
        className={inputClass}
      >
        {(placeholder !== undefined || value === '') && (
          <option value="" disabled={!allowEmpty}>
            {placeholder ?? ''}
          </option>
        )}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <Problem path={path} text={problem} />
    </div>
  );
}

/** A figure: from and to, either blank; blank both is "not reported". */
function CountField({
  t,
  label,
  path,
  value,
  onChange,
  problemAt,
}: {
  t: FormText;
  label: string;
  path: string;
  value: CountDraft;
  onChange: (v: CountDraft) => void;
  problemAt: (path: string) => string | undefined;
}) {
  const whole = problemAt(path);
  return (
    <fieldset className="min-w-0" aria-describedby={whole ? `${fid(path)}-problem` : undefined}>
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex items-start gap-2">
        {(['low', 'high'] as const).map((side) => {
          const p = `${path}.${side}`;
          const problem = problemAt(p);
          return (
            <div key={side} className="min-w-0 flex-1">
              <label htmlFor={fid(p)} className="text-xs text-slate-700">
                {t(side)}
              </label>
              <input
                id={fid(p)}
                name={p}
                inputMode="numeric"
                value={value[side]}
                onChange={(e) => onChange({ ...value, [side]: e.target.value })}
                aria-invalid={problem || whole ? true : undefined}
                aria-describedby={problem ? `${fid(p)}-problem` : undefined}
                className={`${inputClass} mt-0`}
                dir="ltr"
              />
              <Problem path={p} text={problem} />
            </div>
          );
        })}
      </div>
      <Problem path={path} text={whole} />
    </fieldset>
  );
}

function AddButton({ children, onClick, id, problem }: { children: ReactNode; onClick: () => void; id?: string; problem?: string }) {
  return (
    <div>
      <button
        id={id}
        type="button"
        onClick={onClick}
        aria-describedby={problem && id ? `${id}-problem` : undefined}
        className="mt-2 rounded border border-slate-500 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
      >
        + {children}
      </button>
      {problem && id && (
        <p id={`${id}-problem`} className="mt-1 text-sm text-red-800">
          {problem}
        </p>
      )}
    </div>
  );
}

function RemoveButton({ label, text, onClick }: { label: string; text: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      className="mb-1 rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100"
    >
      {text}
    </button>
  );
}
