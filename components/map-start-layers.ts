/** The incidents as plain circles for the map's first frames, before their symbols are shown (map-start). */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Palette } from '@/geo/palette';
import { ICON_SCALE } from '@/geo/symbols';
import { SOURCES } from './map-layers';
import { IS_GROUP } from './map-marker-layers';
import { TRANSPARENT, circlePaint, radius, rgba, typeColour, typeColourFaint } from './map-paint';

/** The incident symbol layers (on the incidents' two sources), which the map's first frame draws as circles instead. */
export const isIncidentSymbol = (l: LayerSpecification) =>
  l.type === 'symbol' && (l.source === SOURCES.incidents || l.source === SOURCES.province);

/**
 * The incidents as plain circles, for the map's first frames only (components/map-start startStyle):
 * the same discs, sizes, colours, edges and rings as the symbols, and the groups, but without their
 * counts or their rings split by type, and a town's two or three incidents drawn on its point, not
 * yet spread around it (a circle cannot be offset by a value of its own).
 *
 * A symbol's tile is laid out in MapLibre's worker only once the page's thread has handed it the
 * icons (a round trip, while that thread is busy drawing the map's first frames), so the incidents
 * drawn as symbols came late in the first frames (docs/benchmarks.md, bench:embed and bench:ab).
 * So the map starts with these and the symbols hidden, shows the symbols once it has loaded, and
 * drops these as soon as the symbols of their source are drawn (map-create showIncidentSymbols).
 */
export function startCircleLayers(c: Palette): LayerSpecification[] {
  const notCluster: ExpressionSpecification = ['!', IS_GROUP];
  const cluster = IS_GROUP;
  // a symbol's radius scaled as the symbols are with zoom (ICON_SIZE_BY_ZOOM), plus `gap` pixels
  const r = (gap = 0): ExpressionSpecification => {
    const px: ExpressionSpecification = gap ? ['+', radius, gap] : radius;
    const { from, to } = ICON_SCALE;
    return ['interpolate', ['linear'], ['zoom'], from.zoom, ['*', from.scale, px], to.zoom, ['*', to.scale, px]];
  };
  return (['incidents', 'province-incidents'] as const).flatMap((source): LayerSpecification[] => {
    const province = source === SOURCES.province;
    const id = (name: string) => `${name}${province ? '-province' : ''}${START_SUFFIX}`;
    return [
      {
        id: id('incidents-contested'),
        type: 'circle',
        source,
        filter: ['==', ['get', 'contested'], true],
        paint: circlePaint({ radius: r(5), color: TRANSPARENT, strokeColor: c.contestedRing, strokeWidth: 2 }),
      },
      {
        id: id('incident-highlighted'),
        type: 'circle',
        source,
        filter: ['==', ['get', 'highlighted'], true],
        paint: circlePaint({ radius: r(7), color: TRANSPARENT, strokeColor: c.highlightRing, strokeWidth: 3 }),
      },
      {
        id: id('incidents'),
        type: 'circle',
        source,
        filter: notCluster,
        // a town's few incidents, not yet spread around it, drawn the larger under the smaller
        layout: { 'circle-sort-key': ['-', 0, ['coalesce', ['get', 'r'], 0]] },
        paint: province
          ? circlePaint({ radius: r(), color: typeColourFaint(c, 0.25), strokeColor: typeColour(c), strokeWidth: 3 })
          : circlePaint({ radius: r(), color: typeColour(c), strokeColor: '#ffffff', strokeWidth: 1.5, opacity: 0.92 }),
      },
      {
        id: id('groups'),
        type: 'circle',
        source,
        filter: cluster,
        paint: province
          ? circlePaint({ radius: r(), color: rgba(c.groupRing, 0.2), strokeColor: c.groupRing, strokeWidth: 3 })
          : circlePaint({ radius: r(), color: c.clusterFill, strokeColor: '#ffffff', strokeWidth: 2 }),
      },
    ];
  });
}

/** The ids of the first frame's circles end so. */
const START_SUFFIX = '-start';
