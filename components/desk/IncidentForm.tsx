'use client';
// first: no zod check may run before it is told not to compile code (CSP)
import '@/components/zod-jitless';

import { namesFrom } from '@/lib/history/readable';
import { emptyClaim, incidentOf, subTypesOf } from '@/lib/incident/draft';
import type { Named, PickedPlace } from '@/lib/desk/types';
import { datePrecisions, type Incident } from '@/lib/domain/schema';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
import { formatTimeUtc } from '@/lib/format';
import { fieldName, type IncidentFormKey, problemText } from '@/lib/i18n/incident-form';
import { EVENT_TYPE_LABELS, type Lang, subEventLabel } from '@/lib/i18n/messages';
import { ClaimFields } from './ClaimFields';
import { ConflictPanel } from './ConflictPanel';
import { AddButton, fid, focusSoon, Pair, RemoveButton, Section, SelectField, TextArea, TextField } from './form-kit';
import { IdChips } from './IdChips';
import { PlacePicker } from './PlacePicker';
import { SaveButton } from './SaveButton';
import { useIncidentDraft } from './use-incident-draft';

/**
 * The incident editor: the incident's fields, its place (searched by name or picked on a map),
 * its actors and sources, and its claims side by side, each with its toll lines and equipment.
 * Saved with PUT /api/incidents/{id} and the revision it was read at: a save refused because
 * someone else saved meanwhile shows both versions; a save that fails keeps everything typed,
 * and every keystroke is kept as a draft in this browser until the incident is saved
 * (use-incident-draft.ts).
 */
export function IncidentForm(props: {
  lang: Lang;
  csrf: string;
  /** null for a new incident */
  initial: Incident | null;
  initialRevision: number | null;
  initialPlace: PickedPlace | null;
  sources: Named[];
  actors: Named[];
}) {
  const { lang, sources, actors } = props;
  const {
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
  } = useIncidentDraft(props);
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
            onTakeTheirs={() => takeTheirs(conflict)}
          />
        )}

        <Section title={t('sectionIncident')}>
          <TextField
            label={t('id')}
            hint={t('idHint')}
            path="id"
            value={draft.id}
            readOnly={created}
            onChange={setId}
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
