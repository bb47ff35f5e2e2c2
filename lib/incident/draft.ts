/**
 * An incident as the editor's form holds it (lib/desk: the browser editor of incidents and
 * claims): every input's text as typed, so a figure left blank stays blank ("not reported",
 * never 0) and nothing typed is lost when it does not parse yet. `incidentOf` turns a draft into
 * the incident the API takes, naming each input that cannot become one by the path the
 * schema's own errors use ("claims.0.casualties.1.killed.low"), so both kinds of error land next
 * to the same field.
 */
import type { z } from 'zod';
import { type CasualtyLine, type Claim, COUNT_MAX, type Count, type Incident, incidentSchema } from '../domain/schema';
import { type IncidentClaims, sumIncidents } from '../domain/casualties';
import { EVENT_TYPES, type EventType } from '../domain/taxonomy';
import type { ProblemCode } from '../domain/problems';

export interface Texts2 {
  en: string;
  fr: string;
}
export interface Texts3 extends Texts2 {
  ar: string;
}
export interface CountDraft {
  low: string;
  high: string;
}
export interface LineDraft {
  group: string;
  label: Texts2;
  killed: CountDraft;
  wounded: CountDraft;
  /** '' for none */
  countedIn: string;
}
export interface EquipmentDraft {
  item: Texts2;
  count: CountDraft;
  owner: string;
}
export interface ClaimDraft {
  id: string;
  claimant: string;
  via: string;
  claimedOn: string;
  perpetrators: string[];
  targets: string[];
  attribution: Texts2;
  statement: Texts2;
  casualties: LineDraft[];
  equipment: EquipmentDraft[];
  /** kept as it was (the form does not edit a claimant's own total); null when none */
  totalKilled: Count | null;
}
export interface ActorDraft {
  actor: string;
  side: 'a' | 'b';
  role: 'primary' | 'associated';
}
export interface IncidentDraft {
  id: string;
  date: string;
  datePrecision: Incident['datePrecision'];
  place: string;
  geoPrecision: '1' | '2' | '3';
  locationNote: Texts2;
  eventType: string;
  subEventType: string;
  scope: Incident['scope'];
  title: Texts3;
  summary: Texts3;
  actors: ActorDraft[];
  reportedBy: string[];
  claims: ClaimDraft[];
}

/** A problem with one input, named by its path; `code` says which words the form shows for it. */
export interface DraftProblem {
  path: string;
  code: ProblemCode;
  /** the schema's or the server's own words, shown when the form has none of its own for `code` */
  detail?: string;
  /** a limit the words name (the most characters, the largest figure) */
  limit?: number;
}
export type { ProblemCode };

/** A count as the form shows it: an exact figure in "from" alone (so correcting it is one edit), a range in both. */
const count = (c: Count | null | undefined): CountDraft =>
  c ? { low: String(c.low), high: c.high === c.low ? '' : String(c.high) } : { low: '', high: '' };

/** An empty draft: one claim with one blank toll line, ready to fill. */
export function emptyDraft(): IncidentDraft {
  return {
    id: '',
    date: '',
    datePrecision: 'day',
    place: '',
    geoPrecision: '1',
    locationNote: { en: '', fr: '' },
    eventType: 'explosions-remote-violence',
    subEventType: 'air-drone-strike',
    scope: 'event',
    title: { en: '', fr: '', ar: '' },
    summary: { en: '', fr: '', ar: '' },
    actors: [],
    reportedBy: [],
    claims: [emptyClaim('', '')],
  };
}

export function emptyClaim(id: string, claimedOn: string): ClaimDraft {
  return {
    id,
    claimant: '',
    via: '',
    claimedOn,
    perpetrators: [],
    targets: [],
    attribution: { en: '', fr: '' },
    statement: { en: '', fr: '' },
    casualties: [emptyLine()],
    equipment: [],
    totalKilled: null,
  };
}

export function emptyLine(): LineDraft {
  return {
    group: 'civilians',
    label: { en: 'civilians', fr: 'civils' },
    killed: { low: '', high: '' },
    wounded: { low: '', high: '' },
    countedIn: '',
  };
}

export function emptyEquipment(): EquipmentDraft {
  return { item: { en: '', fr: '' }, count: { low: '', high: '' }, owner: '' };
}

