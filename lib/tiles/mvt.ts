/** A tile's content as a Mapbox Vector Tile (protobuf), with @maplibre/vt-pbf. */
import 'server-only';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Cluster, TileContent, TilePoint } from './clusters';
import { groupMarker, incidentMarker } from '../incident/marker';
import { CLUSTER_LAYER, EXTENT, INCIDENT_LAYER } from './schema';

type Tags = Record<string, string | number | boolean>;
interface VtFeature {
  type: 1;
  geometry: [number, number][];
  tags: Tags;
}

/** A group's tags: the marker's properties, and its net deaths when any of its incidents gave a figure. */
function groupTags(c: Cluster, marker: { killed: number; province: boolean }): Tags {
  const tags: Tags = {
    ...groupMarker({
      count: c.count,
      killed: marker.killed,
      province: marker.province,
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
  return tags;
}

function incidentTags(p: TilePoint): Tags {
  const tags: Tags = { ...incidentMarker({ ...p, highlighted: false }), date: p.date };
  // net deaths, so that sums over tiles count each victim once (as the groups' killed_low/high)
  if (p.netHigh !== null) {
    tags.killed_low = p.netLow ?? 0;
    tags.killed_high = p.netHigh;
  }
  return tags;
}

export function encodeTile(content: TileContent): Uint8Array {
  const point = (x: number, y: number, tags: Tags): VtFeature => ({ type: 1, geometry: [[x, y]], tags });
  const layers: Record<string, VtFeature[]> =
    content.kind === 'clusters'
      ? { [CLUSTER_LAYER]: content.clusters.map((c) => point(c.x, c.y, groupTags(c, { killed: c.killedHigh, province: false }))) }
      : {
          [CLUSTER_LAYER]: content.groups.map((g) => point(g.x, g.y, groupTags(g, g))),
          [INCIDENT_LAYER]: content.points.map((p) => point(p.x, p.y, incidentTags(p))),
        };
  // geojson-vt's tile shape, which is what vt-pbf serialises; a layer with nothing in it is left out
  const filled = Object.entries(layers).filter(([, features]) => features.length > 0);
  const tiles = Object.fromEntries(
    // a tile with nothing in it holds an empty layer of groups (vt-pbf cannot write a tile of no layer)
    (filled.length ? filled : [[CLUSTER_LAYER, [] as VtFeature[]] as const]).map(([name, features]) => [
      name,
      { features, numPoints: features.length, numSimplified: features.length, numFeatures: features.length, transformed: true },
    ]),
  );
  return fromGeojsonVt(tiles as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: EXTENT });
}
