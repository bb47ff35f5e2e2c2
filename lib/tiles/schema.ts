/**
 * What the map's vector tiles hold (GET /api/tiles/{z}/{x}/{y}.mvt), shared by the server that
 * makes them and the map that draws them.
 *
 * - Layer `clusters`, below POINT_ZOOM (or wherever a tile holds more than MAX_POINTS
 *   incidents): one point a cell of CELLS × CELLS per tile, at the centroid of its incidents,
 *   with `count`, the net deaths (`killed_low`/`killed_high`, absent when no incident of the
 *   cell has a figure; each victim counted once, in the incident a toll line is counted in),
 *   how many are contested, and the count of each event type (`type_<id>`).
 * - Layer `incidents`, from POINT_ZOOM: one point an incident with `id`, `eventType`,
 *   `geoPrecision`, `killedMax` (the highest claimed toll, absent when unknown), `contested`
 *   and `date`. Its full record comes from /api/incidents/{id}.
 */
import type { EventType } from '../domain/taxonomy';

export const CLUSTER_LAYER = 'clusters';
export const INCIDENT_LAYER = 'incidents';
export const EXTENT = 4096;
/** cells per tile side: a 512-pixel tile gets clusters 32 pixels apart */
export const CELLS = 16;
/** from this zoom, single incidents (a tile of ~10 km at the equator) */
export const POINT_ZOOM = 12;
/**
 * A tile at or past POINT_ZOOM with more incidents than this is drawn as clusters all the same:
 * a thousand discs in a 512-pixel tile already cover one another (the list names them), and the
 * tile's answer stays bounded (bench:scale: a z12 tile of 5,000 took 211 ms at p95 on 1M).
 */
export const MAX_POINTS = 1000;
/** below this zoom clusters are read from the grid of 0.02° cells kept on write */
export const GRID_MAX_ZOOM = 9;
export const MAX_ZOOM = 16;

export const typeKey = (t: EventType) => `type_${t}`;