/** The draft of a stored incident (its coded fields, as GET gives them). */
export function draftOf(inc: Incident): IncidentDraft {
  return {
    id: inc.id,
    date: inc.date,
    datePrecision: inc.datePrecision,
    place: inc.place,
    geoPrecision: String(inc.geoPrecision) as IncidentDraft['geoPrecision'],
    locationNote: { en: inc.locationNote?.en ?? '', fr: inc.locationNote?.fr ?? '' },
    eventType: inc.eventType,
    subEventType: inc.subEventType,
    scope: inc.scope,
    title: { en: inc.title.en, fr: inc.title.fr, ar: inc.title.ar ?? '' },
    summary: { en: inc.summary.en, fr: inc.summary.fr, ar: inc.summary.ar ?? '' },
    actors: inc.actors.map((a) => ({ ...a })),
    reportedBy: [...inc.reportedBy],
    claims: inc.claims.map((c) => ({
      id: c.id,
      claimant: c.claimant,
      via: c.via ?? '',
      claimedOn: c.claimedOn,
      perpetrators: [...c.perpetrators],
      targets: [...c.targets],
      attribution: { ...c.attribution },
      statement: { ...c.statement },
      casualties: c.casualties.map((l) => ({
        group: l.group,
        label: { ...l.label },
        killed: count(l.killed),
        wounded: count(l.wounded),
        countedIn: l.countedIn ?? '',
      })),
      equipment: c.equipment.map((e) => ({ item: { ...e.item }, count: count(e.count), owner: e.owner ?? '' })),
      totalKilled: c.totalKilled ?? null,
    })),
  };
}

const WHOLE = /^\d+$/;

/**
 * A figure as typed: blank is "not reported" (null); one side alone is an exact figure; both, a
 * range. Digits only: "1,200" or "about 10" are not read as numbers behind the editor's back.
 */
function countOf(c: CountDraft, path: string, problems: DraftProblem[]): Count | null {
  const low = c.low.trim();
  const high = c.high.trim();
  if (low === '' && high === '') return null;
  let ok = true;
  for (const [side, text] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (text === '') continue;
    if (!WHOLE.test(text)) {
      problems.push({ path: `${path}.${side}`, code: /^-\d+$/.test(text) ? 'notNegative' : 'wholeNumber' });
      ok = false;
    } else if (Number(text) > COUNT_MAX) {
      problems.push({ path: `${path}.${side}`, code: 'tooLarge', limit: COUNT_MAX });
      ok = false;
    }
  }
  if (!ok) return null;
  const l = Number(low === '' ? high : low);
  const h = Number(high === '' ? low : high);
  return { low: l, high: h };
}

const opt = (s: string): string | null => (s.trim() === '' ? null : s.trim());
const trim2 = (t: Texts2): Texts2 => ({ en: t.en.trim(), fr: t.fr.trim() });

/**
 * The incident a draft stands for, or the problems that keep it from being one: the form's
 * own (figures that are not whole numbers) and the schema's, each by its input's path.
 */
