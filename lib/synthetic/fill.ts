/**
 * Synthetic incidents for measuring the product at scale: deterministic (a seeded generator),
 * clustered around the gazetteer's real towns, years of dates, the whole type and actor mix,
 * one to three claims each with tolls that differ, some claimants blaming different sides, and
 * day tolls counted in another incident. Every source, actor and place they name says it is
 * synthetic; sources carry `synthetic`, and the dashboard shows a banner whenever one exists.
 * Loaded with COPY (the bulk path), a chunk per transaction.
 */
import 'server-only';
import { places as gazetteer } from '../../geo/gazetteer';
import type { Db } from '../db/store';
import { refreshSummaries } from '../db/summaries';
import { periodEnd } from '../domain/dates';
import { EVENT_TYPES, type EventType } from '../domain/taxonomy';
import { foldText } from '../domain/text';

export const CHUNK = 20_000;

/** mulberry32: a small seeded generator, the same sequence on every machine. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = [
  {
    id: 'synthetic-monitor',
    en: 'Synthetic monitor (generated, not real)',
    fr: 'Observatoire synthétique (généré, fictif)',
    kind: 'monitor',
  },
  {
    id: 'synthetic-ministry',
    en: 'Synthetic ministry (generated, not real)',
    fr: 'Ministère synthétique (généré, fictif)',
    kind: 'government',
  },
  { id: 'synthetic-wire', en: 'Synthetic wire (generated, not real)', fr: 'Agence synthétique (générée, fictive)', kind: 'news agency' },
] as const;
const ACTORS = [
  {
    id: 'synthetic-government-forces',
    en: 'Synthetic government forces',
    fr: 'Forces gouvernementales synthétiques',
    kind: 'state-forces',
  },
  { id: 'synthetic-rebels', en: 'Synthetic rebels', fr: 'Rebelles synthétiques', kind: 'rebel-group' },
  { id: 'synthetic-militia', en: 'Synthetic militia', fr: 'Milice synthétique', kind: 'militia' },
  { id: 'synthetic-external-forces', en: 'Synthetic external forces', fr: 'Forces étrangères synthétiques', kind: 'external-state-forces' },
] as const;
const TYPES = Object.keys(EVENT_TYPES) as EventType[];
// battles and explosions dominate, as they do in conflict datasets
const TYPE_WEIGHTS = [0.4, 0.3, 0.12, 0.08, 0.04, 0.06];
/** The event type a number in [0, 1) falls on, by TYPE_WEIGHTS. */
function weighted(u: number): EventType {
  let acc = 0;
  for (const [k, w] of TYPE_WEIGHTS.entries()) {
    acc += w;
    if (u < acc) return TYPES[k] ?? 'battles';
  }
  return 'battles';
}

