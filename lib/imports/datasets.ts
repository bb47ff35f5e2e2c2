/**
 * ACLED and UCDP GED rows as incidents with one claim each, the dataset as claimant. Pure: a
 * row in, a mapped incident (its place still to be matched) or the reason it cannot be out.
 *
 * ACLED layouts read: the current export (`disorder_type`, `civilian_targeting`, `tags`), the
 * older 31-column one (`data_id`, numeric `iso`, `event_id_no_cnty`, `admin3`, `timestamp`), and
 * the old API dumps of 27 columns (`gwno`, `ally_actor_1/2`, pre-2019 event types), with headers
 * in any case and order and an unnamed leading index column ignored. UCDP GED: the 49-column CSV.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import type { Actor, CasualtyLine, GeoPrecision, Incident } from '../domain/schema';
import { EVENT_TYPES, type EventType } from '../domain/taxonomy';
import { parseDay, slug, splitList } from './text';

export type DatasetId = 'acled' | 'ucdp';
export type Layout = 'acled-current' | 'acled-31' | 'acled-api-27' | 'ucdp-ged';

export interface Named {
  id: string;
  name: string;
}

/** A row as an incident, with what it names that the store may not hold yet. */
export interface MappedRow {
  origin: DatasetId;
  /** the incident, its `place` still empty: matched from `location` by the importer */
  incident: Incident;
  location: { name: string; lat: number; lon: number; admin1: string | null; admin2: string | null; country: string | null };
  actors: (Named & { kind: Actor['kind'] })[];
  /** the sources the row cites */
  sources: Named[];
  /** a hash of the row's own content: unchanged on a re-import of the same row */
  hash: string;
}

export type RowResult = { ok: true; row: MappedRow } | { ok: false; reason: string };

/** Which dataset and layout a CSV header is, or null. */
export function detectLayout(header: readonly string[]): Layout | null {
  const h = new Set(header.map((c) => c.trim().toLowerCase()));
  if (h.has('relid') && h.has('side_a') && h.has('where_prec') && h.has('best')) return 'ucdp-ged';
  if (!h.has('event_id_cnty') && !h.has('event_date')) return null;
  if (h.has('disorder_type')) return 'acled-current';
  if (h.has('gwno') || h.has('ally_actor_1')) return 'acled-api-27';
  if (h.has('event_id_cnty') && h.has('event_date') && h.has('fatalities')) return 'acled-31';
  return null;
}

export const datasetOf = (layout: Layout): DatasetId => (layout === 'ucdp-ged' ? 'ucdp' : 'acled');