export function incidentOf(d: IncidentDraft): { incident: Incident; problems: [] } | { incident: null; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const claims: Claim[] = d.claims.map((c, i) => {
    const at = `claims.${i}`;
    const casualties: CasualtyLine[] = c.casualties.map((l, j) => ({
      group: l.group,
      label: trim2(l.label),
      killed: countOf(l.killed, `${at}.casualties.${j}.killed`, problems),
      wounded: countOf(l.wounded, `${at}.casualties.${j}.wounded`, problems),
      countedIn: opt(l.countedIn),
    }));
    return {
      id: c.id.trim() || claimIdFor(d, i),
      claimant: c.claimant,
      via: opt(c.via),
      claimedOn: c.claimedOn,
      perpetrators: [...c.perpetrators],
      targets: [...c.targets],
      attribution: trim2(c.attribution),
      casualties,
      equipment: c.equipment.map((e, k) => ({
        item: trim2(e.item),
        // a count missing or mistyped is a problem named below or by countOf: 0 only holds its place
        count: countOf(e.count, `${at}.equipment.${k}.count`, problems) ?? { low: 0, high: 0 },
        owner: opt(e.owner),
      })),
      statement: trim2(c.statement),
      ...(c.totalKilled ? { totalKilled: c.totalKilled } : {}),
    };
  });
  // an equipment line needs its count: a blank one is missing, not "not reported"
  for (const [i, c] of d.claims.entries())
    for (const [k, e] of c.equipment.entries())
      if (e.count.low.trim() === '' && e.count.high.trim() === '')
        problems.push({ path: `claims.${i}.equipment.${k}.count.low`, code: 'required' });
  const note = trim2(d.locationNote);
  const arabic = (s: string) => (s.trim() === '' ? {} : { ar: s.trim() });
  const candidate = {
    id: d.id.trim(),
    date: d.date,
    datePrecision: d.datePrecision,
    place: d.place,
    geoPrecision: Number(d.geoPrecision),
    locationNote: note.en === '' && note.fr === '' ? null : note,
    eventType: d.eventType,
    subEventType: d.subEventType,
    scope: d.scope,
    title: { en: d.title.en.trim(), fr: d.title.fr.trim(), ...arabic(d.title.ar) },
    summary: { en: d.summary.en.trim(), fr: d.summary.fr.trim(), ...arabic(d.summary.ar) },
    actors: d.actors.map((a) => ({ ...a })),
    reportedBy: [...d.reportedBy],
    claims,
  };
  const parsed = incidentSchema.safeParse(candidate);
  if (!parsed.success) {
    const seen = new Set(problems.map((p) => p.path));
    for (const issue of parsed.error.issues) {
      const p = problemOf(issue);
      // the form's own word on an input stands (the schema's would be about its placeholder)
      if (seen.has(p.path) || [...seen].some((s) => s.startsWith(`${p.path}.`))) continue;
      seen.add(p.path);
      problems.push(p);
    }
  }
  // an identifier left blank is missing, not malformed
  for (const p of problems) if (p.path === 'id' && d.id.trim() === '') p.code = 'required';
  if (problems.length > 0 || !parsed.success) return { incident: null, problems };
  return { incident: parsed.data, problems: [] };
}

/** One schema issue in the form's terms. */
export function problemOf(issue: z.core.$ZodIssue): DraftProblem {
  const path = issue.path.map(String).join('.');
  const detail = issue.message;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number') return { path, code: 'tooSmall', limit: Number(issue.minimum) };
      return issue.origin === 'array' && (issue.minimum as number) >= 1 ? { path, code: 'pickOne' } : { path, code: 'required' };
    case 'too_big':
      if (issue.origin === 'string') return { path, code: 'tooLong', limit: Number(issue.maximum) };
      if (issue.origin === 'number') return { path, code: 'tooLarge', limit: Number(issue.maximum) };
      return { path, code: 'other', detail };
    case 'invalid_format':
      if (issue.format === 'date') return { path, code: 'date' };
      if (
        issue.format === 'regex' &&
        path.match(/(^|\.)(id|place|claimant|via|actor|group|countedIn|owner)$|(perpetrators|targets|reportedBy)\.\d+$/)
      )
        return { path, code: /(^|\.)id$/.test(path) ? 'id' : 'pickOne' };
      return { path, code: 'other', detail };
    case 'invalid_type':
      if (issue.expected === 'number' && !/(^|\.)(low|high)$/.test(path)) return { path, code: 'number' };
      return { path, code: /(^|\.)(low|high)$/.test(path) ? 'wholeNumber' : 'pickOne', detail };
    case 'invalid_value':
    case 'invalid_union':
      return { path, code: /(^|\.)(low|high)$/.test(path) ? 'wholeNumber' : 'pickOne', detail };
    case 'custom':
      if (detail.startsWith('dates must lie')) return { path, code: 'dateRange', detail };
      if (detail === 'low must not exceed high') return { path, code: 'lowAboveHigh' };
      if (detail.includes('is not a sub-type of')) return { path, code: 'subType' };
      if (detail.includes('counted in its own incident')) return { path, code: 'countedInSelf' };
      if (detail === 'must not be empty') return { path, code: 'required' };
      return { path, code: 'other', detail };
    default:
      return { path, code: 'other', detail };
  }
}

/** A lower-case slug of some text, for ids made from a title or a place. */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** An id for a new incident: its date, its place and the first words of its English title. */
export function suggestIncidentId(d: Pick<IncidentDraft, 'date' | 'place' | 'title'>): string {
  const words = slug(d.title.en).split('-').slice(0, 4).join('-');
  return [d.date, d.place, words]
    .filter((x) => x !== '')
    .join('-')
    .slice(0, 100)
    .replace(/-+$/, '');
}

