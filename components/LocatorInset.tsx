import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Translate } from '@/lib/i18n/messages';

type BBox = [number, number, number, number];

/** The inset's width in pixels; its height follows Syria's shape. */
const WIDTH = 92;
const PAD = 4;

/**
 * A locator inset, as news locator maps have: Syria whole, small, with the main map's frame outlined
 * on it, so a reader sees where in the country the map is. Drawn from Natural Earth's 1:110m outline
 * (the build's basemap/syria-outline.geojson) in a plain equirectangular projection, scaled by the
 * cosine of the country's middle latitude. Left out when the frame shows most of the country anyway.
 */
export default function LocatorInset({
  outline,
  frame,
  t,
  dark = false,
  tones = dark ? 'dark' : 'light',
  className = '',
}: {
  outline: FeatureCollection | null | undefined;
  frame: BBox | null;
  t: Translate;
  /** the frame's dark classes, for a page that draws dark itself (the embed) */
  dark?: boolean;
  /** the country's and the frame's colours (a page themed by app/dark.css keeps light classes, which it inverts, and dark tones) */
  tones?: 'light' | 'dark';
  className?: string;
}) {
  const rings = (outline?.features ?? []).flatMap((f) => {
    const g = f.geometry as Polygon | MultiPolygon | null;
    if (!g) return [];
    return g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  });
  if (!frame || rings.length === 0) return null;
  const points = rings.flat();
  const [w, s, e, n] = [
    Math.min(...points.map((p) => p[0] ?? 0)),
    Math.min(...points.map((p) => p[1] ?? 0)),
    Math.max(...points.map((p) => p[0] ?? 0)),
    Math.max(...points.map((p) => p[1] ?? 0)),
  ];
  // the frame covers most of the country: the map is its own locator
  if ((frame[2] - frame[0]) * (frame[3] - frame[1]) > 0.5 * (e - w) * (n - s)) return null;
  const cos = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const k = (WIDTH - 2 * PAD) / ((e - w) * cos);
  const height = Math.round((n - s) * k + 2 * PAD);
  const x = (lon: number) => PAD + (lon - w) * cos * k;
  const y = (lat: number) => PAD + (n - lat) * k;
  const d = rings.map((ring) => `M${ring.map((p) => `${x(p[0] ?? 0).toFixed(1)},${y(p[1] ?? 0).toFixed(1)}`).join('L')}Z`).join('');
  // the frame, clipped to the inset and never smaller than a visible mark
  const fx0 = Math.max(0, x(frame[0]));
  const fx1 = Math.min(WIDTH, x(frame[2]));
  const fy0 = Math.max(0, y(frame[3]));
  const fy1 = Math.min(height, y(frame[1]));
  const fw = Math.max(4, fx1 - fx0);
  const fh = Math.max(4, fy1 - fy0);
  return (
    <svg
      width={WIDTH}
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={t('insetLabel')}
      data-testid="locator-inset"
      className={`rounded border shadow-sm ${dark ? 'border-slate-600 bg-slate-900/90' : 'border-slate-300 bg-white/90'} ${className}`}
    >
      <path d={d} fill={tones === 'dark' ? '#334155' : '#e2ded3'} stroke={tones === 'dark' ? '#94a3b8' : '#8a8170'} strokeWidth={0.8} />
      <rect
        x={fx0 - (fw - (fx1 - fx0)) / 2}
        y={fy0 - (fh - (fy1 - fy0)) / 2}
        width={fw}
        height={fh}
        fill="none"
        stroke={tones === 'dark' ? '#f1f5f9' : '#111827'}
        strokeWidth={1.5}
        data-testid="locator-frame"
      />
    </svg>
  );
}
