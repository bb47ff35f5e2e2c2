'use client';
import { useEffect, useRef } from 'react';
import type { IncidentDetailProps, IncidentBriefProps } from '@/lib/incident/geojson';
import { formatDay, formatIncidentDate, formatRange, curlyQuotes, listSeparator } from '@/lib/format';
import type { Range } from '@/lib/domain/casualties';
import { ApiError, useIncident } from '@/lib/hooks';
import { EVENT_TYPE_LABELS, subEventInline, type Lang, type Translate } from '@/lib/i18n/messages';
import { inEnglishFor, shownLang, type Texts, textAttrs, textIn } from '@/lib/i18n/text';
import { ContestedMark, Toll, TollTable } from './Toll';

interface Props {
  id: string;
  /** what the list already knows, shown while the details load */
  summary: IncidentBriefProps | undefined;
  lang: Lang;
  t: Translate;
  onClose(): void;
  onSelectPlace(id: string): void;
  /** titles of other incidents, to name the one a toll line is also counted in */
  titleOf(id: string): string | undefined;
  /** in a column rather than a popup: take the column's width */
  fill?: boolean;
  /** details already in hand (an embed's data, a frozen snapshot): shown as they are, nothing fetched */
  given?: IncidentDetailProps;
  /** for a signed-in editor: the incident's editor and history pages */
  editorLinks?: { edit: string; history: string };
}

const precisionKey = { 1: 'precision1', 2: 'precision2', 3: 'precision3' } as const;

/** A figure that really spans a range: the claims differ (one value everywhere needs no "range across"). */
const isRange = (r: Range | null) => !!r && r.low !== r.high;

