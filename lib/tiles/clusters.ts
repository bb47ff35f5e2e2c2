/**
 * The content of one map tile: clusters counted per cell, or single incidents, for a filter.
 * Cells are summed from the rollups kept on write when the filter is one they hold (dates and
 * types): for all time, the stacks of incidents at one point (as many rows as places, at any
 * zoom); for a period, the 0.16° grid by month down to zoom 6 and the 0.02° one to zoom 9.
 * Closer in with a period, or with a filter no rollup holds (actor, source, text, place), they
 * are counted from the narrow table inside the tile's box. Each grid cell belongs to the one
 * tile its centroid falls in, so tiles never count an incident twice and all tiles together
 * count each once.
 */
import 'server-only';
import { type IncidentFilter, Params, pointFilter } from '../db/incident-filter';
import { dateParts, partWhere } from '../db/parts';
import type { Db } from '../db/store';
import type { EventType } from '../domain/taxonomy';
import { CELLS, EXTENT, GRID_MAX_ZOOM, MAX_POINTS, POINT_ZOOM } from './schema';
import { groupCells, groupMarks } from '@/geo/grouping';

type Q = Pick<Db, 'query' | 'dialect' | 'whenIdle'>;
export type TileFilter = Omit<IncidentFilter, 'limit' | 'cursor' | 'order' | 'bbox'>;

export interface Cluster {
  /** position in tile units (0..EXTENT) */
  x: number;
  y: number;
  count: number;
  killedN: number;
  killedLow: number;
  killedHigh: number;
  contested: number;
  types: Partial<Record<EventType, number>>;
}

export interface TilePoint {
  x: number;
  y: number;
  id: string;
  eventType: EventType;
  geoPrecision: number;
  killedMax: number | null;
  /** net deaths (a toll line counted in another incident counts there), for sums; null when no figure */
  netLow: number | null;
  netHigh: number | null;
  contested: boolean;
  date: string;
  /** spread around the point it shares (geo/grouping) */
  dir?: number;
  d?: number;
}

/** A group of a tile whose incidents are known one by one: located only to the province, or not. */
export interface PointGroup extends Cluster {
  province: boolean;
  /** the deaths its incidents report (each one's highest claim), which size it, as in the browser */
  killed: number;
}

/**
 * What a tile draws: groups of cells (a tile with many incidents), or its incidents one by one
 * and the groups they make (a tile with few, grouped exactly as the browser groups a small set).
 */
export type TileContent = { kind: 'clusters'; clusters: Cluster[] } | { kind: 'marks'; points: TilePoint[]; groups: PointGroup[] };

