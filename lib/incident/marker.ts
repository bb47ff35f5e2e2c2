/**
 * What a map feature of an incident or a group says: the one set of property names the live map's
 * sources, the vector tiles and the layers that draw both use (flat values: MapLibre styles no
 * nested object). Pure: safe in the browser.
 */
import type { GroupItem } from '@/geo/grouping';
import { incidentRadiusPx } from '@/geo/symbols';
import type { Feature } from './geojson';
import { EVENT_TYPE_IDS, type EventType } from '../domain/taxonomy';

/** A group's count of incidents of one type. */
export const typeKey = (t: EventType) => `type_${t}`;

/** An incident drawn alone. */
export interface IncidentMarker {
  id: string;
  eventType: EventType;
  /** 3: located only to its province, drawn as a ring at the province's anchor */
  geoPrecision: number;
  /** the highest death toll any claim gives (0 when none), and the radius it is drawn with */
  killedMax: number;
  r: number;
  contested: boolean;
  highlighted: boolean;
  /** spread from the point it shares: direction slot and distance in pixels (geo/symbols) */
  dir?: number;
  d?: number;
}

/** Incidents drawn as one counted disc; its presence of `count` is what tells a group from an incident. */
export interface GroupMarker {
  count: number;
  /** the deaths its incidents report, which size it */
  killed: number;
  geoPrecision: number;
  contested: boolean;
  highlighted: boolean;
  [type: `type_${string}`]: number;
}

export function incidentMarker(m: {
  id: string;
  eventType: EventType;
  geoPrecision: number;
  killedMax: number | null;
  contested: boolean;
  highlighted: boolean;
  dir?: number;
  d?: number;
}): IncidentMarker {
  const killedMax = m.killedMax ?? 0;
  return {
    id: m.id,
    eventType: m.eventType,
    geoPrecision: m.geoPrecision,
    killedMax,
    r: incidentRadiusPx(killedMax),
    contested: m.contested,
    highlighted: m.highlighted,
    ...(m.dir !== undefined ? { dir: m.dir, d: m.d ?? 0 } : {}),
  };
}

export function groupMarker(g: {
  count: number;
  killed: number;
  province: boolean;
  contested: boolean;
  highlighted: boolean;
  types: Partial<Record<EventType, number>>;
}): GroupMarker {
  const marker: GroupMarker = {
    count: g.count,
    killed: g.killed,
    geoPrecision: g.province ? 3 : 1,
    contested: g.contested,
    highlighted: g.highlighted,
  };
  for (const t of EVENT_TYPE_IDS) marker[`type_${t}`] = g.types[t] ?? 0;
  return marker;
}

/** What grouping needs of an incident feature (geo/grouping): the live map's and the still image's alike. */
export type Groupable = Feature<{
  geoPrecision: number;
  eventType: EventType;
  killed: { high: number } | null;
  contested: readonly unknown[];
}>;

export function groupItemsOf(features: readonly Groupable[], highlighted: readonly string[]): GroupItem[] {
  const ringed = new Set(highlighted);
  return features.map((f) => ({
    id: f.id,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
    province: f.properties.geoPrecision === 3,
    eventType: f.properties.eventType,
    killedMax: f.properties.killed?.high ?? 0,
    contested: f.properties.contested.length > 0,
    highlighted: ringed.has(f.id),
  }));
}
