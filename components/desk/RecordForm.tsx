'use client';
// first: no zod check may run before it is told not to compile code (CSP)
import '@/components/zod-jitless';

import * as maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PALETTES } from '@/geo/palette';
import { type DraftProblem, problemOf } from '@/lib/incident/draft';
import { actorSchema, placeKinds, placeSchema, sourceKinds, sourceSchema } from '@/lib/domain/schema';
import { foldText } from '@/lib/domain/text';
import { formText, problemText } from '@/lib/i18n/incident-form';
import type { Lang } from '@/lib/i18n/messages';
import { kindKey, type RecordsKey, recordsText } from '@/lib/i18n/records';
import { SelectField, TextArea, TextField } from './form-kit';
import { createSmallMap } from './small-map';
import { SaveButton } from './SaveButton';

export type RecordKind = 'place' | 'source' | 'actor';
const ACTOR_KINDS = actorSchema.shape.kind.options;

type Values = Record<string, string>;

/** The inputs' text of a stored record (or of none). */
function valuesOf(kind: RecordKind, r: Record<string, unknown> | null): Values {
  const name = (r?.name ?? {}) as Record<string, string>;
  const base = { id: String(r?.id ?? ''), 'name.en': name.en ?? '', 'name.fr': name.fr ?? '' };
  if (kind === 'source')
    return { ...base, kind: String(r?.kind ?? 'news agency'), language: String(r?.language ?? ''), url: String(r?.url ?? '') };
  if (kind === 'actor') return { ...base, kind: String(r?.kind ?? 'state-forces') };
  return {
    ...base,
    'name.ar': name.ar ?? '',
    aliases: ((r?.aliases as string[] | undefined) ?? []).join('\n'),
    lat: r?.lat === undefined ? '' : String(r.lat),
    lon: r?.lon === undefined ? '' : String(r.lon),
    geonamesId: r?.geonamesId == null ? '' : String(r.geonamesId),
    admin1: String(r?.admin1 ?? 'Idlib'),
    admin2: r?.admin2 == null ? '' : String(r.admin2),
    kind: String(r?.kind ?? 'village'),
    coordinateNote: String(r?.coordinateNote ?? ''),
  };
}

/** The record the inputs stand for, as the API takes it (checked by the same schema). */
function recordOf(kind: RecordKind, v: Values) {
  const name = { en: v['name.en']?.trim() ?? '', fr: v['name.fr']?.trim() ?? '' };
  if (kind === 'source')
    return sourceSchema.safeParse({ id: v.id?.trim(), name, kind: v.kind, language: v.language?.trim(), url: v.url?.trim() || null });
  if (kind === 'actor') return actorSchema.safeParse({ id: v.id?.trim(), name, kind: v.kind });
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? Number.NaN : Number(s));
  return placeSchema.safeParse({
    id: v.id?.trim(),
    name: { ...name, ar: v['name.ar']?.trim() ?? '' },
    aliases: (v.aliases ?? '')
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean),
    lat: num(v.lat),
    lon: num(v.lon),
    geonamesId: v.geonamesId?.trim() ? Number(v.geonamesId) : null,
    admin1: v.admin1?.trim(),
    admin2: v.admin2?.trim() || null,
    kind: v.kind,
    coordinateNote: v.coordinateNote?.trim(),
  });
}

/**
 * The desk's small editor of a place, a source or an actor: its fields with their errors beside
 * them in the editor's language, saved whole with PUT; a new place warns when another place has
 * its name (the two villages called Al-Nayrab), and takes its position from a click on a map.
 */