/** Web Mercator: a position in tiles at zoom z (x grows east, y grows south) in degrees, and back. */
const lonOf = (tx: number, z: number) => (tx / 2 ** z) * 360 - 180;
const latOf = (ty: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / 2 ** z))) * 180) / Math.PI;
const txOf = (lon: number, z: number) => ((lon + 180) / 360) * 2 ** z;
const tyOf = (lat: number, z: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * 2 ** z;

/** The tile's box in degrees: west, south, east, north. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  return [lonOf(x, z), latOf(y + 1, z), lonOf(x + 1, z), latOf(y, z)];
}

/** A point of tile (z, x, y), in its units (0..EXTENT), in degrees; and a point in degrees in its units, kept inside it. */
function tileFrame(z: number, x: number, y: number) {
  const inside = (u: number) => Math.min(EXTENT - 1, Math.max(0, Math.round(u)));
  return {
    toLonLat: (ux: number, uy: number): [number, number] => [lonOf(x + ux / EXTENT, z), latOf(y + uy / EXTENT, z)],
    toUnits: (lon: number, lat: number) => ({ x: inside((txOf(lon, z) - x) * EXTENT), y: inside((tyOf(lat, z) - y) * EXTENT) }),
  };
}

// Web Mercator in SQL: a position in tiles at zoom $z (x grows east, y grows south)
const mercX = (lon: string, z: string) => `((${lon} + 180.0) / 360.0 * (2.0 ^ ${z}))`;
const mercY = (lat: string, z: string) =>
  `((0.5 - ln(tan(pi() / 4 + radians(greatest(least(${lat}, 85.0511), -85.0511)) / 2)) / (2 * pi())) * (2.0 ^ ${z}))`;

/**
 * A position (lon, lat) in tile units at zoom `zp`, and the test that it lies in tile (px, py):
 * [x, x + 1) × [y, y + 1), so that a point on the edge between two tiles belongs to one.
 */
function inTile(lon: string, lat: string, zp: string, px: string, py: string) {
  const mx = mercX(lon, zp);
  const my = mercY(lat, zp);
  return { mx, my, inside: `${mx} >= ${px} AND ${mx} < ${px} + 1 AND ${my} >= ${py} AND ${my} < ${py} + 1` };
}

/** Whether the grid holds what a filter asks: it knows cells, months and types only. */
function gridable(f: TileFilter): boolean {
  return !f.actors?.length && !f.sources?.length && !f.q && !f.places?.length && !f.areaOf;
}

/** The whole months inside [from, to], as the first day of the first and of the last; null when none. */
export function wholeMonths(from: string | undefined, to: string | undefined): { first: string | null; last: string | null } | null {
  const first = from ? (from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7))) : null;
  const lastDay = to ? monthEnd(to.slice(0, 7)) === to : true;
  const last = to ? (lastDay ? to.slice(0, 7) : prevMonth(to.slice(0, 7))) : null;
  if (first && last && first > last) return null;
  return { first: first && `${first}-01`, last: last && `${last}-01` };
}
const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const fromIndex = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
const nextMonth = (ym: string) => fromIndex(monthIndex(ym) + 1);
const prevMonth = (ym: string) => fromIndex(monthIndex(ym) - 1);
function monthEnd(ym: string): string {
  const d = new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0));
  return d.toISOString().slice(0, 10);
}

interface CellRow {
  cx: number;
  cy: number;
  event_type: EventType;
  n: string;
  kn: string;
  kl: string;
  kh: string;
  contested: string;
  sx: number;
  sy: number;
}

/** The grids by month: 0.16° cells down to this zoom (a cell of a tile is 0.35° there), then 0.02° ones. */
const COARSE_MAX_ZOOM = 6;
const FINE = { table: 'incident_grid', size: 0.02 };
const COARSE = { table: 'incident_grid_coarse', size: 0.16 };

export async function tileContent(
  db: Q,
  z: number,
  x: number,
  y: number,
  f: TileFilter,
  /** past how many incidents a tile zoomed in is clustered; how wide tiles are read in parts (tests make both small) */
  { maxPoints = MAX_POINTS, parts: partOptions = {} }: { maxPoints?: number; parts?: Parameters<typeof dateParts>[2] } = {},
): Promise<TileContent> {
  const bbox = tileBounds(z, x, y);
  // all time, by type at most: the stacks answer at every zoom
  const stacked = gridable(f) && !f.from && !f.to;
  if (z >= POINT_ZOOM) {
    // the stacks say at once whether the tile has too many incidents to send one by one
    const many = stacked && (await stackCount(db, z, x, y, bbox, f)) > maxPoints;
    const points = many ? null : await tilePoints(db, z, x, y, bbox, f, maxPoints);
    if (points) return marks(points, z, x, y);
  }
  const cells = stacked ? fold(await stackCells(db, z, x, y, bbox, f), x, y) : await cellsOf(db, z, x, y, bbox, f, partOptions);
  // few enough to send one by one: drawn exactly as the browser draws a small set
  if (cells.reduce((n, c) => n + c.count, 0) <= maxPoints) {
    const points = await tilePoints(db, z, x, y, bbox, f, maxPoints);
    if (points) return marks(points, z, x, y);
  }
  return { kind: 'clusters', clusters: grouped(cells, z, x, y) };
}

