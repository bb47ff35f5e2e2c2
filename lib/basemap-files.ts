/** The clipped basemap geography that the build wrote into public/generated/basemap (read once). */
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { BASEMAP_LAYERS, type BasemapGeography, INLINE_LAYERS, type InlineGeography } from '../geo/basemap-style';

let cached: BasemapGeography | null = null;

export function basemapGeography(): BasemapGeography {
  cached ??= Object.fromEntries(
    BASEMAP_LAYERS.map((name) => [
      name,
      JSON.parse(
        fs.readFileSync(path.join(process.cwd(), 'public', 'generated', 'basemap', `${name}.geojson`), 'utf8'),
      ) as FeatureCollection,
    ]),
  ) as BasemapGeography;
  return cached;
}

/** The layers a page carries in itself (INLINE_LAYERS). */
export function inlineGeography(): InlineGeography {
  const all = basemapGeography();
  return Object.fromEntries(INLINE_LAYERS.map((name) => [name, all[name]])) as InlineGeography;
}
