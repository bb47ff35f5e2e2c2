/**
 * The API's GeoJSON (RFC 7946) shapes. Types here are shared with the client; the builders run
 * on the server. Coordinates are [longitude, latitude].
 */
import type { ClaimantTotal, Range } from '../domain/casualties';
import type { Place, Source } from '../domain/schema';
import type { PlaceDetail, PlaceSummary } from '../db/places';
import { encodeCursor } from './cursor';
import { type Feature, type IncidentProps, incidentProps, point } from '../incident/geojson';

/** A place as a map draws it: names, kind and the rest of its record. */
export type PlacePointProps = Omit<Place, 'lon' | 'lat'>;
/** A place with its incident count and toll (GET /api/places). */
export type PlaceProps = Omit<PlaceSummary, 'lon' | 'lat'>;

export function placeFeature<P extends Place>(p: P): Feature<Omit<P, 'lon' | 'lat'>> {
  const { lon, lat, ...props } = p;
  return { type: 'Feature', id: p.id, geometry: point(lon, lat), properties: props };
}

export interface PlaceDetailProps extends Omit<Place, 'lon' | 'lat'> {
  /** a page of the incidents located here, oldest first */
  incidents: IncidentProps[];
  /** how many incidents are located here in all */
  incidentTotal: number;
  /** the next page's cursor (`?cursor=`), or null */
  nextCursor: string | null;
  /** a page of the incidents located only to this place's province */
  areaIncidents: IncidentProps[];
  areaIncidentTotal: number;
  /** false when there are more than `areaIncidentTotal` (counts stop at 10,000) */
  areaIncidentTotalExact: boolean;
  /** the next page's cursor (`?areaCursor=`), or null */
  areaNextCursor: string | null;
  casualties: { killed: Range | null; wounded: Range | null };
  byClaimant: ClaimantTotal[];
  sources: Source[];
}

export function placeDetailFeature(
  d: PlaceDetail,
  allSources: Source[],
  /** the incidents already in their summary form (from a snapshot), instead of d's */
  summaries?: { incidents: IncidentProps[]; areaIncidents: IncidentProps[] },
): Feature<PlaceDetailProps> {
  const { lon, lat, ...place } = d.place;
  const named = new Set(d.byClaimant.map((c) => c.claimant));
  return {
    type: 'Feature',
    id: place.id,
    geometry: point(lon, lat),
    properties: {
      ...place,
      incidents: summaries?.incidents ?? d.incidents.items.map(incidentProps),
      incidentTotal: d.incidents.total,
      nextCursor: d.incidents.next && encodeCursor(d.incidents.next),
      areaIncidents: summaries?.areaIncidents ?? d.areaIncidents.items.map(incidentProps),
      areaIncidentTotal: d.areaIncidents.total,
      areaIncidentTotalExact: d.areaIncidents.totalExact ?? true,
      areaNextCursor: d.areaIncidents.next && encodeCursor(d.areaIncidents.next),
      casualties: d.casualties,
      byClaimant: d.byClaimant,
      sources: allSources.filter((s) => named.has(s.id)),
    },
  };
}
