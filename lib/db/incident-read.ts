/**
 * An incident read whole: its row and everything it carries (claims, toll lines, equipment, actors,
 * sources, its place), turned into the incident's shape. The lists and the place details read
 * their pages through it.
 */
import 'server-only';
import { contestReasons, summariseClaims, type Range } from '../domain/casualties';
import type { Claim, DatePrecision, GeoPrecision, Place } from '../domain/schema';
import type { EventType } from '../domain/taxonomy';
import type { Db } from './store';
import type { IncidentView } from '../incident/view';

type Q = Pick<Db, 'query'>;
/** An incident as the API and the map see it: the coded record plus what is derived from its claims. */
export interface PlaceRow {
  id: string;
  name_en: string;
  name_fr: string;
  name_ar: string;
  aliases: string[];
  lon: number;
  lat: number;
  geonames_id: number | null;
  admin1: string;
  admin2: string | null;
  kind: Place['kind'];
  coordinate_note: string;
}
export const PLACE_COLUMNS =
  'p.id, p.name_en, p.name_fr, p.name_ar, p.aliases, p.lon, p.lat, p.geonames_id, p.admin1, p.admin2, p.kind, p.coordinate_note';

export function toPlace(r: PlaceRow): Place {
  return {
    id: r.id,
    name: { en: r.name_en, fr: r.name_fr, ar: r.name_ar },
    aliases: r.aliases,
    lon: r.lon,
    lat: r.lat,
    geonamesId: r.geonames_id,
    admin1: r.admin1,
    admin2: r.admin2,
    kind: r.kind,
    coordinateNote: r.coordinate_note,
  };
}

export interface IncidentRow {
  id: string;
  date: string;
  date_end: string;
  date_precision: DatePrecision;
  geo_precision: GeoPrecision;
  location_note_en: string | null;
  location_note_fr: string | null;
  event_type: EventType;
  sub_event_type: string;
  scope: 'event' | 'tally';
  title_en: string;
  title_fr: string;
  summary_en: string;
  summary_fr: string;
  title_ar: string | null;
  summary_ar: string | null;
  lon: number;
  lat: number;
  updated_at: string;
  place_id: string;
  revision: number;
}

/** An incident's text as stored: the Arabic only when there is one (absent, not null, in what we send). */
export const withArabic = (en: string, fr: string, ar: string | null) => (ar ? { en, fr, ar } : { en, fr });

export const INCIDENT_SELECT = `SELECT i.id, to_char(i.date, 'YYYY-MM-DD') AS date, to_char(i.date_end, 'YYYY-MM-DD') AS date_end, i.date_precision,
  i.geo_precision, i.location_note_en, i.location_note_fr, i.event_type, i.sub_event_type, i.scope, i.title_en, i.title_fr,
  i.summary_en, i.summary_fr, i.title_ar, i.summary_ar, i.lon, i.lat, to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at, i.place_id, i.revision`;

export async function getIncident(db: Q, id: string): Promise<IncidentView | null> {
  const { incidents } = await listIncidentsByIds(db, [id]);
  return incidents[0] ?? null;
}

/** Whole incidents by id (those that exist), oldest first. */
export async function listIncidentsByIds(db: Q, ids: string[]): Promise<{ incidents: IncidentView[] }> {
  const rows = await db.query<IncidentRow>(
    `${INCIDENT_SELECT}
     FROM incidents i WHERE i.id = ANY($1::text[]) ORDER BY i.date, i.id`,
    [ids],
  );
  return { incidents: await hydrate(db, rows) };
}

