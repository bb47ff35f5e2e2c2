/**
 * Build-time assets, written to public/generated/ (git-ignored):
 * - the basemap geography: Natural Earth 1:10m land and borders (npm: world-atlas), clipped
 *   to the region served so the page downloads a few kilobytes, not the world;
 * - MapLibre's worker, served from our origin (a bundled worker URL breaks);
 * - the Noto Sans font files that map labels use (Latin and Arabic), so no glyph server is needed,
 *   and the Latin ones as TrueType for the server's still images.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { clipToRegion, labelPoint } from '../geo/clip';
import { COUNTRY_NAMES, REGION_BBOX } from '../geo/region';

const require = createRequire(import.meta.url);
const out = path.resolve('public/generated');
fs.mkdirSync(path.join(out, 'basemap'), { recursive: true });
fs.mkdirSync(path.join(out, 'fonts'), { recursive: true });

const world = require('world-atlas/countries-10m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(world, world.objects.countries);
const land = clipToRegion(countries, REGION_BBOX);
const borders = clipToRegion(
  {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: mesh(world, world.objects.countries, (a, b) => a !== b) }],
  },
  REGION_BBOX,
);
const labels = {
  type: 'FeatureCollection',
  features: land.features
    .filter((f) => COUNTRY_NAMES[String(f.id)])
    .map((f) => ({ type: 'Feature', properties: { id: String(f.id), ...COUNTRY_NAMES[String(f.id)] }, geometry: labelPoint(f) })),
};
const write = (name: string, data: unknown) => {
  const file = path.join(out, name);
  fs.writeFileSync(file, JSON.stringify(data));
  return `${name} ${(fs.statSync(file).size / 1024).toFixed(1)} KiB`;
};
const written = [
  write('basemap/land.geojson', {
    type: 'FeatureCollection',
    features: land.features.map((f) => ({ ...f, properties: { id: String(f.id) } })),
  }),
  write('basemap/borders.geojson', borders),
  write('basemap/country-labels.geojson', labels),
];

const copy = (from: string, to: string) => {
  fs.copyFileSync(require.resolve(from), path.join(out, to));
  written.push(to);
};
copy('maplibre-gl/dist/maplibre-gl-worker.mjs', 'maplibre-gl-worker.mjs');
copy('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2', 'fonts/noto-sans-latin-400.woff2');
copy('@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2', 'fonts/noto-sans-latin-ext-400.woff2');
copy('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2', 'fonts/noto-sans-arabic-400.woff2');
// the still-image renderer (resvg) reads TrueType, not WOFF2: decompress the same Latin fonts for it
const { decompress } = require('wawoff2') as { decompress(b: Buffer): Promise<Uint8Array> };
for (const name of ['noto-sans-latin-400', 'noto-sans-latin-ext-400']) {
  const ttf = await decompress(fs.readFileSync(path.join(out, 'fonts', `${name}.woff2`)));
  fs.writeFileSync(path.join(out, 'fonts', `${name}.ttf`), ttf);
  written.push(`fonts/${name}.ttf`);
}
console.log(`prepare-assets — public/generated: ${written.join(', ')}`);