/** A tile's cells counted from the grids (a period, zoomed out) or from the narrow table. */
async function cellsOf(
  db: Q,
  z: number,
  x: number,
  y: number,
  bbox: [number, number, number, number],
  f: TileFilter,
  partOptions: Parameters<typeof dateParts>[2],
): Promise<Cluster[]> {
  const rows: CellRow[] = [];
  if (z <= GRID_MAX_ZOOM && gridable(f)) {
    const months = wholeMonths(f.from, f.to);
    if (months) {
      rows.push(...(await gridCells(db, z <= COARSE_MAX_ZOOM ? COARSE : FINE, z, x, y, bbox, f, months)));
      // what the whole months leave out: the part months at either end, and incidents that began before `from` and run into it
      const p = new Params();
      const where = pointFilter({ ...f, bbox }, p);
      const outside = [
        ...(months.first ? [`p.date < ${p.add(months.first)}::date`] : []),
        ...(months.last ? [`p.date >= (${p.add(months.last)}::date + interval '1 month')`] : []),
      ];
      if (outside.length) rows.push(...(await rawCells(db, z, x, y, [...where, `(${outside.join(' OR ')})`], p)));
    } else {
      const p = new Params();
      rows.push(...(await rawCells(db, z, x, y, pointFilter({ ...f, bbox }, p), p)));
    }
  } else {
    // a wide tile may hold most of a filter's matches: on PGlite, read in parts of first days (lib/db/parts.ts)
    const parts = z <= GRID_MAX_ZOOM ? dateParts(db, f, partOptions) : [{ after: null, before: null }];
    for await (const part of parts) {
      const p = new Params();
      const where = [...pointFilter({ ...f, bbox }, p), ...partWhere(part, 'p.date', (v) => p.add(v))];
      rows.push(...(await rawCells(db, z, x, y, where, p)));
    }
  }
  return fold(rows, x, y);
}

/** A tile's incidents one by one, grouped as the browser groups them (geo/grouping groupMarks). */
function marks(points: TilePoint[], z: number, x: number, y: number): TileContent {
  const frame = tileFrame(z, x, y);
  const byId = new Map(points.map((p) => [p.id, p]));
  const drawn = groupMarks(
    points.map((p) => {
      const [lon, lat] = frame.toLonLat(p.x, p.y);
      return {
        id: p.id,
        lon,
        lat,
        province: p.geoPrecision === 3,
        eventType: p.eventType,
        killedMax: p.killedMax ?? 0,
        contested: p.contested,
        highlighted: false,
      };
    }),
    z,
  );
  const out: { kind: 'marks'; points: TilePoint[]; groups: PointGroup[] } = { kind: 'marks', points: [], groups: [] };
  for (const m of drawn) {
    if (m.kind === 'incident') {
      const p = byId.get(m.id);
      if (p) out.points.push(m.dir !== undefined ? { ...p, dir: m.dir, d: m.d } : p);
      continue;
    }
    const members = m.ids.flatMap((id) => byId.get(id) ?? []);
    const known = members.filter((p) => p.netHigh !== null);
    // a group of one point stays on it; a merged one at its incidents' centroid, inside the tile
    out.groups.push({
      ...frame.toUnits(m.lon, m.lat),
      count: members.length,
      killedN: known.length,
      killedLow: known.reduce((s, p) => s + (p.netLow ?? 0), 0),
      killedHigh: known.reduce((s, p) => s + (p.netHigh ?? 0), 0),
      contested: members.filter((p) => p.contested).length,
      types: Object.fromEntries(Object.entries(m.types).filter(([, k]) => k > 0)),
      province: m.province,
      killed: m.killed,
    });
  }
  return out;
}

/**
 * A tile's cells grouped as the map groups its incidents (geo/grouping): each cell a group at its
 * incidents' centroid, merged with those whose discs it would overlap. Merged centroids stay inside
 * the tile (each a mean of points in it), so every incident is still counted in one tile only.
 */
function grouped(cells: Cluster[], z: number, x: number, y: number): Cluster[] {
  const frame = tileFrame(z, x, y);
  const marks = groupCells(
    cells.map((c) => {
      const [lon, lat] = frame.toLonLat(c.x, c.y);
      return { lon, lat, count: c.count, killed: c.killedHigh, contested: c.contested, types: c.types };
    }),
    z,
  );
  return marks.map((m) => {
    const members = m.cells.map((i) => cells[i] as Cluster);
    const sum = (f: (c: Cluster) => number) => members.reduce((s, c) => s + f(c), 0);
    return {
      ...frame.toUnits(m.lon, m.lat),
      count: m.count,
      killedN: sum((c) => c.killedN),
      killedLow: sum((c) => c.killedLow),
      killedHigh: sum((c) => c.killedHigh),
      contested: m.contested,
      types: Object.fromEntries(Object.entries(m.types).filter(([, k]) => k > 0)),
    };
  });
}