const hashRow = (rec: Record<string, string>) =>
  createHash('sha1')
    .update(JSON.stringify(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('base64url');

const TYPE_LABEL: Record<EventType, { en: string; fr: string }> = {
  battles: { en: 'Battles', fr: 'Combats' },
  'explosions-remote-violence': { en: 'Explosions / remote violence', fr: 'Explosions / violence à distance' },
  'violence-against-civilians': { en: 'Violence against civilians', fr: 'Violence contre des civils' },
  protests: { en: 'Protests', fr: 'Manifestations' },
  riots: { en: 'Riots', fr: 'Émeutes' },
  'strategic-developments': { en: 'Strategic developments', fr: 'Évolutions stratégiques' },
};

const CURRENT_TYPES: Record<string, EventType> = {
  battles: 'battles',
  'explosions-remote-violence': 'explosions-remote-violence',
  'violence-against-civilians': 'violence-against-civilians',
  protests: 'protests',
  riots: 'riots',
  'strategic-developments': 'strategic-developments',
};

/**
 * ACLED's event types before its 2019 revision, mapped onto the current taxonomy (ACLED's own
 * correspondence where it gives one): battles by territorial outcome; "Remote violence" to
 * explosions, its sub-type read from the notes (air or drone strike, suicide bomb, IED or
 * landmine, grenade, chemical weapon) or else shelling/artillery/missile attack; "Riots/Protests"
 * to riots when rioters are an actor, else protests; strategic events to their current sub-types.
 */
export const OLD_ACLED_TYPES: Record<string, [EventType, string | null]> = {
  'battle-no change of territory': ['battles', 'armed-clash'],
  'battle-government regains territory': ['battles', 'government-regains-territory'],
  'battle-non-state actor overtakes territory': ['battles', 'non-state-actor-overtakes-territory'],
  'remote violence': ['explosions-remote-violence', null],
  'riots/protests': ['protests', null],
  'violence against civilians': ['violence-against-civilians', 'attack'],
  'strategic development': ['strategic-developments', 'other'],
  'non-violent transfer of territory': ['strategic-developments', 'non-violent-transfer-of-territory'],
  'headquarters or base established': ['strategic-developments', 'headquarters-or-base-established'],
};

function remoteViolenceSub(notes: string): string {
  const n = notes.toLowerCase();
  if (/chemical|chlorine|sarin/.test(n)) return 'chemical-weapon';
  if (/suicide|svbied/.test(n)) return 'suicide-bomb';
  if (/\bied\b|landmine|land mine|explosive device|car bomb|vbied/.test(n)) return 'remote-explosive-landmine-ied';
  if (/grenade/.test(n)) return 'grenade';
  if (/air ?strike|airstrike|drone|warplane|helicopter|barrel bomb|air raid/.test(n)) return 'air-drone-strike';
  return 'shelling-artillery-missile-attack';
}

/** ACLED "inter" codes: numbers in older files, words in newer ones. */
function actorKind(inter: string | undefined): Actor['kind'] {
  const v = (inter ?? '').trim().toLowerCase();
  if (v === '1' || v.startsWith('state forces')) return 'state-forces';
  if (v === '2' || v.startsWith('rebel')) return 'rebel-group';
  if (v === '3' || v === '4' || v.includes('militia')) return 'militia';
  if (['5', '6', '7'].includes(v) || v.startsWith('rioter') || v.startsWith('protester') || v.startsWith('civilian')) return 'civilians';
  if (v === '8' || v.startsWith('external') || v.startsWith('other')) return 'external-state-forces';
  return 'unidentified';
}

const num = (raw: string | undefined): number | null => {
  const s = (raw ?? '').trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
};

function coords(rec: Record<string, string>): { lat: number; lon: number } | string {
  const lat = num(rec.latitude);
  const lon = num(rec.longitude);
  if (lat === null || lon === null) return 'latitude and longitude must be numbers';
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return `coordinates ${lat}, ${lon} are outside the Earth`;
  return { lat, lon };
}

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
/** Prose (notes): spaces tidied, line breaks kept. */
const prose = (s: string | undefined) =>
  (s ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();

/** One ACLED row (any layout) as an incident with one claim by ACLED. */
export function mapAcled(rec: Record<string, string>): RowResult {
  const eventId = clean(rec.event_id_cnty);
  if (!eventId) return { ok: false, reason: 'event_id_cnty is empty' };
  const id = `acled-${slug(eventId, 80)}`;
  const date = parseDay(rec.event_date ?? '');
  if (!date) return { ok: false, reason: `event_date "${clean(rec.event_date).slice(0, 40)}" is not a date` };
  const at = coords(rec);
  if (typeof at === 'string') return { ok: false, reason: at };
  const notes = prose(rec.notes);
  const location = clean(rec.location);
  if (!location) return { ok: false, reason: 'location is empty' };

  const rawType = clean(rec.event_type);
  const typeKey = slug(rawType);
  let eventType: EventType;
  let sub: string | null;
  const old = OLD_ACLED_TYPES[rawType.toLowerCase()];
  if (CURRENT_TYPES[typeKey]) {
    eventType = CURRENT_TYPES[typeKey] as EventType;
    sub = slug(clean(rec.sub_event_type) || 'x');
  } else if (old) {
    [eventType, sub] = old;
    if (rawType.toLowerCase() === 'riots/protests') {
      const rioters = [rec.inter1, rec.inter2].some((i) => clean(i) === '5' || clean(i).toLowerCase().startsWith('rioter'));
      [eventType, sub] = rioters ? ['riots', 'violent-demonstration'] : ['protests', 'peaceful-protest'];
    }
    if (sub === null) sub = remoteViolenceSub(notes);
  } else {
    return { ok: false, reason: `event_type "${rawType.slice(0, 60)}" is not an ACLED event type` };
  }
  if (!(EVENT_TYPES[eventType] as readonly string[]).includes(sub)) {
    return { ok: false, reason: `sub_event_type "${clean(rec.sub_event_type).slice(0, 60)}" is not a sub-type of ${rawType}` };
  }

  const precisionCode = num(rec.time_precision) ?? 1;
  const datePrecision = precisionCode >= 3 ? 'month' : precisionCode === 2 ? 'week' : 'day';
  const geo = num(rec.geo_precision) ?? 1;
  const geoPrecision = (geo >= 3 ? 3 : geo === 2 ? 2 : 1) as GeoPrecision;

  const actors: MappedRow['actors'] = [];
  const incidentActors: Incident['actors'] = [];
  const addActor = (name: string, side: 'a' | 'b', role: 'primary' | 'associated', kind: Actor['kind']) => {
    const actorId = slug(name);
    if (incidentActors.some((a) => a.actor === actorId)) return;
    actors.push({ id: actorId, name, kind });
    incidentActors.push({ actor: actorId, side, role });
  };
  const actor1 = clean(rec.actor1);
  const actor2 = clean(rec.actor2);
  if (actor1) addActor(actor1, 'a', 'primary', actorKind(rec.inter1));
  for (const n of splitList(rec.assoc_actor_1 ?? rec.ally_actor_1)) addActor(n, 'a', 'associated', actorKind(rec.inter1));
  if (actor2) addActor(actor2, 'b', 'primary', actorKind(rec.inter2));
  for (const n of splitList(rec.assoc_actor_2 ?? rec.ally_actor_2)) addActor(n, 'b', 'associated', actorKind(rec.inter2));
  if (incidentActors.length === 0) return { ok: false, reason: 'actor1 is empty' };

  const sources = splitList(rec.source).map((name) => ({ id: `src-${slug(name, 80)}`, name }));
  const fatalities = num(rec.fatalities);
  if (fatalities === null || fatalities < 0 || !Number.isInteger(fatalities))
    return { ok: false, reason: `fatalities "${clean(rec.fatalities)}" is not a whole number` };
  const casualties: CasualtyLine[] = [
    {
      // ACLED's one figure counts everyone: a total, not one more group (see ALL_GROUP)
      group: 'all',
      label: { en: 'all parties (ACLED’s count)', fr: 'toutes parties (décompte d’ACLED)' },
      killed: { low: fatalities, high: fatalities },
      wounded: null,
      countedIn: null,
    },
  ];
  // ACLED codes the actor who attacks as actor 1 in these two types: that is its attribution
  const attributes = eventType === 'violence-against-civilians' || eventType === 'explosions-remote-violence';
  const label = TYPE_LABEL[eventType];
  const stamp = num(rec.timestamp);
  const claimedOn = stamp !== null && stamp > 0 ? new Date(stamp * 1000).toISOString().slice(0, 10) : date;
  const incident: Incident = {
    id,
    date,
    datePrecision,
    place: '',
    geoPrecision,
    locationNote: null,
    eventType,
    subEventType: sub,
    scope: 'event',
    title: { en: `${label.en} — ${location}`, fr: `${label.fr} — ${location}` },
    summary: notes
      ? { en: notes, fr: `Notes d’ACLED (en anglais) : ${notes}` }
      : { en: 'ACLED gives no notes.', fr: 'ACLED ne donne pas de notes.' },
    actors: incidentActors,
    reportedBy: sources.length ? sources.map((s) => s.id) : ['acled'],
    claims: [
      {
        id: `${id}-coded`,
        claimant: 'acled',
        via: sources[0]?.id ?? null,
        // coded no earlier than the event (a timestamp from before it is a re-coding artefact)
        claimedOn: [claimedOn, date].sort()[1] ?? date,
        perpetrators: attributes && actor1 ? [slug(actor1)] : [],
        targets: attributes && actor2 ? [slug(actor2)] : [],
        attribution: {
          en: `Actor 1: ${actor1 || '—'}; actor 2: ${actor2 || '—'}.`,
          fr: `Acteur 1 : ${actor1 || '—'} ; acteur 2 : ${actor2 || '—'}.`,
        },
        casualties,
        equipment: [],
        statement: notes ? { en: notes, fr: `(en anglais) ${notes}` } : { en: 'No notes.', fr: 'Pas de notes.' },
      },
    ],
  };
  return {
    ok: true,
    row: {
      origin: 'acled',
      incident,
      location: {
        name: location,
        ...at,
        admin1: clean(rec.admin1) || null,
        admin2: clean(rec.admin2) || null,
        country: clean(rec.country) || null,
      },
      actors,
      sources,
      hash: hashRow(rec),
    },
  };
}

/** UCDP's `where_prec` (1–7) folded onto our 1–3: exact; near or within a district; the province or coarser. */
export const UCDP_WHERE_PRECISION: Record<number, GeoPrecision> = { 1: 1, 2: 2, 3: 2, 4: 3, 5: 2, 6: 3, 7: 3 };
/** UCDP's `date_prec` (1 exact, 2 two to six days, 3 about a week to a month, 4–5 longer). */
const UCDP_DATE_PRECISION: Record<number, Incident['datePrecision']> = { 1: 'day', 2: 'week', 3: 'month', 4: 'month', 5: 'month' };

const VIOLENCE: Record<number, { type: EventType; sub: string; en: string; fr: string }> = {
  1: { type: 'battles', sub: 'armed-clash', en: 'State-based violence', fr: 'Violence impliquant un État' },
  2: { type: 'battles', sub: 'armed-clash', en: 'Non-state violence', fr: 'Violence entre groupes non étatiques' },
  3: { type: 'violence-against-civilians', sub: 'attack', en: 'One-sided violence', fr: 'Violence unilatérale' },
};

function ucdpActorKind(name: string, violence: number): Actor['kind'] {
  if (/^government of /i.test(name)) return 'state-forces';
  if (/^civilians$/i.test(name)) return 'civilians';
  return violence === 1 || violence === 2 ? 'rebel-group' : 'unidentified';
}

/** One UCDP GED row as an incident with one claim by UCDP: deaths per side as lines, low–high with best overall. */
export function mapUcdp(rec: Record<string, string>): RowResult {
  const ged = clean(rec.id);
  if (!/^\d+$/.test(ged)) return { ok: false, reason: `id "${ged.slice(0, 40)}" is not a UCDP GED id` };
  const id = `ucdp-${ged}`;
  const date = parseDay(rec.date_start ?? '');
  if (!date) return { ok: false, reason: `date_start "${clean(rec.date_start).slice(0, 40)}" is not a date` };
  const at = coords(rec);
  if (typeof at === 'string') return { ok: false, reason: at };
  const violence = VIOLENCE[num(rec.type_of_violence) ?? 0];
  if (!violence) return { ok: false, reason: `type_of_violence "${clean(rec.type_of_violence)}" is not 1, 2 or 3` };
  const sideA = clean(rec.side_a);
  const sideB = clean(rec.side_b);
  if (!sideA) return { ok: false, reason: 'side_a is empty' };
  const figure = (k: string) => {
    const n = num(rec[k]);
    return n !== null && n >= 0 && Number.isInteger(n) ? n : null;
  };
  const [a, b, civ, unknown, low, best, high] = ['deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'low', 'best', 'high'].map(
    figure,
  );
  if (a == null || b == null || civ == null || unknown == null || low == null || best == null || high == null) {
    return { ok: false, reason: 'the death counts must be whole numbers' };
  }
  if (!(low <= best && best <= high)) return { ok: false, reason: `low ${low}, best ${best} and high ${high} are not in order` };
  const location = clean(rec.where_coordinates) || clean(rec.adm_2) || clean(rec.adm_1);
  if (!location) return { ok: false, reason: 'where_coordinates is empty' };

  const actors: MappedRow['actors'] = [{ id: slug(sideA), name: sideA, kind: ucdpActorKind(sideA, violence === VIOLENCE[3] ? 3 : 1) }];
  if (sideB && slug(sideB) !== slug(sideA))
    actors.push({ id: slug(sideB), name: sideB, kind: ucdpActorKind(sideB, violence === VIOLENCE[3] ? 3 : 1) });
  const line = (group: string, en: string, fr: string, n: number): CasualtyLine => ({
    group,
    label: { en, fr },
    killed: { low: n, high: n },
    wounded: null,
    countedIn: null,
  });
  const casualties = [
    line(slug(sideA), sideA, sideA, a),
    ...(sideB ? [line(slug(sideB) === slug(sideA) ? `${slug(sideA)}-b` : slug(sideB), sideB, sideB, b)] : []),
    line('civilians', 'civilians', 'civils', civ),
    line('unknown', 'unknown', 'inconnus', unknown),
  ];
  const sources = splitList(rec.source_office).map((name) => ({ id: `src-${slug(name, 80)}`, name }));
  const headline = clean(rec.source_headline);
  const articles = splitList(rec.source_article).join(' · ');
  const statement = [headline, articles].filter(Boolean).join(' — ').slice(0, 5000) || 'UCDP gives no source text.';
  const incident: Incident = {
    id,
    date,
    datePrecision: UCDP_DATE_PRECISION[num(rec.date_prec) ?? 1] ?? 'month',
    place: '',
    geoPrecision: UCDP_WHERE_PRECISION[num(rec.where_prec) ?? 1] ?? 3,
    locationNote: null,
    eventType: violence.type,
    subEventType: violence.sub,
    scope: 'event',
    title: { en: `${violence.en} — ${location}`, fr: `${violence.fr} — ${location}` },
    summary: {
      en: `${sideA}${sideB ? ` against ${sideB}` : ''}. UCDP GED event ${ged}${clean(rec.conflict_name) ? `, ${clean(rec.conflict_name)}` : ''}.`,
      fr: `${sideA}${sideB ? ` contre ${sideB}` : ''}. Événement ${ged} de l’UCDP GED${clean(rec.conflict_name) ? `, ${clean(rec.conflict_name)}` : ''}.`,
    },
    actors: actors.map((x, i) => ({ actor: x.id, side: i === 0 ? 'a' : 'b', role: 'primary' })),
    reportedBy: sources.length ? sources.map((s) => s.id) : ['ucdp'],
    claims: [
      {
        id: `${id}-coded`,
        claimant: 'ucdp',
        via: sources[0]?.id ?? null,
        claimedOn: parseDay(rec.date_end ?? '') ?? date,
        perpetrators: violence === VIOLENCE[3] ? [slug(sideA)] : [],
        targets: violence === VIOLENCE[3] && sideB ? [slug(sideB)] : [],
        attribution: { en: `Side A: ${sideA}; side B: ${sideB || '—'}.`, fr: `Partie A : ${sideA} ; partie B : ${sideB || '—'}.` },
        casualties,
        equipment: [],
        statement: { en: statement, fr: `(en anglais) ${statement}`.slice(0, 5000) },
        totalKilled: { low, best, high },
      },
    ],
  };
  return {
    ok: true,
    row: {
      origin: 'ucdp',
      incident,
      location: {
        name: location,
        ...at,
        admin1: clean(rec.adm_1) || null,
        admin2: clean(rec.adm_2) || null,
        country: clean(rec.country) || null,
      },
      actors,
      sources,
      hash: hashRow(rec),
    },
  };
}
