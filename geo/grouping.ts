/**
 * How incidents are grouped on a map at a zoom: the one rule the live map, its embeds and the
 * still images follow. Pure arithmetic in screen pixels (Web Mercator, 512-pixel tiles as MapLibre
 * draws them); no map instance.
 *
 * Grouping is by collision, not by a fixed radius or grid: every mark is given the room it is
 * drawn with (an incident's disc, the ring of two or three spread around their point, a group's
 * disc sized by its deaths), and marks whose rooms overlap are merged, heaviest first, until none
 * does. So a group never covers another, whatever its size, and the numbers on groups stay legible.
 * Incidents located only to their province are grouped among themselves, never into a town's.
 */
import { EVENT_TYPE_IDS, type EventType } from '@/lib/domain/taxonomy';
import {
  GROUP_FROM,
  groupRadiusPx,
  iconScaleAt,
  incidentRadiusPx,
  SPREAD_MAX,
  spreadDistance,
  spreadSlots,
  TOWN_GROUPS_TO,
} from './symbols';

/** What grouping needs of an incident. */
export interface GroupItem {
  id: string;
  lon: number;
  lat: number;
  /** located only to its province (drawn at the province's anchor as a ring) */
  province: boolean;
  eventType: EventType;
  /** the highest death toll any claim gives, 0 when none */
  killedMax: number;
  contested: boolean;
  highlighted: boolean;
}

/** An incident drawn alone: at its point, or spread around the point it shares (`dir`, `d`: geo/symbols spread). */
export interface SingleMark {
  kind: 'incident';
  id: string;
  lon: number;
  lat: number;
  dir?: number;
  d?: number;
}

/** Incidents drawn as one counted disc. */
export interface GroupMark {
  kind: 'group';
  /** stable while the group holds the same first incident: its ids' first, sorted */
  key: string;
  lon: number;
  lat: number;
  ids: string[];
  province: boolean;
  /** the deaths its incidents report (each one's highest claim), which size it */
  killed: number;
  contested: boolean;
  highlighted: boolean;
  /** how many of each type it holds */
  types: Record<EventType, number>;
}

export type Mark = SingleMark | GroupMark;

/** The space kept between two marks' edges, in the symbols' pixels. */
export const MARK_GAP = 3;

/** The zoom a still image of `pxPerWorld` pixels round the globe is drawn at (MapLibre's 512-pixel world at zoom 0). */
export const zoomOfWorldWidth = (pxPerWorld: number) => Math.log2(pxPerWorld / 512);

/** Incidents counted together with no id of their own (a tile's cell of the rollups kept on write): drawn as a group whatever their count. */
export interface GroupCell {
  lon: number;
  lat: number;
  count: number;
  /** the deaths they report */
  killed: number;
  /** how many of them are contested */
  contested: number;
  types: Partial<Record<EventType, number>>;
}

/** A group of cells (groupCells): their sums, at their incidents' centroid. */
export interface CellMark {
  /** the cells it holds, by their index in the input */
  cells: number[];
  lon: number;
  lat: number;
  count: number;
  killed: number;
  contested: number;
  types: Record<EventType, number>;
}

interface Blob {
  /** the incidents it holds one by one (none for cells) */
  items: GroupItem[];
  /** it holds cells: incidents without ids, so drawn as a group */
  anonymous: boolean;
  /** the cells it holds, by their index in groupCells' input */
  cells: number[];
  count: number;
  killed: number;
  contested: number;
  highlighted: boolean;
  types: Record<EventType, number>;
  province: boolean;
  /** summed positions in world pixels (weighted by count), for the centroid */
  sx: number;
  sy: number;
  x: number;
  y: number;
  lon: number;
  lat: number;
  /** at one point only (a stack), until merged with another */
  onePoint: boolean;
  /** the room it is drawn with, in the symbols' pixels */
  r: number;
  alive: boolean;
}

/** Web Mercator in pixels of a world `size` wide. */
function toPx(lon: number, lat: number, size: number): [number, number] {
  const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}
function toLonLat(x: number, y: number, size: number): [number, number] {
  const lon = (x / size) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI;
  return [lon, lat];
}

const noTypes = () => Object.fromEntries(EVENT_TYPE_IDS.map((t) => [t, 0])) as Record<EventType, number>;