/** Rows per (cell, type) folded into one cluster a cell, at the centroid of its incidents. */
function fold(rows: CellRow[], x: number, y: number): Cluster[] {
  const cells = new Map<string, Cluster & { sx: number; sy: number }>();
  for (const r of rows) {
    const n = Number(r.n);
    if (n <= 0) continue;
    const key = `${r.cx}/${r.cy}`;
    const c = cells.get(key) ?? { x: 0, y: 0, sx: 0, sy: 0, count: 0, killedN: 0, killedLow: 0, killedHigh: 0, contested: 0, types: {} };
    c.count += n;
    c.sx += r.sx;
    c.sy += r.sy;
    c.killedN += Number(r.kn);
    c.killedLow += Number(r.kl);
    c.killedHigh += Number(r.kh);
    c.contested += Number(r.contested);
    c.types[r.event_type] = (c.types[r.event_type] ?? 0) + n;
    cells.set(key, c);
  }
  return [...cells.values()].map(({ sx, sy, ...c }) => ({
    ...c,
    x: Math.round((sx / c.count - x) * EXTENT),
    y: Math.round((sy / c.count - y) * EXTENT),
  }));
}

/** Cells counted from the narrow table: every matching incident in the tile's box. */
async function rawCells(db: Q, z: number, x: number, y: number, where: string[], p: Params): Promise<CellRow[]> {
  const px = p.add(x);
  const py = p.add(y);
  const { mx, my, inside } = inTile('p.lon', 'p.lat', `${p.add(z)}::int`, px, py);
  where.push(inside);
  return db.query<CellRow>(
    `SELECT floor((${mx} - ${px}) * ${CELLS})::int AS cx, floor((${my} - ${py}) * ${CELLS})::int AS cy, p.event_type,
       count(*) AS n, count(p.net_killed_low) AS kn, coalesce(sum(p.net_killed_low), 0) AS kl, coalesce(sum(p.net_killed_high), 0) AS kh,
       count(*) FILTER (WHERE p.contested) AS contested, sum(${mx}) AS sx, sum(${my}) AS sy
     FROM incident_points p WHERE ${where.length ? where.join(' AND ') : 'true'}
     GROUP BY 1, 2, 3`,
    p.values,
  );
}

/** The stacks of a tile: each point's incidents of all time, by type, in [x, x + 1) × [y, y + 1). */
function stackWhere(z: number, x: number, y: number, [w, s, e, n]: [number, number, number, number], f: TileFilter, p: Params) {
  const px = p.add(x);
  const py = p.add(y);
  const { mx, my, inside } = inTile('s.lon', 's.lat', `${p.add(z)}::int`, px, py);
  const where = [`point(s.lon, s.lat) <@ box(point(${p.add(w)}, ${p.add(s)}), point(${p.add(e)}, ${p.add(n)}))`, inside, 's.n <> 0'];
  if (f.types?.length) where.push(`s.event_type = ANY(${p.add(f.types)}::text[])`);
  return { where: where.join(' AND '), mx, my, px, py };
}

async function stackCount(db: Q, z: number, x: number, y: number, bbox: [number, number, number, number], f: TileFilter): Promise<number> {
  const p = new Params();
  const { where } = stackWhere(z, x, y, bbox, f, p);
  const [row] = await db.query<{ n: string }>(`SELECT coalesce(sum(s.n), 0) AS n FROM incident_stacks s WHERE ${where}`, p.values);
  return Number(row?.n ?? 0);
}

async function stackCells(
  db: Q,
  z: number,
  x: number,
  y: number,
  bbox: [number, number, number, number],
  f: TileFilter,
): Promise<CellRow[]> {
  const p = new Params();
  const { where, mx, my, px, py } = stackWhere(z, x, y, bbox, f, p);
  // summed per cell and type here: a few dozen rows leave the database, not thousands of stacks
  return db.query<CellRow>(
    `SELECT floor((m.mx - ${px}) * ${CELLS})::int AS cx, floor((m.my - ${py}) * ${CELLS})::int AS cy, m.event_type,
       sum(m.n) AS n, sum(m.killed_n) AS kn, sum(m.killed_low) AS kl, sum(m.killed_high) AS kh, sum(m.contested) AS contested,
       sum(m.mx * m.n) AS sx, sum(m.my * m.n) AS sy
     FROM (SELECT s.*, ${mx} AS mx, ${my} AS my FROM incident_stacks s WHERE ${where}) m
     GROUP BY 1, 2, 3`,
    p.values,
  );
}

