import type { ExpressionSpecification } from 'maplibre-gl';
import { DIRECTIONS, typeArcs } from '@/geo/symbols';

/**
 * Incident symbols as icons, not circles: only symbol layers take part in MapLibre's collision, so
 * drawn as icons (always shown, `icon-allow-overlap`, but reserving their room) above the place
 * names, the names are placed around them and never under them. Each icon is a disc drawn as a
 * signed distance field, one image per radius in pixels (`disc-12`), made when the map first asks
 * for it: its colour is the layer's `icon-color`, and a ring around it (a white edge, the contested
 * ring, the selection) is the SDF halo, up to 6 px wide.
 */
export const DISC_PREFIX = 'disc-';

/**
 * The radii the map's layers ask for: a town's dot (3), incidents (7–24), groups (14–26), and the
 * rings around them (+5, +7, +10): made when the map is created.
 */
export const DISC_RADII = [3, ...Array.from({ length: 36 - 7 + 1 }, (_, i) => 7 + i)];

/**
 * How far beyond the disc's edge the field reaches, in pixels: the widest halo drawn (3 px) and its
 * edge's smoothing. The image's size is the room the symbol holds from the names, so no more.
 */
const BUFFER = 4;

/** The disc of radius `r` pixels as an SDF image: white, its alpha 0.75 at the edge, falling by 1/8 a pixel outward (MapLibre's convention). */
export function discImage(r: number): { width: number; height: number; data: Uint8Array } {
  const size = 2 * (r + BUFFER);
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c) - r;
      const a = Math.max(0, Math.min(1, 0.75 - d / 8));
      const i = (y * size + x) * 4;
      data[i] = 255;
      data[i + 1] = 255;
      data[i + 2] = 255;
      data[i + 3] = Math.round(a * 255);
    }
  }
  return { width: size, height: size, data };
}

/** The radius an image name asks for (`disc-12` → 12), or null for another image. */
export function discRadius(name: string): number | null {
  if (!name.startsWith(DISC_PREFIX)) return null;
  const r = Number(name.slice(DISC_PREFIX.length));
  return Number.isInteger(r) && r > 0 && r <= 64 ? r : null;
}

/** The pixel offset of a spread incident, as an expression over its `dir` and `d` (none when it has no `dir`). */
export const spreadOffset: ExpressionSpecification = [
  'match',
  ['coalesce', ['get', 'dir'], -1],
  ...DIRECTIONS.flatMap(([x, y], k) => [
    k,
    ['interpolate', ['linear'], ['get', 'd'], 0, ['literal', [0, 0]], 100, ['literal', [x * 100, y * 100]]] as ExpressionSpecification,
  ]),
  ['literal', [0, 0]],
] as unknown as ExpressionSpecification;

/**
 * A group's ring split by type (`mix-18-0.12.0.0.0.0`: radius, then each type's share in twelfths,
 * geo/symbols typeShares): arcs in the types' colours, 4 px wide inside the group's edge, on an
 * image the size of the group's disc so the two centre alike.
 */
export const MIX_PREFIX = 'mix-';

/** The radius and shares a ring's image name asks for, or null for another image. */
export function mixOfName(name: string): { r: number; shares: number[] } | null {
  const m = /^mix-(\d+)-([\d.]+)$/.exec(name);
  if (!m) return null;
  const r = Number(m[1]);
  const shares = (m[2] ?? '').split('.').map(Number);
  if (!(r > 0 && r <= 64) || shares.some((s) => !Number.isInteger(s) || s < 0)) return null;
  return { r, shares };
}

/** The ring's image: RGBA, drawn on a canvas. `colours` in the shares' order. */
/** The width and height of a ring's image of radius r. */
export const mixSize = (r: number) => 2 * (r + BUFFER);

/**
 * One drawing surface for every ring, kept on the CPU (`willReadFrequently`): reading pixels back
 * from a canvas on the GPU costs milliseconds each, and a map of many groups asks for many rings.
 */
let surface: { ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D; size: number } | null = null;
function drawingContext(size: number) {
  if (!surface || surface.size < size) {
    const side = Math.max(size, 64);
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(side, side)
        : Object.assign(document.createElement('canvas'), { width: side, height: side });
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
    surface = { ctx, size: side };
  }
  return surface.ctx;
}

export function mixImage(
  r: number,
  shares: readonly number[],
  colours: readonly string[],
): { width: number; height: number; data: Uint8Array } {
  const size = mixSize(r);
  const ctx = drawingContext(size);
  ctx.clearRect(0, 0, size, size);
  ctx.lineWidth = 4;
  for (const arc of typeArcs(shares)) {
    ctx.strokeStyle = colours[arc.index] ?? '#888888';
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, r - 2, arc.start, arc.end);
    ctx.stroke();
  }
  return { width: size, height: size, data: new Uint8Array(ctx.getImageData(0, 0, size, size).data.buffer) };
}
