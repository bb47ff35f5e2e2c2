/**
 * The incident symbols' geometry, shared by the live map (components/map-icons.ts,
 * components/map-layers.ts) and the still images (lib/still/draw.ts): how large an incident is drawn,
 * and where incidents sharing one point are spread to. Pure arithmetic, in pixels.
 */

/**
 * An incident's radius in pixels, growing with the square root of the highest death toll claimed
 * (so the area tracks the number): 7 px for none, 10 for 4, 24 for 100 and more.
 */
export function incidentRadiusPx(killedMax: number): number {
  const s = Math.sqrt(Math.max(0, killedMax));
  const r = s <= 2 ? 7 + (s / 2) * 3 : s <= 10 ? 10 + ((s - 2) / 8) * 14 : 24;
  return Math.round(r);
}

/** Eight directions, clockwise from straight up: where the incidents sharing one point are spread to. */
export const DIRECTIONS = Array.from({ length: 8 }, (_, k) => [Math.sin((k * Math.PI) / 4), -Math.cos((k * Math.PI) / 4)] as const);

/**
 * The direction slots a group of n incidents at one point takes, spread as evenly as eight directions
 * allow, so that each is seen and can be clicked (geo/grouping gives each its slot, `dir`, and the
 * distance, `d`, in pixels; more than eight are drawn as a counted group).
 */
const SLOTS: Record<number, number[]> = {
  // a pair one above the other: names sit beside a town's dot (left or right), the usual place, and stay clear
  2: [0, 4],
  3: [0, 3, 5],
  4: [0, 2, 4, 6],
  5: [0, 1, 3, 5, 7],
  6: [0, 1, 3, 4, 5, 7],
  7: [0, 1, 2, 3, 5, 6, 7],
  8: [0, 1, 2, 3, 4, 5, 6, 7],
};

/**
 * How far from their point n incidents are spread, the largest of radius rMax: two slots θ apart on a
 * circle of radius d are 2·d·sin(θ/2) apart, at least two radii, their white edges (1.5 px) and a gap of 3 px.
 * Zero for a group too large to spread.
 */
export function spreadDistance(rMax: number, n: number): number {
  const slots = SLOTS[n];
  return slots ? Math.ceil((rMax + 3) / Math.sin(minSeparation(slots) / 2)) : 0;
}

/** The smallest angle between two of these direction slots (eighths of a turn), in radians. */
function minSeparation(slots: readonly number[]): number {
  let min = 8;
  for (const a of slots) for (const b of slots) if (a !== b) min = Math.min(min, Math.abs(a - b), 8 - Math.abs(a - b));
  return (min * Math.PI) / 4;
}

/** The direction slots of n incidents spread around one point (none past SPREAD_MAX). */
export const spreadSlots = (n: number): readonly number[] => SLOTS[n] ?? [];

/** The most incidents spread around one point; more are drawn as a group at every zoom. */
export const SPREAD_MAX = 8;

/** The last zoom at which a town's incidents (four and more close together) are drawn as one group; spread beyond. */
export const TOWN_GROUPS_TO = 11;

/**
 * How large the symbols are drawn with zoom: three fifths of their size at a country's zoom,
 * whole from a province's (the live map's icon-size, components/map-paint; offsets scale alike).
 */
export const ICON_SCALE = { from: { zoom: 5, scale: 0.6 }, to: { zoom: 8, scale: 1 } } as const;
export function iconScaleAt(z: number): number {
  const { from, to } = ICON_SCALE;
  if (z <= from.zoom) return from.scale;
  if (z >= to.zoom) return to.scale;
  return from.scale + ((z - from.zoom) / (to.zoom - from.zoom)) * (to.scale - from.scale);
}

/** Where a spread incident is drawn, in pixels from its point (for tests and the chooser). */
export function spreadOffsetPx(dir: number | undefined, d: number | undefined): [number, number] {
  const v = dir === undefined ? undefined : DIRECTIONS[dir];
  return v && d ? [v[0] * d, v[1] * d] : [0, 0];
}

/** From how many incidents at one point (or close at the zoom) they are drawn as one group with their count. */
export const GROUP_FROM = 4;

/**
 * A group's radius in pixels (four incidents or more drawn as one): from 14 px, room for its count,
 * growing with the square root of the deaths its incidents report (each one's highest claim, summed)
 * to 26 px at 100 and more, as an incident's disc grows with its own.
 */
export function groupRadiusPx(killed: number): number {
  const { base, perRoot, maxRoot } = GROUP_RADIUS;
  return Math.round(base + perRoot * Math.min(Math.sqrt(Math.max(0, killed)), maxRoot));
}

/** groupRadiusPx's terms, which the live map's style writes as an expression (components/map-paint.ts). */
export const GROUP_RADIUS = { base: 14, perRoot: 1.2, maxRoot: 10 } as const;

/** How finely a group's ring is split between the types it holds: twelfths of a turn. */
export const TYPE_SHARE_UNITS = 12;

/**
 * A group's ring split by the types of its incidents: for each type (in the order given), its
 * share in twelfths of the ring, rounded up so that a type with one incident among many still
 * shows (the ring is then drawn in proportion to these shares). Zero for a type not in the group.
 */
export function typeShares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((n) => (n > 0 && total > 0 ? Math.ceil((TYPE_SHARE_UNITS * n) / total) : 0));
}

/** The arcs of a group's ring, one per share, clockwise from straight up: start and end angles in radians. */
export function typeArcs(shares: readonly number[]): { index: number; start: number; end: number }[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const arcs: { index: number; start: number; end: number }[] = [];
  let at = -Math.PI / 2;
  shares.forEach((s, index) => {
    if (s <= 0 || total <= 0) return;
    const end = at + (2 * Math.PI * s) / total;
    arcs.push({ index, start: at, end });
    at = end;
  });
  return arcs;
}
