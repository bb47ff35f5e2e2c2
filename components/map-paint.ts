/** The paint and layout expressions the incidents' layers share: discs, rings, colours by type, icons sized by zoom. */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Palette } from '@/geo/palette';
import { EVENT_TYPE_IDS } from '@/lib/domain/taxonomy';
import { typeKey } from '@/lib/incident/marker';
import { GROUP_RADIUS, ICON_SCALE, TYPE_SHARE_UNITS } from '@/geo/symbols';
import { DISC_PREFIX, MIX_PREFIX, spreadOffset } from './map-icons';

/**
 * A constant written as a data-driven value: the engine evaluates it per feature, so its layer
 * shares the incidents layer's shader program instead of needing one of its own.
 */
function perFeature(value: number | string): ExpressionSpecification {
  return ['case', ['has', 'count'], value, value];
}

/** The paint of a circle layer, in the one form all circle layers share (see above). */
export function circlePaint(p: {
  radius: number | ExpressionSpecification;
  color: string | ExpressionSpecification;
  strokeColor: string | ExpressionSpecification;
  strokeWidth: number;
  opacity?: number;
}) {
  const dd = (v: number | string | ExpressionSpecification) => (typeof v === 'object' ? v : perFeature(v));
  return {
    'circle-radius': dd(p.radius),
    'circle-color': dd(p.color),
    'circle-stroke-color': dd(p.strokeColor),
    'circle-stroke-width': p.strokeWidth,
    ...(p.opacity !== undefined ? { 'circle-opacity': p.opacity } : {}),
  };
}

/** A group's radius (geo/symbols groupRadiusPx, as an expression over its summed deaths). */
const groupRadius: ExpressionSpecification = [
  'round',
  ['+', GROUP_RADIUS.base, ['*', GROUP_RADIUS.perRoot, ['min', ['sqrt', ['max', ['get', 'killed'], 0]], GROUP_RADIUS.maxRoot]]],
];

/**
 * The image of a group's ring split by type (components/map-icons mixImage): its radius, then each
 * type's share in twelfths (geo/symbols typeShares), in the taxonomy's order.
 */
export const mixOf: ExpressionSpecification = [
  'concat',
  MIX_PREFIX,
  ['to-string', groupRadius],
  '-',
  ...EVENT_TYPE_IDS.flatMap((type, i) => [
    ...(i ? ['.'] : []),
    ['to-string', ['ceil', ['/', ['*', TYPE_SHARE_UNITS, ['get', typeKey(type)]], ['get', 'count']]]],
  ]),
] as unknown as ExpressionSpecification;

/** An incident's colour: its event type's in the palette. */
export const typeColour = (c: Palette): ExpressionSpecification =>
  [
    'match',
    ['get', 'eventType'],
    ...Object.entries(c.types).flat(),
    c.types['strategic-developments'],
  ] as unknown as ExpressionSpecification;

/** A type colour with some transparency, for the faint fill of a province-level incident's ring. */
export const typeColourFaint = (c: Palette, alpha: number): ExpressionSpecification =>
  [
    'match',
    ['get', 'eventType'],
    ...Object.entries(c.types).flatMap(([type, hex]) => [type, rgba(hex, alpha)]),
    rgba(c.types['strategic-developments'], alpha),
  ] as unknown as ExpressionSpecification;

export function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/**
 * A symbol's radius in pixels: an incident's own (`r`, from its highest claimed toll: see
 * incidentRadiusPx), a group's from the deaths its incidents report (groupRadiusPx).
 */
export const radius: ExpressionSpecification = ['case', ['has', 'count'], groupRadius, ['get', 'r']];

/** The disc image of a symbol's radius plus `gap` pixels (a ring is a transparent disc's halo). */
export const discOf = (gap: number): ExpressionSpecification => ['concat', DISC_PREFIX, ['to-string', gap ? ['+', radius, gap] : radius]];

/** The paint of an incident symbol, in the one form all of them share (colours data-driven, the rest constant). */
export function iconPaint(p: {
  color: string | ExpressionSpecification;
  halo: string | ExpressionSpecification;
  haloWidth: number;
  opacity?: number;
}) {
  const dd = (v: string | ExpressionSpecification) => (typeof v === 'object' ? v : perFeature(v));
  return {
    'icon-color': dd(p.color),
    'icon-halo-color': dd(p.halo),
    'icon-halo-width': p.haloWidth,
    ...(p.opacity !== undefined ? { 'icon-opacity': p.opacity } : {}),
  };
}

/** How the incident symbols scale with zoom: three fifths of their size at a country's zoom, whole from a province's. */
export const ICON_SIZE_BY_ZOOM: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['zoom'],
  ICON_SCALE.from.zoom,
  ICON_SCALE.from.scale,
  ICON_SCALE.to.zoom,
  ICON_SCALE.to.scale,
];

/**
 * The layout of an incident symbol: always drawn, never hidden by a name, but holding its room so
 * that the names (placed after it) go around it; spread from its point when it shares it; the
 * larger under the smaller.
 */
export function iconLayout(image: ExpressionSpecification, extra: Record<string, unknown> = {}) {
  return {
    'icon-image': image,
    'icon-allow-overlap': true,
    'icon-ignore-placement': false,
    'icon-offset': spreadOffset,
    // the image's margin (4 px around the disc) is the room it holds: no more padding
    'icon-padding': 0,
    // smaller at the zoom of a country than of a province, in proportion (sizes still compare; offsets scale alike)
    'icon-size': ICON_SIZE_BY_ZOOM,
    'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'r'], ['get', 'count'], 0]] as ExpressionSpecification,
    ...extra,
  };
}

export const TRANSPARENT = 'rgba(0,0,0,0)';
