/**
 * The incident as every side of the product reads it, and its brief. The store turns its rows
 * into these (lib/db/incident-read.ts); the API, tiles, still images, embeds and the desk project
 * them (geojson.ts, draft.ts). Pure: no store, no HTTP, safe in the browser.
 */
import type { CasualtySummary, ContestReason, Range } from '../domain/casualties';
import type { Incident, Place } from '../domain/schema';

/** An incident whole: its record, its place, its summary of tolls and what is contested. */
export interface IncidentView extends Omit<Incident, 'place'> {
  dateEnd: string;
  place: Place;
  lon: number;
  lat: number;
  contested: ContestReason[];
  casualties: CasualtySummary;
  updatedAt: string;
  /** raised by each save: a save made on an older revision is refused (lib/db/corrections.ts) */
  revision: number;
}

/**
 * An incident as a list shows it: everything of IncidentView's summary but the claims
 * themselves, read by the lists from the summaries kept on write (lib/db/summaries.ts) in one query.
 */
export interface IncidentBrief
  extends Pick<
    IncidentView,
    | 'id'
    | 'date'
    | 'dateEnd'
    | 'datePrecision'
    | 'geoPrecision'
    | 'locationNote'
    | 'eventType'
    | 'subEventType'
    | 'scope'
    | 'title'
    | 'summary'
    | 'contested'
    | 'lon'
    | 'lat'
    | 'updatedAt'
  > {
  placeId: string;
  placeName: Place['name'];
  killed: Range | null;
  wounded: Range | null;
  claimants: string[];
  actors: string[];
  claimCount: number;
}

/** An incident as a list shows it (`?fields=brief`), from a whole version: what listIncidentBriefs reads from the summaries. */
export function briefOf(i: IncidentView): IncidentBrief {
  const claimants: string[] = [];
  for (const c of i.claims) if (!claimants.includes(c.claimant)) claimants.push(c.claimant);
  return {
    id: i.id,
    date: i.date,
    dateEnd: i.dateEnd,
    datePrecision: i.datePrecision,
    placeId: i.place.id,
    placeName: i.place.name,
    geoPrecision: i.geoPrecision,
    locationNote: i.locationNote,
    eventType: i.eventType,
    subEventType: i.subEventType,
    scope: i.scope,
    title: i.title,
    summary: i.summary,
    contested: i.contested,
    killed: plain(i.casualties.killed),
    wounded: plain(i.casualties.wounded),
    claimants,
    actors: i.actors.map((a) => a.actor),
    claimCount: i.claims.length,
    lon: i.lon,
    lat: i.lat,
    updatedAt: i.updatedAt,
  };
}
const plain = (r: Range | null): Range | null => (r ? { low: r.low, high: r.high } : null);
