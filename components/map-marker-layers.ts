/**
 * The layers that draw incidents and groups: one set of layers whatever holds the marks, a GeoJSON
 * source grouped in the browser (a small set) or the vector tiles grouped on the server (a large
 * one). Both carry the same properties (lib/incident/marker) and are grouped by the same rule
 * (geo/grouping), so the map looks the same on either side of the switch.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from '@/geo/basemap-style';
import type { Palette } from '@/geo/palette';
import { ICON_SIZE_BY_ZOOM, TRANSPARENT, discOf, iconLayout, iconPaint, mixOf, rgba, typeColour, typeColourFaint } from './map-paint';

/** A group's feature holds its count (lib/incident/marker); an incident's does not. */
export const IS_GROUP: ExpressionSpecification = ['has', 'count'];
const IS_INCIDENT: ExpressionSpecification = ['!', IS_GROUP];

/** Where a set of marks is held, and the ids its layers take. */
export interface MarkerSource {
  source: string;
  /**
   * a vector source's layers holding its groups and its incidents; none for a GeoJSON source,
   * whose groups and incidents are told apart by IS_GROUP
   */
  sourceLayers?: { groups: string; incidents: string };
  /**
   * how its incidents are located: to a town (a filled disc), only to the province (a ring at
   * its anchor), or either, told by each feature's geoPrecision
   */
  located: 'town' | 'province' | 'either';
  ids: { contested: string; highlighted: string; incidents: string; selected: string; groups: string };
}

/** Where a layer reads its features: a source, its layer in a vector source, a filter. */
interface Where {
  source: string;
  'source-layer'?: string;
  filter?: ExpressionSpecification;
}

/** The ids of a group layer's ring split by type, drawn over it. */
export const typesRingOf = (groups: string) => `${groups}-types`;

export function markerLayers(c: Palette, s: MarkerSource): LayerSpecification[] {
  // a layer on the groups, the incidents, or both: a filter on one GeoJSON source, or a vector source's layer
  const on = (what: 'groups' | 'incidents' | 'both', filter?: ExpressionSpecification): Where[] => {
    const kinds = what === 'both' ? (['incidents', 'groups'] as const) : ([what] as const);
    if (!s.sourceLayers) {
      const kind: ExpressionSpecification | null = what === 'both' ? null : what === 'groups' ? IS_GROUP : IS_INCIDENT;
      const all = [kind, filter].filter((f): f is ExpressionSpecification => !!f);
      return [{ source: s.source, ...(all.length ? { filter: all.length === 1 ? all[0] : ['all', ...all] } : {}) }];
    }
    const layers = s.sourceLayers;
    return kinds.map((k) => ({ source: s.source, 'source-layer': layers[k], ...(filter ? { filter } : {}) }));
  };
  // the ids of a layer split over a vector source's two layers: the second gets a suffix
  const named = (id: string, parts: Where[]) => parts.map((p, i) => ({ ...p, id: i === 0 ? id : `${id}-groups` }));
  const province: ExpressionSpecification = ['==', ['get', 'geoPrecision'], 3];
  const pick = (town: string | ExpressionSpecification, prov: string | ExpressionSpecification): string | ExpressionSpecification =>
    s.located === 'town' ? town : s.located === 'province' ? prov : (['case', province, prov, town] as ExpressionSpecification);
  const count: ExpressionSpecification = ['to-string', ['get', 'count']];
  const provinceGroups = s.located === 'province';
  // a ring `gap` pixels out round the incidents and groups whose `flag` is set (a transparent disc's halo)
  const ring = (id: string, flag: string, gap: number, colour: string, width: number): LayerSpecification[] =>
    named(id, on('both', ['==', ['get', flag], true])).map(
      (l) =>
        ({
          ...l,
          type: 'symbol',
          layout: iconLayout(discOf(gap)),
          paint: iconPaint({ color: TRANSPARENT, halo: colour, haloWidth: width }),
        }) as LayerSpecification,
    );
  return [
    // on an incident, or on a group holding one: contested, and pointed out by the view's editor
    ...ring(s.ids.contested, 'contested', 5, c.contestedRing, 2),
    ...ring(s.ids.highlighted, 'highlighted', 7, c.highlightRing, 3),
    {
      ...(on('incidents')[0] as object),
      id: s.ids.incidents,
      type: 'symbol',
      layout: iconLayout(discOf(0)),
      // located to a town: a filled disc with a white edge; to the province only: a ring in its type's colour, not a pin on a town
      paint:
        s.located === 'province'
          ? iconPaint({ color: typeColourFaint(c, 0.25), halo: typeColour(c), haloWidth: 3 })
          : iconPaint({
              color: pick(typeColour(c), typeColourFaint(c, 0.25)),
              halo: pick('#ffffff', typeColour(c)),
              haloWidth: 1.5,
              opacity: 0.92,
            }),
    } as LayerSpecification,
    {
      ...(on('incidents', ['==', ['get', 'id'], ''])[0] as object),
      id: s.ids.selected,
      type: 'symbol',
      layout: iconLayout(discOf(10)),
      paint: iconPaint({ color: TRANSPARENT, halo: c.selectedRing, haloWidth: 3 }),
    } as LayerSpecification,
    // groups, with their count: a town's a dark disc, a province's a ring
    {
      ...(on('groups')[0] as object),
      id: s.ids.groups,
      type: 'symbol',
      layout: iconLayout(discOf(0), {
        'text-field': count,
        'text-font': [LABEL_FONT],
        'text-size': provinceGroups ? 14 : 13,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      }),
      paint:
        s.located === 'town'
          ? { ...iconPaint({ color: c.clusterFill, halo: '#ffffff', haloWidth: 2 }), 'text-color': '#ffffff' }
          : {
              ...iconPaint({
                color: pick(c.clusterFill, rgba(c.groupRing, 0.2)),
                halo: pick('#ffffff', c.groupRing),
                haloWidth: provinceGroups ? 3 : 2,
              }),
              'text-color': pick('#ffffff', c.placeLabel),
              'text-halo-color': pick(TRANSPARENT, c.labelHalo),
              'text-halo-width': 1.5,
            },
    } as LayerSpecification,
    // the types a group holds, as its ring split in their colours (drawn over its disc, holding no room of its own)
    {
      ...(on('groups')[0] as object),
      id: typesRingOf(s.ids.groups),
      type: 'symbol',
      layout: {
        'icon-image': mixOf,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-padding': 0,
        'icon-size': ICON_SIZE_BY_ZOOM,
      },
    } as LayerSpecification,
  ];
}
