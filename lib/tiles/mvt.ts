/** A tile's content as a Mapbox Vector Tile (protobuf), with @maplibre/vt-pbf. */
import 'server-only';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { TileContent } from './clusters';
import { groupMarker, incidentMarker } from '../incident/marker';
import { CLUSTER_LAYER, EXTENT, INCIDENT_LAYER } from './schema';

type Tags = Record<string, string | number | boolean>;
interface VtFeature {
  type: 1;
  geometry: [number, number][];
  tags: Tags;
}

export function encodeTile(content: TileContent): Uint8Array {
  const features: VtFeature[] =
    content.kind === 'clusters'
      ? content.clusters.map((c) => {
          const tags: Tags = {
            ...groupMarker({
              count: c.count,
              killed: c.killedHigh,
              province: false,
              contested: c.contested > 0,
              highlighted: false,
              types: c.types,
            }),
          };
          // unknown stays unknown: no figure is written when no incident of the group gave one
          if (c.killedN > 0) {
            tags.killed_low = c.killedLow;
            tags.killed_high = c.killedHigh;
          }
          return { type: 1, geometry: [[c.x, c.y]], tags };
        })
      : content.points.map((p) => {
          const tags: Tags = { ...incidentMarker({ ...p, highlighted: false }), date: p.date };
          return { type: 1, geometry: [[p.x, p.y]], tags };
        });
  const layer = content.kind === 'clusters' ? CLUSTER_LAYER : INCIDENT_LAYER;
  // geojson-vt's tile shape, which is what vt-pbf serialises
  const tile = { features, numPoints: features.length, numSimplified: features.length, numFeatures: features.length, transformed: true };
  return fromGeojsonVt({ [layer]: tile } as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: EXTENT });
}