export default function IncidentDetails({
  id,
  summary,
  lang,
  t,
  onClose,
  onSelectPlace,
  titleOf,
  fill = false,
  given,
  editorLinks,
}: Props) {
  const fetched = useIncident(given ? null : id);
  const { error, isLoading, mutate } = fetched;
  const data = given ? { properties: given } : fetched.data;
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the heading whenever another incident opens
  useEffect(() => heading.current?.focus({ preventScroll: true }), [id]);

  const p: IncidentBriefProps | IncidentDetailProps | undefined = data?.properties ?? summary;
  const detail = data?.properties;
  const named = (x: Texts | undefined, id: string) => (x ? textIn(x, lang) : id);
  const sourceName = (sid: string) => named(detail?.sources.find((s) => s.id === sid)?.name, sid);
  const actorName = (aid: string) => named(detail?.actorIndex.find((a) => a.id === aid)?.name, aid);
  // an Arabic reader sees the texts nobody has written in Arabic in English, and is told so once
  const inEnglish = !!p && (inEnglishFor(p.title, lang) || inEnglishFor(p.summary, lang) || (lang === 'ar' && !!detail?.claims.length));

  return (
    <article
      className={`${fill ? 'w-full' : 'w-[min(92vw,380px)]'} bg-white p-4 pe-8 text-sm text-slate-900`}
      data-testid="incident-details"
      aria-labelledby={`incident-title-${id}`}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      {p ? (
        <>
          <h2 id={`incident-title-${id}`} ref={heading} tabIndex={-1} className="text-base leading-snug font-semibold outline-none">
            <span {...textAttrs(p.title, lang)}>{textIn(p.title, lang)}</span>
          </h2>
          {/* one line of when, where and what; then the toll and why it is contested; then the claims, the heart of it */}
          <p className="mt-1 text-slate-700" data-testid="incident-meta">
            <span className="sr-only">
              {t('date')}
              {t('colon')}
            </span>
            {formatIncidentDate(p.date, p.datePrecision, lang)} ·{' '}
            <button type="button" className="text-blue-800 underline underline-offset-2" onClick={() => onSelectPlace(p.placeId)}>
              {p.placeName[lang]}
            </button>{' '}
            <span className="text-slate-600">({p.locationNote ? textIn(p.locationNote, lang) : t(precisionKey[p.geoPrecision])})</span> ·{' '}
            {EVENT_TYPE_LABELS[lang][p.eventType]}
            {listSeparator(lang)}
            {subEventInline(lang, p.subEventType)}
          </p>
          {editorLinks && (
            <p className="mt-1 text-xs" data-testid="editor-links">
              <a href={editorLinks.edit} className="font-medium text-blue-800 underline">
                {t('editIncident')}
              </a>
              {' · '}
              <a href={editorLinks.history} className="text-blue-800 underline">
                {t('incidentHistory')}
              </a>
            </p>
          )}
          <section className="mt-2" aria-label={t('casualties')} data-testid="casualties">
            <p className="flex flex-wrap items-baseline gap-x-4">
              <span>
                {t('killed')}
                {t('colon')}
                <Toll range={p.killed} lang={lang} t={t} />
              </span>
              <span>
                {t('wounded')}
                {t('colon')}
                <Toll range={p.wounded} lang={lang} t={t} />
              </span>
              {detail && detail.claims.length > 1 && (isRange(p.killed) || isRange(p.wounded)) && (
                <span className="text-xs text-slate-600">{t('acrossClaims', { n: detail.claims.length })}</span>
              )}
            </p>
            <div className="mt-1">
              <ContestedMark reasons={p.contested} t={t} />
            </div>
          </section>

          <section className="mt-3" aria-label={t('claimsSideBySide')}>
            <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('claimsSideBySide')}</h3>
            {isLoading && !detail && (
              <p role="status" className="mt-1 text-slate-600">
                {t('loadingDetails')}
              </p>
            )}
            {error && (
              <p role="alert" className="mt-1 text-red-800">
                {error instanceof ApiError && error.status === 404 ? t('incidentNotFound') : t('detailError', { reason: error.message })}{' '}
                <button type="button" className="underline" onClick={() => mutate()}>
                  {t('retry')}
                </button>
              </p>
            )}
            {detail && (
              <ol className="mt-1 space-y-2" data-testid="claims">
                {detail.claims.map((c) => (
                  <li key={c.id} className="rounded border border-slate-200 p-2" data-testid="claim">
                    <p className="font-semibold">{sourceName(c.claimant)}</p>
                    <p className="text-xs text-slate-600">
                      {t('claimOn', { date: formatDay(c.claimedOn, lang) })}
                      {c.via ? ` · ${t('via', { source: sourceName(c.via) })}` : ''}
                    </p>
                    <p className="mt-1" data-testid="attribution">
                      <span className="text-slate-600">
                        {t('blames')}
                        {t('colon')}
                      </span>
                      {c.perpetrators.length ? c.perpetrators.map(actorName).join(listSeparator(lang)) : <em>{t('blamesNobody')}</em>}
                      <span className="block text-xs text-slate-700" {...textAttrs(c.attribution, lang)}>
                        {curlyQuotes(textIn(c.attribution, lang), shownLang(c.attribution, lang))}
                      </span>
                    </p>
                    {c.casualties.length > 0 && (
                      <ul className="mt-1 text-xs">
                        {c.casualties.map((l, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: a claim's toll lines have no id and never reorder
                          <li key={i}>
                            <span {...textAttrs(l.label, lang)}>{textIn(l.label, lang)}</span> — {t('killed').toLowerCase()}{' '}
                            <Toll range={l.killed} lang={lang} t={t} />, {t('wounded').toLowerCase()}{' '}
                            <Toll range={l.wounded} lang={lang} t={t} />
                            {l.countedIn && (
                              <span className="block text-slate-600">
                                ↳ {t('countedElsewhere', { title: titleOf(l.countedIn) ?? l.countedIn })}
                              </span>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                    {c.equipment.length > 0 && (
                      <p className="mt-1 text-xs">
                        {t('equipment')}
                        {t('colon')}
                        {c.equipment.map((e) => `${formatRange(e.count, lang)} ${textIn(e.item, lang)}`).join(listSeparator(lang))}
                      </p>
                    )}
                    <p className="mt-1 text-xs text-slate-800" {...textAttrs(c.statement, lang)}>
                      {textIn(c.statement, lang)}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {detail?.claims.some((c) => c.casualties.some((l) => l.countedIn)) && (
              <p className="mt-1 text-xs text-slate-600">{t('countedOnce')}</p>
            )}
          </section>
          {detail && detail.casualties.groups.length > 0 && (
            <details className="mt-3">
              <summary className="cursor-pointer text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('bySide')}</summary>
              <TollTable
                caption={t('bySide')}
                nameHeader={t('group')}
                rows={detail.casualties.groups.map((g) => ({
                  key: g.group,
                  name: actorName(g.group),
                  killed: g.killed,
                  wounded: g.wounded,
                }))}
                lang={lang}
                t={t}
              />
            </details>
          )}
          <p className="mt-3 text-slate-800" {...textAttrs(p.summary, lang)}>
            {textIn(p.summary, lang)}
          </p>
          {inEnglish && (
            <p className="mt-2 text-xs text-slate-600" data-testid="arabic-fallback">
              {t('arabicFallback')}
            </p>
          )}
          {p.scope === 'tally' && <p className="mt-2 rounded bg-slate-100 p-2 text-xs text-slate-700">{t('tally')}</p>}
          {detail && (
            <p className="mt-3 text-xs text-slate-600">
              {t('reportedBy')}
              {t('colon')}
              {detail.reportedBy.map((sid, i) => (
                <span key={sid}>
                  {i > 0 && listSeparator(lang)}
                  <bdi>{sourceName(sid)}</bdi>
                </span>
              ))}
            </p>
          )}
        </>
      ) : error ? (
        <p role="alert">
          {error instanceof ApiError && error.status === 404 ? t('incidentNotFound') : t('detailError', { reason: error.message })}
        </p>
      ) : (
        <p role="status">{t('loadingDetails')}</p>
      )}
    </article>
  );
}