const field = (v: string | number | boolean | null): string => {
  if (v === null) return '';
  const s = String(v);
  return s === '' || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const row = (values: (string | number | boolean | null)[]) => `${values.map(field).join(',')}\n`;

export interface FillReport {
  incidents: number;
  claims: number;
  places: number;
  seconds: number;
}

/** Replaces the synthetic incidents of `seed` with `count` new ones. */
export async function fillSynthetic(
  db: Db,
  { count, seed = 1, onProgress }: { count: number; seed?: number; onProgress?: (done: number) => void },
): Promise<FillReport> {
  const started = performance.now();
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const prefix = `syn-${seed}-`;
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM incidents WHERE id LIKE $1', [`${prefix}%`]);
    await tx.query('DELETE FROM places WHERE id LIKE $1', [`${prefix}place-%`]);
    for (const s of SOURCES) {
      await tx.query(
        `INSERT INTO sources (id, name_en, name_fr, kind, language, url, synthetic) VALUES ($1, $2, $3, $4, 'en', NULL, true)
         ON CONFLICT (id) DO UPDATE SET synthetic = true`,
        [s.id, s.en, s.fr, s.kind],
      );
    }
    for (const a of ACTORS) {
      await tx.query('INSERT INTO actors (id, name_en, name_fr, kind) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
        a.id,
        a.en,
        a.fr,
        a.kind,
      ]);
    }
  });

  // localities scattered around the real towns: incidents cluster where towns are
  const towns = gazetteer.filter((p) => p.kind === 'town' || p.kind === 'village');
  const placeCount = Math.max(20, Math.min(5000, Math.round(count / 100)));
  const places = Array.from({ length: placeCount }, (_, k) => {
    const town = pick(towns);
    const spread = 0.02 + rand() * 0.12;
    return {
      id: `${prefix}place-${k}`,
      name: `Synthetic locality ${k} near ${town.name.en}`,
      lat: Math.max(-90, Math.min(90, town.lat + (rand() - 0.5) * spread)),
      lon: Math.max(-180, Math.min(180, town.lon + (rand() - 0.5) * spread)),
      admin1: town.admin1,
    };
  });
  await db.copyCsv(
    'places',
    [
      'id',
      'name_en',
      'name_fr',
      'name_ar',
      'aliases',
      'lon',
      'lat',
      'geonames_id',
      'admin1',
      'admin2',
      'kind',
      'coordinate_note',
      'origin',
    ],
    places
      .map((p) =>
        row([
          p.id,
          p.name,
          p.name,
          '',
          '{}',
          p.lon,
          p.lat,
          null,
          p.admin1,
          null,
          'locality',
          'Generated for benchmarks: not a real place.',
          'synthetic-monitor',
        ]),
      )
      .join(''),
  );

  const start = Date.UTC(2012, 0, 1);
  const days = Math.floor((Date.UTC(2024, 11, 31) - start) / 86_400_000);
  let claims = 0;
  // the incident before, so that a day toll can count its dead again (as the Observatory's does)
  let previous: { actor: (typeof ACTORS)[number]; killed: number } | null = null;
  for (let from = 0; from < count; from += CHUNK) {
    const n = Math.min(CHUNK, count - from);
    const out = { incidents: '', actors: '', sources: '', claims: '', lines: '' };
    for (let j = 0; j < n; j++) {
      const i = from + j;
      const id = `${prefix}${i}`;
      // a few places draw most incidents: squared uniform skews towards the first ones
      const place = places[Math.floor(rand() ** 2 * places.length)] ?? places[0];
      if (!place) break;
      const date = new Date(start + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
      const u = rand();
      const precision = u < 0.85 ? 'day' : u < 0.95 ? 'week' : 'month';
      const type = weighted(rand());
      const sub = pick(EVENT_TYPES[type]);
      const geo = rand() < 0.7 ? 1 : 2;
      const tally = i > 0 && i % 100 === 0;
      const title = `Synthetic incident ${i} (${type})`;
      out.incidents += row([
        id,
        date,
        periodEnd(date, precision),
        precision,
        place.id,
        geo,
        null,
        null,
        type,
        sub,
        tally ? 'tally' : 'event',
        title,
        `Incident synthétique ${i} (${type})`,
        'Generated for benchmarks: not a real event.',
        'Généré pour les mesures : pas un événement réel.',
        place.lon,
        place.lat,
        foldText(`${title} ${place.name}`),
        'synthetic-monitor',
      ]);
      const a = pick(ACTORS);
      const b = pick(ACTORS.filter((x) => x.id !== a.id));
      out.actors += row([id, a.id, 'a', 'primary']) + row([id, b.id, 'b', 'primary']);
      const claimants = [...SOURCES].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 3));
      for (const s of claimants) out.sources += row([id, s.id]);
      const base = rand() < 0.5 ? 0 : Math.floor(rand() ** 3 * 60);
      claimants.forEach((s, position) => {
        const claimId = `${id}-${s.id}`;
        // claimants blame the side they oppose, now and then
        const blamed = rand() < 0.3 ? [position % 2 === 0 ? a.id : b.id] : [];
        out.claims += row([
          claimId,
          id,
          position,
          s.id,
          null,
          date,
          `{${blamed.join(',')}}`,
          '{}',
          'Generated attribution.',
          'Attribution générée.',
          'Generated statement.',
          'Déclaration générée.',
        ]);
        claims++;
        const killed = Math.max(0, base + Math.floor((rand() - 0.5) * 6));
        const wounded = rand() < 0.5 ? null : Math.floor(rand() * 5);
        out.lines += row([claimId, 0, a.id, a.en, a.fr, killed, killed + Math.floor(rand() * 3), wounded, wounded, null]);
        if (rand() < 0.4) out.lines += row([claimId, 1, 'civilians', 'civilians', 'civils', 0, Math.floor(rand() * 4), null, null, null]);
        // a day toll counts the dead of the incident before it again: sums must not count them twice
        if (tally && position === 0 && previous) {
          out.lines += row([
            claimId,
            2,
            previous.actor.id,
            previous.actor.en,
            previous.actor.fr,
            previous.killed,
            previous.killed,
            null,
            null,
            `${prefix}${i - 1}`,
          ]);
        }
        if (position === 0) previous = { actor: a, killed };
      });
    }
    await db.transaction(async (tx) => {
      await tx.copyCsv(
        'incidents',
        [
          'id',
          'date',
          'date_end',
          'date_precision',
          'place_id',
          'geo_precision',
          'location_note_en',
          'location_note_fr',
          'event_type',
          'sub_event_type',
          'scope',
          'title_en',
          'title_fr',
          'summary_en',
          'summary_fr',
          'lon',
          'lat',
          'search_text',
          'origin',
        ],
        out.incidents,
      );
      await tx.copyCsv('incident_actors', ['incident_id', 'actor_id', 'side', 'role'], out.actors);
      await tx.copyCsv('incident_sources', ['incident_id', 'source_id'], out.sources);
      await tx.copyCsv(
        'claims',
        [
          'id',
          'incident_id',
          'position',
          'claimant_id',
          'via_id',
          'claimed_on',
          'perpetrators',
          'targets',
          'attribution_en',
          'attribution_fr',
          'statement_en',
          'statement_fr',
        ],
        out.claims,
      );
      await tx.copyCsv(
        'claim_casualties',
        [
          'claim_id',
          'position',
          'group_id',
          'label_en',
          'label_fr',
          'killed_low',
          'killed_high',
          'wounded_low',
          'wounded_high',
          'counted_in',
        ],
        out.lines,
      );
      // the summaries reads use, as every write keeps them (the chunk's day tolls count the incident before)
      await refreshSummaries(
        tx,
        Array.from({ length: n }, (_, j) => `${prefix}${from + j}`),
      );
    });
    onProgress?.(from + n);
  }
  return { incidents: count, claims, places: places.length, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
