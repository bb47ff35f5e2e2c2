/**
 * Places for imported rows: a row's location is matched to a place the store holds — by any of
 * its names or aliases, transliterations folded (`placeKey`), and within MATCH_KM of the row's
 * coordinates — or, failing that, to a place at the very same spot (SAME_SPOT_KM) whatever its
 * name. Otherwise a new place is made, flagged as coming from the dataset. A name alone never
 * decides: there are two Al-Nayrabs, and a row named Nayrab at 35.87, 36.72 is the Idlib one.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import type { Place } from '../domain/schema';
import type { MappedRow } from './datasets';
import { distanceKm, placeKey, slug } from './text';

export const MATCH_KM = 8;
export const SAME_SPOT_KM = 0.3;
/** A row located only to its province (precision 3) may stand this far from the governorate's label point. */
export const PROVINCE_KM = 120;

export interface KnownPlace {
  id: string;
  lat: number;
  lon: number;
  names: string[];
  kind: string;
}

const AREA_KINDS = new Set(['governorate', 'region']);

export interface NewPlace extends Place {
  origin: string;
}

export class PlaceMatcher {
  private byKey = new Map<string, KnownPlace[]>();
  /** a coarse grid (0.01°) for the same-spot test */
  private grid = new Map<string, KnownPlace[]>();
  readonly created: NewPlace[] = [];

  constructor(places: readonly KnownPlace[]) {
    for (const p of places) this.add(p);
  }

  private add(p: KnownPlace): void {
    for (const name of new Set(p.names.map(placeKey).filter(Boolean))) {
      const list = this.byKey.get(name);
      if (list) list.push(p);
      else this.byKey.set(name, [p]);
    }
    const cell = `${Math.round(p.lat * 100)}:${Math.round(p.lon * 100)}`;
    const list = this.grid.get(cell);
    if (list) list.push(p);
    else this.grid.set(cell, [p]);
  }

  private nearest(
    candidates: readonly KnownPlace[],
    at: { lat: number; lon: number },
    within: number,
    keep: (p: KnownPlace) => boolean = () => true,
  ): KnownPlace | null {
    let best: KnownPlace | null = null;
    let bestKm = within;
    for (const c of candidates) {
      if (!keep(c)) continue;
      const km = distanceKm(c, at);
      if (km <= bestKm) {
        best = c;
        bestKm = km;
      }
    }
    return best;
  }

  private sameSpot(at: { lat: number; lon: number }): KnownPlace | null {
    const la = Math.round(at.lat * 100);
    const lo = Math.round(at.lon * 100);
    const near: KnownPlace[] = [];
    for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) near.push(...(this.grid.get(`${la + i}:${lo + j}`) ?? []));
    return this.nearest(near, at, SAME_SPOT_KM, (p) => !AREA_KINDS.has(p.kind));
  }

  /** The place id for a row's location: an existing place, or a new one made now (see `created`). */
  match(row: MappedRow): string {
    const loc = row.location;
    if (row.incident.geoPrecision === 3) {
      // located to the province only: the governorate, by the row's place name or its admin1
      const keys = [placeKey(loc.name), ...(loc.admin1 ? [placeKey(loc.admin1)] : [])];
      const area = keys.map((k) => this.nearest(this.byKey.get(k) ?? [], loc, PROVINCE_KM, (p) => AREA_KINDS.has(p.kind))).find(Boolean);
      if (area) return area.id;
    }
    const named =
      this.nearest(this.byKey.get(placeKey(loc.name)) ?? [], loc, MATCH_KM, (p) => !AREA_KINDS.has(p.kind)) ?? this.sameSpot(loc);
    if (named) return named.id;
    const spot = createHash('sha1')
      .update(`${loc.lat.toFixed(4)},${loc.lon.toFixed(4)}`)
      .digest('hex')
      .slice(0, 6);
    const id = `${row.origin}-${slug(loc.name, 70)}-${spot}`;
    const place: NewPlace = {
      id,
      name: { en: loc.name, fr: loc.name, ar: '' },
      aliases: [],
      lat: loc.lat,
      lon: loc.lon,
      geonamesId: null,
      admin1: loc.admin1 ?? loc.country ?? '',
      admin2: loc.admin2,
      kind: 'locality',
      coordinateNote: `Named and located by ${row.origin === 'acled' ? 'ACLED' : 'UCDP GED'}; not checked against the gazetteer.`,
      origin: row.origin,
    };
    this.created.push(place);
    this.add({ id, lat: loc.lat, lon: loc.lon, names: [loc.name], kind: 'locality' });
    return id;
  }
}
