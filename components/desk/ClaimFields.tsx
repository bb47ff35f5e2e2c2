'use client';
import { type ClaimDraft, countedInPreview, emptyEquipment, emptyLine, type IncidentDraft } from '@/lib/incident/draft';
import type { Named } from '@/lib/desk/types';
import type { Range } from '@/lib/domain/casualties';
import { formatRange } from '@/lib/format';
import type { FormText } from '@/lib/i18n/incident-form';
import type { Lang } from '@/lib/i18n/messages';
import { AddButton, CountField, fid, focusSoon, Pair, RemoveButton, SelectField, TextArea, TextField } from './form-kit';
import { IdChips } from './IdChips';
import type { Nearby } from './use-nearby';

/** One claim of the incident: who says it, through whom, whom it blames, its toll lines and equipment. */
export function ClaimFields({
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