/** Whether a blob is drawn as one counted disc at zoom z; otherwise each incident is drawn, spread around the blob's point. */
function drawnAsGroup(b: Blob, z: number): boolean {
  if (b.anonymous) return true;
  if (b.count < GROUP_FROM) return false;
  // zoomed in past the towns' groups, a town's few incidents (up to eight) are spread around it
  return b.province || z <= TOWN_GROUPS_TO || b.count > SPREAD_MAX;
}

const rMaxOf = (items: readonly GroupItem[]) => Math.max(0, ...items.map((it) => incidentRadiusPx(it.killedMax)));

/** The room a blob's marks take around its point: a group's disc, one disc, or the ring of those spread. */
function roomOf(b: Blob, z: number): number {
  if (drawnAsGroup(b, z)) return groupRadiusPx(b.killed);
  const rMax = rMaxOf(b.items);
  return b.items.length === 1 ? rMax : spreadDistance(rMax, b.items.length) + rMax;
}

const byId = (a: GroupItem, b: GroupItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function blobAt(lon: number, lat: number, size: number, province: boolean, anonymous: boolean): Blob {
  const [x, y] = toPx(lon, lat, size);
  return {
    items: [],
    anonymous,
    cells: [],
    count: 0,
    killed: 0,
    contested: 0,
    highlighted: false,
    types: noTypes(),
    province,
    sx: 0,
    sy: 0,
    x,
    y,
    lon,
    lat,
    onePoint: true,
    r: 0,
    alive: true,
  };
}

/** Blobs merged until no two overlap at zoom z, heaviest first; ties broken by position so the result never depends on input order. */
function settle(blobs: Blob[], z: number, scale: number): Blob[] {
  for (const b of blobs) {
    b.items.sort(byId);
    b.sx = b.x * b.count;
    b.sy = b.y * b.count;
    b.r = roomOf(b, z);
  }
  blobs.sort((a, b) => b.count - a.count || b.killed - a.killed || a.x - b.x || a.y - b.y);
  mergeOverlapping(blobs, z, scale);
  return blobs.filter((b) => b.alive);
}

/**
 * The marks drawn at zoom `z` (fractional for a still image). `scale` is how large the symbols are
 * drawn at that zoom (the live map's shrink when zoomed out: iconScaleAt); the still images draw
 * them whole.
 */
export function groupMarks(items: readonly GroupItem[], z: number, scale = iconScaleAt(z)): Mark[] {
  const size = 512 * 2 ** z;
  // first, the incidents at one point (a town's, or a province's anchor)
  const stacks = new Map<string, Blob>();
  for (const it of items) {
    if (!Number.isFinite(it.lon) || !Number.isFinite(it.lat)) continue;
    const key = `${it.province ? 'p' : 't'}:${it.lon},${it.lat}`;
    const b = stacks.get(key) ?? blobAt(it.lon, it.lat, size, it.province, false);
    stacks.set(key, b);
    b.items.push(it);
    b.count += 1;
    b.killed += it.killedMax;
    b.contested += it.contested ? 1 : 0;
    b.highlighted ||= it.highlighted;
    b.types[it.eventType] += 1;
  }
  return settle([...stacks.values()], z, scale).flatMap((b) => marksOf(b, z, size));
}

/**
 * Cells of incidents (a map tile's, summed from the rollups) grouped at zoom `z` by the same rule:
 * each cell a group at its incidents' centroid, merged with those it would overlap.
 */
export function groupCells(cells: readonly GroupCell[], z: number, scale = iconScaleAt(z)): CellMark[] {
  const size = 512 * 2 ** z;
  const blobs = cells
    .flatMap((c, i) => (c.count > 0 && Number.isFinite(c.lon) && Number.isFinite(c.lat) ? [{ c, i }] : []))
    .map(({ c, i }) => {
      const b = blobAt(c.lon, c.lat, size, false, true);
      b.cells = [i];
      b.count = c.count;
      b.killed = c.killed;
      b.contested = c.contested;
      for (const [t, n] of Object.entries(c.types)) b.types[t as EventType] += n ?? 0;
      return b;
    });
  return settle(blobs, z, scale).map((b) => {
    const [lon, lat] = b.onePoint ? [b.lon, b.lat] : toLonLat(b.x, b.y, size);
    return { cells: b.cells.sort((i, j) => i - j), lon, lat, count: b.count, killed: b.killed, contested: b.contested, types: b.types };
  });
}

/**
 * Merges blobs whose rooms overlap until none do. Each pass looks at every blob's neighbours in a
 * grid of cells at least as wide as the largest distance at which two blobs can touch, so the
 * last pass (which merges nothing) has checked every pair that could overlap.
 */
function mergeOverlapping(blobs: Blob[], z: number, scale: number) {
  for (let pass = 0; pass < 1000; pass++) {
    const live = blobs.filter((b) => b.alive);
    let rMax = 0;
    for (const b of live) rMax = Math.max(rMax, b.r);
    const reach = 2 * (rMax + MARK_GAP) * scale;
    const cell = Math.max(reach, 1);
    const grid = new Map<string, Blob[]>();
    const cellOf = (b: Blob) => [Math.floor(b.x / cell), Math.floor(b.y / cell)] as const;
    for (const b of live) {
      const [cx, cy] = cellOf(b);
      const k = `${cx},${cy}`;
      const at = grid.get(k);
      if (at) at.push(b);
      else grid.set(k, [b]);
    }
    let merged = false;
    for (const a of live) {
      if (!a.alive) continue;
      const [cx, cy] = cellOf(a);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (const b of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (b === a || !b.alive || b.province !== a.province) continue;
            if (Math.hypot(a.x - b.x, a.y - b.y) >= (a.r + b.r + MARK_GAP) * scale) continue;
            absorb(a, b, z);
            merged = true;
          }
    }
    if (!merged) return;
  }
}

function absorb(a: Blob, b: Blob, z: number) {
  b.alive = false;
  // put in order once, when the marks are made
  for (const it of b.items) a.items.push(it);
  for (const i of b.cells) a.cells.push(i);
  a.anonymous ||= b.anonymous;
  a.count += b.count;
  a.killed += b.killed;
  a.contested += b.contested;
  a.highlighted ||= b.highlighted;
  for (const t of EVENT_TYPE_IDS) a.types[t] += b.types[t];
  a.sx += b.sx;
  a.sy += b.sy;
  a.x = a.sx / a.count;
  a.y = a.sy / a.count;
  a.onePoint = false;
  a.r = roomOf(a, z);
}

function marksOf(b: Blob, z: number, size: number): Mark[] {
  b.items.sort(byId);
  // a blob of one point stays exactly on it
  const [lon, lat] = b.onePoint ? [b.lon, b.lat] : toLonLat(b.x, b.y, size);
  if (drawnAsGroup(b, z)) {
    return [
      {
        kind: 'group',
        key: b.items[0]?.id ?? '',
        lon,
        lat,
        ids: b.items.map((it) => it.id),
        province: b.province,
        killed: b.killed,
        contested: b.contested > 0,
        highlighted: b.highlighted,
        types: b.types,
      },
    ];
  }
  if (b.items.length === 1) return b.items.map((it) => ({ kind: 'incident', id: it.id, lon, lat }));
  const rMax = rMaxOf(b.items);
  const d = spreadDistance(rMax, b.items.length);
  const slots = spreadSlots(b.items.length);
  return b.items.map((it, i) => ({ kind: 'incident', id: it.id, lon, lat, dir: slots[i] ?? 0, d }));
}

/**
 * The first zoom above `z`, up to `maxZoom`, at which the incidents of a group are no longer all in
 * one mark (where a click on the group takes the reader); null when they share one point (they are
 * listed instead) or stay together to the end.
 */
export function expansionZoom(items: readonly GroupItem[], ids: readonly string[], z: number, maxZoom: number): number | null {
  const wanted = new Set(ids);
  const mine = items.filter((it) => wanted.has(it.id));
  const [first] = mine;
  if (!first || mine.every((it) => it.lon === first.lon && it.lat === first.lat)) return null;
  for (let next = Math.floor(z) + 1; next <= maxZoom; next++) {
    const marks = groupMarks(mine, next);
    if (marks.length > 1 || marks[0]?.kind === 'incident') return next;
  }
  return null;
}