/** Loads everything an incident carries (place, actors, sources, claims) for a page of rows, in five queries. */
export async function hydrate(db: Q, rows: IncidentRow[]): Promise<IncidentView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const placeIds = [...new Set(rows.map((r) => r.place_id))];
  const [placeRows, actorRows, sourceRows, claimRows, casualtyRows, equipmentRows] = await Promise.all([
    db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM places p WHERE p.id = ANY($1::text[])`, [placeIds]),
    db.query<{ incident_id: string; actor_id: string; side: 'a' | 'b'; role: 'primary' | 'associated' }>(
      'SELECT incident_id, actor_id, side, role FROM incident_actors WHERE incident_id = ANY($1::text[]) ORDER BY side, role DESC, actor_id',
      [ids],
    ),
    db.query<{ incident_id: string; source_id: string }>(
      'SELECT incident_id, source_id FROM incident_sources WHERE incident_id = ANY($1::text[]) ORDER BY source_id',
      [ids],
    ),
    db.query<{
      id: string;
      incident_id: string;
      claimant_id: string;
      via_id: string | null;
      claimed_on: string;
      perpetrators: string[];
      targets: string[];
      attribution_en: string;
      attribution_fr: string;
      statement_en: string;
      statement_fr: string;
      total_killed_low: number | null;
      total_killed_best: number | null;
      total_killed_high: number | null;
    }>(
      `SELECT id, incident_id, claimant_id, via_id, to_char(claimed_on, 'YYYY-MM-DD') AS claimed_on, perpetrators, targets,
         attribution_en, attribution_fr, statement_en, statement_fr, total_killed_low, total_killed_best, total_killed_high
       FROM claims WHERE incident_id = ANY($1::text[]) ORDER BY incident_id, position`,
      [ids],
    ),
    db.query<{
      claim_id: string;
      group_id: string;
      label_en: string;
      label_fr: string;
      killed_low: number | null;
      killed_best: number | null;
      killed_high: number | null;
      wounded_low: number | null;
      wounded_high: number | null;
      counted_in: string | null;
    }>(
      `SELECT cc.claim_id, cc.group_id, cc.label_en, cc.label_fr, cc.killed_low, cc.killed_best, cc.killed_high, cc.wounded_low, cc.wounded_high, cc.counted_in
       FROM claim_casualties cc JOIN claims c ON c.id = cc.claim_id WHERE c.incident_id = ANY($1::text[]) ORDER BY cc.claim_id, cc.position`,
      [ids],
    ),
    db.query<{ claim_id: string; item_en: string; item_fr: string; count_low: number; count_high: number; owner_id: string | null }>(
      `SELECT ce.claim_id, ce.item_en, ce.item_fr, ce.count_low, ce.count_high, ce.owner_id
       FROM claim_equipment ce JOIN claims c ON c.id = ce.claim_id WHERE c.incident_id = ANY($1::text[]) ORDER BY ce.claim_id, ce.position`,
      [ids],
    ),
  ]);
  const placeById = new Map(placeRows.map((r) => [r.id, toPlace(r)]));
  const range = (low: number | null, high: number | null, best: number | null = null): Range | null =>
    low === null || high === null ? null : best === null ? { low, high } : { low, best, high };
  const claimsByIncident = group(claimRows, (c) => c.incident_id);
  const casualtiesByClaim = group(casualtyRows, (c) => c.claim_id);
  const equipmentByClaim = group(equipmentRows, (c) => c.claim_id);
  const actorsByIncident = group(actorRows, (a) => a.incident_id);
  const sourcesByIncident = group(sourceRows, (s) => s.incident_id);

  return rows.map((r) => {
    const claims: Claim[] = (claimsByIncident.get(r.id) ?? []).map((c) => ({
      id: c.id,
      claimant: c.claimant_id,
      via: c.via_id,
      claimedOn: c.claimed_on,
      perpetrators: c.perpetrators,
      targets: c.targets,
      attribution: { en: c.attribution_en, fr: c.attribution_fr },
      statement: { en: c.statement_en, fr: c.statement_fr },
      ...(c.total_killed_low !== null ? { totalKilled: range(c.total_killed_low, c.total_killed_high, c.total_killed_best) } : {}),
      casualties: (casualtiesByClaim.get(c.id) ?? []).map((l) => ({
        group: l.group_id,
        label: { en: l.label_en, fr: l.label_fr },
        killed: range(l.killed_low, l.killed_high, l.killed_best),
        wounded: range(l.wounded_low, l.wounded_high),
        countedIn: l.counted_in,
      })),
      equipment: (equipmentByClaim.get(c.id) ?? []).map((e) => ({
        item: { en: e.item_en, fr: e.item_fr },
        count: { low: e.count_low, high: e.count_high },
        owner: e.owner_id,
      })),
    }));
    const place = placeById.get(r.place_id);
    if (!place) throw new Error(`incident ${r.id} points at missing place ${r.place_id}`);
    return {
      id: r.id,
      date: r.date,
      dateEnd: r.date_end,
      datePrecision: r.date_precision,
      place,
      lon: r.lon,
      lat: r.lat,
      geoPrecision: r.geo_precision,
      locationNote: r.location_note_en && r.location_note_fr ? { en: r.location_note_en, fr: r.location_note_fr } : null,
      eventType: r.event_type,
      subEventType: r.sub_event_type,
      scope: r.scope,
      title: withArabic(r.title_en, r.title_fr, r.title_ar),
      summary: withArabic(r.summary_en, r.summary_fr, r.summary_ar),
      actors: (actorsByIncident.get(r.id) ?? []).map((a) => ({ actor: a.actor_id, side: a.side, role: a.role })),
      reportedBy: (sourcesByIncident.get(r.id) ?? []).map((s) => s.source_id),
      claims,
      contested: contestReasons(claims),
      casualties: summariseClaims(claims),
      updatedAt: r.updated_at,
      revision: r.revision,
    };
  });
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
