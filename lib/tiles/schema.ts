/**
 * What the map's vector tiles hold (GET /api/tiles/{z}/{x}/{y}.mvt), shared by the server that
 * makes them and the map that draws them.
 *
 * - Layer `clusters`, below POINT_ZOOM (or wherever a tile holds more than MAX_POINTS
 *   incidents): the groups the map draws (geo/grouping: cells of CELLS × CELLS per tile, merged
 *   where their discs would overlap), each at the centroid of its incidents, with the group
 *   marker's properties (lib/incident/marker: `count`, `killed` which sizes it, `contested`,
 *   the count of each event type `type_<id>`), and the net deaths (`killed_low`/`killed_high`,
 *   absent when no incident of the group has a figure; each victim counted once, in the
 *   incident a toll line is counted in).
 * - Layer `incidents`, from POINT_ZOOM: one point an incident with the incident marker's
 *   properties (`id`, `eventType`, `geoPrecision`, `killedMax`, `r`, `contested`) and `date`.
 *   Its full record comes from /api/incidents/{id}.
 */
export { typeKey } from '../incident/marker';

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