/** Cells summed from a grid: each cell whose centroid lies in the tile, in the whole months asked. */
async function gridCells(
  db: Q,
  grid: { table: string; size: number },
  z: number,
  x: number,
  y: number,
  [w, s, e, n]: [number, number, number, number],
  f: TileFilter,
  months: { first: string | null; last: string | null },
): Promise<CellRow[]> {
  const p = new Params();
  const where = [
    `g.gx BETWEEN ${p.add(Math.floor(w / grid.size) - 1)} AND ${p.add(Math.floor(e / grid.size) + 1)}`,
    `g.gy BETWEEN ${p.add(Math.floor(s / grid.size) - 1)} AND ${p.add(Math.floor(n / grid.size) + 1)}`,
    'g.n <> 0',
  ];
  if (months.first) where.push(`g.month >= ${p.add(months.first)}::date`);
  if (months.last) where.push(`g.month <= ${p.add(months.last)}::date`);
  if (f.types?.length) where.push(`g.event_type = ANY(${p.add(f.types)}::text[])`);
  const px = p.add(x);
  const py = p.add(y);
  const { mx, my, inside } = inTile('c.lon', 'c.lat', `${p.add(z)}::int`, px, py);
  return db.query<CellRow>(
    `WITH c AS (
       SELECT g.event_type, sum(g.n) AS n, sum(g.killed_n) AS kn, sum(g.killed_low) AS kl, sum(g.killed_high) AS kh,
         sum(g.contested) AS contested, sum(g.sum_lon) / sum(g.n) AS lon, sum(g.sum_lat) / sum(g.n) AS lat
       FROM ${grid.table} g WHERE ${where.join(' AND ')}
       GROUP BY g.gx, g.gy, g.event_type HAVING sum(g.n) > 0
     )
     SELECT floor((${mx} - ${px}) * ${CELLS})::int AS cx, floor((${my} - ${py}) * ${CELLS})::int AS cy, c.event_type,
       c.n, c.kn, c.kl, c.kh, c.contested, ${mx} * c.n AS sx, ${my} * c.n AS sy
     FROM c WHERE ${inside}`,
    p.values,
  );
}

/** Single incidents of a tile, or null when there are more than `max` (the tile is clustered instead). */
async function tilePoints(
  db: Q,
  z: number,
  x: number,
  y: number,
  bbox: [number, number, number, number],
  f: TileFilter,
  max: number,
): Promise<TilePoint[] | null> {
  const p = new Params();
  const where = pointFilter({ ...f, bbox }, p);
  const px = p.add(x);
  const py = p.add(y);
  const { mx, my, inside } = inTile('p.lon', 'p.lat', `${p.add(z)}::int`, px, py);
  where.push(inside);
  const rows = await db.query<{
    id: string;
    tx: number;
    ty: number;
    event_type: EventType;
    geo_precision: number;
    killed_high: number | null;
    net_killed_low: number | null;
    net_killed_high: number | null;
    contested: boolean;
    date: string;
  }>(
    `SELECT p.id, ${mx} AS tx, ${my} AS ty, p.event_type, p.geo_precision, p.killed_high, p.net_killed_low, p.net_killed_high, p.contested,
       to_char(p.date, 'YYYY-MM-DD') AS date
     FROM incident_points p WHERE ${where.length ? where.join(' AND ') : 'true'}
     LIMIT ${p.add(max + 1)}`,
    p.values,
  );
  if (rows.length > max) return null;
  return rows.map((r) => ({
    x: Math.round((r.tx - x) * EXTENT),
    y: Math.round((r.ty - y) * EXTENT),
    id: r.id,
    eventType: r.event_type,
    geoPrecision: r.geo_precision,
    killedMax: r.killed_high,
    netLow: r.net_killed_low,
    netHigh: r.net_killed_high,
    contested: r.contested,
    date: r.date,
  }));
}