export function RecordForm({
  kind,
  lang,
  csrf,
  initial,
  positionFixed = false,
}: {
  kind: RecordKind;
  lang: Lang;
  csrf: string;
  initial: Record<string, unknown> | null;
  /** a place incidents are located at: its position cannot change */
  positionFixed?: boolean;
}) {
  const t = useMemo(() => recordsText(lang), [lang]);
  const ft = useMemo(() => formText(lang), [lang]);
  const [values, setValues] = useState<Values>(() => valuesOf(kind, initial));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'created' } | { kind: 'failed'; text: string }>({
    kind: 'idle',
  });
  const [created, setCreated] = useState(initial !== null);
  const [sameName, setSameName] = useState<string[]>([]);
  // false in the server's render: the fields are disabled until the form is hydrated
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const set = (k: string, v: string) => {
    setValues((x) => ({ ...x, [k]: v }));
    // a field corrected no longer shows its problem
    setProblems((ps) => (ps.some((p) => p.path === k) ? ps.filter((p) => p.path !== k) : ps));
  };
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? Number.NaN : Number(s));
  const problemAt = (path: string) => {
    const p = problems.find((x) => x.path === path);
    return p ? problemText(ft, p) : undefined;
  };

  // a place named like another: said before saving, not refused (two villages may share a name)
  useEffect(() => {
    if (kind !== 'place') return;
    const names = [values['name.en'], values['name.fr'], values['name.ar']].map((n) => foldText(n ?? '')).filter((n) => n.length >= 2);
    if (names.length === 0) return setSameName([]);
    const ctl = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const found = await Promise.all(
          [...new Set(names)].map(async (n) => {
            const res = await fetch(`/api/places?q=${encodeURIComponent(n)}&limit=10`, { signal: ctl.signal });
            return (
              ((await res.json()) as { features?: { id: string; properties: { name: Record<Lang, string>; admin1: string } }[] })
                .features ?? []
            );
          }),
        );
        const others = new Map<string, string>();
        for (const f of found.flat())
          if (f.id !== values.id && Object.values(f.properties.name).some((n) => names.includes(foldText(n))))
            others.set(f.id, `${f.properties.name[lang] || f.properties.name.en}, ${f.properties.admin1}`);
        setSameName([...others.values()]);
      } catch {
        // aborted by the next keystroke, or offline: no warning rather than a wrong one
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [kind, values['name.en'], values['name.fr'], values['name.ar'], values.id, lang]);

  async function save() {
    const parsed = recordOf(kind, values);
    if (!parsed.success) {
      const ps = parsed.error.issues.map(problemOf);
      setProblems(ps);
      setStatus({ kind: 'idle' });
      requestAnimationFrame(() => document.getElementById(`r-${ps[0]?.path.replace(/\./g, '-')}`)?.focus());
      return;
    }
    setProblems([]);
    setStatus({ kind: 'saving' });
    try {
      const res = await fetch(`/api/${kind}s/${encodeURIComponent(parsed.data.id)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(parsed.data),
      });
      const body = (await res.json().catch(() => null)) as { detail?: string; invalidParams?: { name: string; reason: string }[] } | null;
      if (res.ok) {
        if (!created) window.history.replaceState(null, '', `/editor/records/${kind}/${encodeURIComponent(parsed.data.id)}?lang=${lang}`);
        setCreated(true);
        setStatus({ kind: res.status === 201 ? 'created' : 'saved' });
      } else if (res.status === 422 && body?.invalidParams) {
        setProblems(body.invalidParams.map((p) => ({ path: p.name, code: 'other', detail: p.reason })));
        setStatus({ kind: 'idle' });
      } else setStatus({ kind: 'failed', text: t('failed', { detail: body?.detail ?? `HTTP ${res.status}` }) });
    } catch {
      setStatus({ kind: 'failed', text: ft('offline') });
    }
  }

  // the desk's form kit (form-kit.tsx), its ids prefixed "r-"
  const text = (path: string, label: RecordsKey, o: { hint?: RecordsKey; lang?: Lang; readOnly?: boolean; area?: boolean } = {}) =>
    o.area ? (
      <TextArea
        idPrefix="r"
        label={t(label)}
        path={path}
        value={values[path] ?? ''}
        onChange={(v) => set(path, v)}
        problem={problemAt(path)}
        lang={o.lang}
      />
    ) : (
      <TextField
        idPrefix="r"
        label={t(label)}
        hint={o.hint && t(o.hint)}
        path={path}
        value={values[path] ?? ''}
        onChange={(v) => set(path, v)}
        problem={problemAt(path)}
        readOnly={o.readOnly}
        lang={o.lang}
      />
    );
  const select = (path: string, label: RecordsKey, options: readonly string[]) => (
    <SelectField
      idPrefix="r"
      label={t(label)}
      path={path}
      value={values[path] ?? ''}
      options={options.map((o) => ({ id: o, name: t(kindKey(kind, o)) }))}
      onChange={(v) => set(path, v)}
    />
  );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      className="mt-4 space-y-4"
      data-testid="record-form"
    >
      {/* disabled until the page is live: typed before, a value would be lost when the form takes over */}
      <fieldset disabled={!live} className="contents space-y-4">
        {problems.length > 0 && (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900">
            {problems.length === 1 ? t('notSaved1') : t('notSaved', { n: problems.length })}
          </p>
        )}
        {text('id', 'id', { hint: 'idHint', readOnly: created })}
        <div className="grid gap-4 md:grid-cols-2">
          {text('name.en', 'nameEn', { lang: 'en' })}
          {text('name.fr', 'nameFr', { lang: 'fr' })}
        </div>
        {kind === 'place' && text('name.ar', 'nameAr', { lang: 'ar' })}
        {sameName.length > 0 && (
          <p role="status" className="rounded border border-amber-500 bg-amber-50 p-3 text-sm text-amber-950" data-testid="same-name">
            {t('sameName', { places: sameName.join(' · ') })}
          </p>
        )}
        {kind === 'source' && (
          <>
            {select('kind', 'kind', sourceKinds)}
            {text('language', 'language', { hint: 'languageHint' })}
            {text('url', 'url')}
          </>
        )}
        {kind === 'actor' && select('kind', 'kind', ACTOR_KINDS)}
        {kind === 'place' && (
          <>
            {select('kind', 'kind', placeKinds)}
            {text('aliases', 'aliases', { area: true })}
            <div className="grid gap-4 md:grid-cols-2">
              {text('lat', 'lat', { hint: positionFixed ? undefined : 'coordsHint', readOnly: positionFixed })}
              {text('lon', 'lon', { readOnly: positionFixed })}
            </div>
            {positionFixed && <p className="text-sm text-slate-700">{t('coordsFixed')}</p>}
            <PositionMap
              label={t('mapLabel')}
              lang={lang}
              lat={num(values.lat)}
              lon={num(values.lon)}
              fixed={positionFixed}
              onPick={(lon, lat) => {
                set('lon', lon.toFixed(5));
                set('lat', lat.toFixed(5));
              }}
            />
            <div className="grid gap-4 md:grid-cols-3">
              {text('admin1', 'admin1')}
              {text('admin2', 'admin2')}
              {text('geonamesId', 'geonamesId')}
            </div>
            {text('coordinateNote', 'coordinateNote', { area: true })}
          </>
        )}
        <div className="flex flex-wrap items-center gap-4">
          <SaveButton saving={status.kind === 'saving'} label={t('save')} savingLabel={t('saving')} />
          <p role="status" className="text-sm" data-testid="record-status">
            {status.kind === 'saved' ? t('saved') : status.kind === 'created' ? t('created') : ''}
          </p>
          {status.kind === 'failed' && (
            <p role="alert" className="text-sm text-red-800">
              {status.text}
            </p>
          )}
        </div>
      </fieldset>
    </form>
  );
}

/** A small map of a place's position: a click sets it, the marker can be dragged (unless the position is fixed). */
function PositionMap({
  label,
  lang,
  lat,
  lon,
  fixed,
  onPick,
}: {
  label: string;
  lang: Lang;
  lat: number;
  lon: number;
  fixed: boolean;
  onPick: (lon: number, lat: number) => void;
}) {
  const box = useRef<HTMLElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const valid = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

  // biome-ignore lint/correctness/useExhaustiveDependencies: made once; the position is followed below
  useEffect(() => {
    if (!box.current) return;
    let m: maplibregl.Map;
    try {
      m = createSmallMap(box.current, { lang, center: valid ? [lon, lat] : null, zoom: 11, maxZoom: 15 });
    } catch {
      return;
    }
    map.current = m;
    const mk = new maplibregl.Marker({ draggable: !fixed, color: PALETTES.light.types.battles });
    mk.on('dragend', () => pick.current(mk.getLngLat().lng, mk.getLngLat().lat));
    marker.current = mk;
    if (!fixed) m.on('click', (e) => pick.current(e.lngLat.lng, e.lngLat.lat));
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const mk = marker.current;
    if (!m || !mk) return;
    if (!valid) {
      mk.remove();
      return;
    }
    mk.setLngLat([lon, lat]).addTo(m);
    if (!m.getBounds().contains([lon, lat])) m.easeTo({ center: [lon, lat] });
  }, [lat, lon, valid]);

  return (
    <section
      ref={box}
      aria-label={label}
      className="h-64 w-full overflow-hidden rounded border border-slate-300"
      data-testid="position-map"
    />
  );
}
