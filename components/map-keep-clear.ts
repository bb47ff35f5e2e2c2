import type * as maplibregl from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import { KEEP_CLEAR } from './map-layers';

/** The side of the keep-clear image; each square scales it to its own side. */
const SIDE = 32;

/** The elements over the map that names must not slide under: MapLibre's top controls, and ours marked so. */
const SELECTOR = '.maplibregl-ctrl-top-left .maplibregl-ctrl, .maplibregl-ctrl-top-right .maplibregl-ctrl, [data-map-keep-clear]';

type Box = { x: number; y: number; w: number; h: number };

/**
 * A box covered by squares as wide as its short side, the last flush with its far edge: a symbol
 * layer collides square icons only, and squares of the box's short side cover it with the least
 * spill.
 */
export function squaresOver(b: Box): { cx: number; cy: number; side: number }[] {
  const side = Math.min(b.w, b.h);
  if (side <= 0) return [];
  const along = Math.max(b.w, b.h);
  const n = Math.ceil(along / side);
  return Array.from({ length: n }, (_, i) => {
    const offset = Math.min(i * side, along - side) + side / 2;
    return b.w >= b.h ? { cx: b.x + offset, cy: b.y + side / 2, side } : { cx: b.x + side / 2, cy: b.y + offset, side };
  });
}

/** The controls' boxes inside the map's frame, in the map's pixels. */
function controlBoxes(m: maplibregl.Map): Box[] {
  const frame = m.getContainer().getBoundingClientRect();
  return [...document.querySelectorAll<HTMLElement>(SELECTOR)]
    .map((el) => el.getBoundingClientRect())
    .filter(
      (r) => r.width > 0 && r.height > 0 && r.right > frame.left && r.left < frame.right && r.bottom > frame.top && r.top < frame.bottom,
    )
    .map((r) => ({ x: r.left - frame.left, y: r.top - frame.top, w: r.width, h: r.height }));
}

/** The side of the squares along the frame's edges, in pixels. */
const EDGE = 12;

/**
 * Squares astride the frame's four edges: a name that would run off the map meets them and waits
 * for room (another side of its dot, or a move of the map) rather than being drawn cut in two.
 */
export function edgeSquares(width: number, height: number): { cx: number; cy: number; side: number }[] {
  const out: { cx: number; cy: number; side: number }[] = [];
  for (let x = EDGE / 2; x < width + EDGE / 2; x += EDGE) out.push({ cx: x, cy: 0, side: EDGE }, { cx: x, cy: height, side: EDGE });
  for (let y = EDGE / 2; y < height + EDGE / 2; y += EDGE) out.push({ cx: 0, cy: y, side: EDGE }, { cx: width, cy: y, side: EDGE });
  return out;
}

function keepClearData(m: maplibregl.Map): FeatureCollection<Point, { scale: number }> {
  const { clientWidth: width, clientHeight: height } = m.getContainer();
  // a few pixels' margin round a control, so a name does not touch it; the edges' squares as they are
  const squares = [
    ...controlBoxes(m)
      .flatMap(squaresOver)
      .map((q) => ({ ...q, side: q.side + 6 })),
    ...edgeSquares(width, height),
  ];
  return {
    type: 'FeatureCollection',
    features: squares.map(({ cx, cy, side }) => {
      const at = m.unproject([cx, cy]);
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [at.lng, at.lat] }, properties: { scale: side / SIDE } };
    }),
  };
}

const laid = new WeakMap<maplibregl.Map, string>();

/** Lays the squares where the controls stand now, when they have moved (after a pan, a resize, a control placed). */
export function layKeepClear(m: maplibregl.Map): void {
  const source = m.getSource(KEEP_CLEAR) as maplibregl.GeoJSONSource | undefined;
  if (!source) return;
  const data = keepClearData(m);
  const key = JSON.stringify(data.features.map((f) => [f.geometry.coordinates, f.properties.scale]));
  if (laid.get(m) === key) return;
  laid.set(m, key);
  source.setData(data);
}

/**
 * Keeps names out from under the controls over the map and off its edges: whenever the map comes
 * to rest, invisible squares are laid where the controls stand and along the frame (a symbol layer
 * placed before the names, which avoid it). While the map moves, the squares stay where they were
 * last laid, so a name may pass under a control or off the edge until the move ends.
 */
export function keepNamesClearOfControls(m: maplibregl.Map): void {
  if (!m.hasImage(KEEP_CLEAR)) m.addImage(KEEP_CLEAR, { width: SIDE, height: SIDE, data: new Uint8Array(SIDE * SIDE * 4) }, { sdf: true });
  // as soon as a move ends (not only once its tiles are in), and at idle, which follows every resize
  // and data change; the squares are laid again only when they differ
  m.on('moveend', () => layKeepClear(m));
  m.on('idle', () => layKeepClear(m));
  // and once before the first frame is done, so a name cut by the frame is not drawn even briefly
  m.once('load', () => layKeepClear(m));
}