/**
 * The id a claim left without one gets: the incident's id, "claim" and the first number from its
 * place in the list that no other claim of the draft uses (claim ids are global, as incidents' are).
 */
export function claimIdFor(d: Pick<IncidentDraft, 'id' | 'claims'>, index: number): string {
  const base = `${d.id.trim() || 'incident'}`.slice(0, 90).replace(/-+$/, '');
  const taken = new Set(d.claims.map((c) => c.id.trim()));
  for (let n = index + 1; ; n++) if (!taken.has(`${base}-claim-${n}`)) return `${base}-claim-${n}`;
}

/** The sub-types of a type, for the form's second list (the first when the type changes). */
export function subTypesOf(type: string): readonly string[] {
  return (EVENT_TYPES as Record<string, readonly string[]>)[type] ?? [];
}
export type { EventType };

/** The coded incident in an incident's GeoJSON (GET /api/incidents/{id}, a 409's `current`). */
export function incidentOfDetail(p: IncidentDetailLike): Incident {
  return {
    id: p.id,
    date: p.date,
    datePrecision: p.datePrecision,
    place: p.placeId,
    geoPrecision: p.geoPrecision,
    locationNote: p.locationNote,
    eventType: p.eventType,
    subEventType: p.subEventType,
    scope: p.scope,
    title: p.title,
    summary: p.summary,
    actors: p.actorRoles,
    reportedBy: p.reportedBy,
    claims: p.claims,
  };
}
export type IncidentDetailLike = Pick<
  Incident,
  | 'id'
  | 'date'
  | 'datePrecision'
  | 'geoPrecision'
  | 'locationNote'
  | 'eventType'
  | 'subEventType'
  | 'scope'
  | 'title'
  | 'summary'
  | 'reportedBy'
  | 'claims'
> & { placeId: string; actorRoles: Incident['actors'] };

/** A figure as far as it reads (a preview while the form is being filled): what does not parse counts as not given. */
function lenientCount(c: CountDraft): Count | null {
  const low = c.low.trim();
  const high = c.high.trim();
  const l = WHOLE.test(low) ? Number(low) : null;
  const h = WHOLE.test(high) ? Number(high) : null;
  if (l === null && h === null) return null;
  const a = l ?? (h as number);
  const b = h ?? a;
  return { low: Math.min(a, b), high: Math.max(a, b) };
}

/** The draft's claims as sums read them (claimant, perpetrators, toll lines), figures read leniently. */
export function draftTolls(d: IncidentDraft): IncidentClaims['claims'] {
  return d.claims.map((c) => ({
    claimant: c.claimant,
    perpetrators: c.perpetrators,
    casualties: c.casualties.map((l) => ({
      group: l.group,
      label: l.label,
      killed: lenientCount(l.killed),
      wounded: lenientCount(l.wounded),
      countedIn: opt(l.countedIn),
    })),
  }));
}

/**
 * What the totals of this incident and another become with one toll line counted in the other
 * (`with`), and with it counted apart (`without`): the preview beside the "already counted in"
 * choice. `line` is [claim, line] of the draft.
 */
export function countedInPreview(
  d: IncidentDraft,
  line: [number, number],
  other: IncidentClaims,
): { with: ReturnType<typeof sumIncidents>; without: ReturnType<typeof sumIncidents> } {
  const self = d.id.trim() || 'this-incident';
  const mine = draftTolls(d);
  const withLink = mine.map((c, i) => ({
    ...c,
    casualties: c.casualties.map((l, j) => (i === line[0] && j === line[1] ? { ...l, countedIn: other.id } : l)),
  }));
  const withoutLink = mine.map((c, i) => ({
    ...c,
    casualties: c.casualties.map((l, j) => (i === line[0] && j === line[1] ? { ...l, countedIn: null } : l)),
  }));
  return {
    with: sumIncidents([{ id: self, claims: withLink }, other]),
    without: sumIncidents([{ id: self, claims: withoutLink }, other]),
  };
}

/** Sets one input's value in a draft by its path ("claims.0.casualties.1.killed"); the draft is the caller's copy. */
export function setIn(d: IncidentDraft, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = d as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1] as string] = value;
}
