/**
 * The incident's GeoJSON (RFC 7946) shapes and the projections every reader of it uses: the full
 * properties, the brief a list and the map take, the detail a popup and the desk take, and the few
 * a still image draws. Coordinates are [longitude, latitude]. Pure: safe in the browser.
 */
import type { CasualtySummary, ContestReason, Range } from '../domain/casualties';
import type { Actor, Claim, DatePrecision, GeoPrecision, Localised, LocalisedWithArabic, Place, Source } from '../domain/schema';
import type { EventType } from '../domain/taxonomy';
import { briefOf, type IncidentBrief, type IncidentView } from './view';

export interface Point {
  type: 'Point';
  coordinates: [number, number];
}
export interface Feature<P> {
  type: 'Feature';
  id: string;
  geometry: Point;
  properties: P;
}
export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

export interface IncidentProps {
  id: string;
  date: string;
  dateEnd: string;
  datePrecision: DatePrecision;
  placeId: string;
  placeName: Place['name'];
  geoPrecision: GeoPrecision;
  locationNote: Localised | null;
  eventType: EventType;
  subEventType: string;
  scope: 'event' | 'tally';
  title: LocalisedWithArabic;
  summary: LocalisedWithArabic;
  contested: ContestReason[];
  killed: Range | null;
  wounded: Range | null;
  claimants: string[];
  actors: string[];
  claimCount: number;
  /** each claim's toll lines, so a client can sum a set of incidents without double counting */
  tolls: Pick<Claim, 'claimant' | 'perpetrators' | 'casualties'>[];
  updatedAt: string;
}

/** An incident as a list shows it (`?fields=brief`): its summary without the claims' toll lines. */
export type IncidentBriefProps = Omit<IncidentProps, 'tolls'>;

export interface IncidentDetailProps extends IncidentProps {
  place: Place;
  casualties: CasualtySummary;
  claims: Claim[];
  actorRoles: { actor: string; side: 'a' | 'b'; role: 'primary' | 'associated' }[];
  reportedBy: string[];
  /** every source and actor the incident names, so a client needs no other lookup */
  sources: Source[];
  actorIndex: Actor[];
  /** the incident's revision: send it back with a correction (PUT) so that a save on a stale copy is refused */
  revision: number;
}

export interface IncidentCollection<P extends IncidentBriefProps = IncidentProps> extends FeatureCollection<P> {
  nextCursor: string | null;
  limit: number;
  /** how many incidents match the filters in all: on the first page (without a cursor), when counted exactly */
  numberMatched?: number;
  /** instead of numberMatched, past 10,000 matches of a filter the calendar cannot count: at least this many */
  numberMatchedAtLeast?: number;
  /** read as of this moment (`?asOf=`) */
  asOf?: string;
  /** as of then: how many incidents an import has written since, left out because their version then is not known */
  notKnownAsOf?: number;
}

export const point = (lon: number, lat: number): Point => ({ type: 'Point', coordinates: [lon, lat] });

export function incidentProps(i: IncidentView): IncidentProps {
  const { lon: _lon, lat: _lat, ...brief } = briefOf(i);
  return {
    ...brief,
    // the incident's own ranges, a best estimate kept where a claim gave one
    killed: i.casualties.killed,
    wounded: i.casualties.wounded,
    tolls: i.claims.map((c) => ({ claimant: c.claimant, perpetrators: c.perpetrators, casualties: c.casualties })),
  };
}

export function briefFeature({ lon, lat, ...props }: IncidentBrief): Feature<IncidentBriefProps> {
  return { type: 'Feature', id: props.id, geometry: point(lon, lat), properties: props };
}

export function incidentFeature(i: IncidentView): Feature<IncidentProps> {
  return { type: 'Feature', id: i.id, geometry: point(i.lon, i.lat), properties: incidentProps(i) };
}

export function incidentDetailFeature(i: IncidentView, allSources: Source[], allActors: Actor[]): Feature<IncidentDetailProps> {
  const sourceIds = new Set([...i.reportedBy, ...i.claims.flatMap((c) => [c.claimant, ...(c.via ? [c.via] : [])])]);
  const actorIds = new Set([
    ...i.actors.map((a) => a.actor),
    ...i.claims.flatMap((c) => [
      ...c.perpetrators,
      ...c.targets,
      ...c.casualties.map((l) => l.group),
      ...c.equipment.flatMap((e) => (e.owner ? [e.owner] : [])),
    ]),
  ]);
  return {
    type: 'Feature',
    id: i.id,
    geometry: point(i.lon, i.lat),
    properties: {
      ...incidentProps(i),
      place: i.place,
      casualties: i.casualties,
      claims: i.claims,
      actorRoles: i.actors,
      reportedBy: i.reportedBy,
      sources: allSources.filter((s) => sourceIds.has(s.id)),
      actorIndex: allActors.filter((a) => actorIds.has(a.id)),
      revision: i.revision,
    },
  };
}

/** An incident's summary properties out of its detail (a pinned view's snapshot keeps details). */
export function summaryOf(d: IncidentDetailProps): IncidentProps {
  const { place, casualties, claims, actorRoles, reportedBy, sources, actorIndex, revision, ...summary } = d;
  return summary;
}

/** What a still image draws of an incident: its detail, slimmed to the properties drawn. */
export type StillIncidentProps = Pick<IncidentDetailProps, 'geoPrecision' | 'killed' | 'placeId' | 'title' | 'contested' | 'eventType'> & {
  sources: { name: IncidentDetailProps['sources'][number]['name'] }[];
};

/** An incident's feature cut to what a still image draws. */
export const stillIncident = ({ id, type, geometry, properties: p }: Feature<IncidentDetailProps>): Feature<StillIncidentProps> => ({
  id,
  type,
  geometry,
  properties: {
    geoPrecision: p.geoPrecision,
    killed: p.killed,
    placeId: p.placeId,
    title: p.title,
    contested: p.contested,
    eventType: p.eventType,
    sources: p.sources.map((s) => ({ name: s.name })),
  },
});

/**
 * A view as a still image, made on the server without a browser: for <noscript>, print and
 * social cards. The same geography, places and incident symbols as the live map, in SVG.
 */
