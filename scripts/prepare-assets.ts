/**
 * Build-time assets, written to public/generated/ (git-ignored):
 * - the basemap geography: Natural Earth 1:10m land and borders (npm: world-atlas), clipped
 *   to the region served so the page downloads a few kilobytes, not the world, and 1:50m around it
 *   as far as the map may pan; governorate lines, main roads, rivers, lakes and built-up areas of
 *   north-western Syria from the open layers in geo/basemap-nw-syria (SOURCES.md: origins, licences);
 * - MapLibre's worker, served from our origin (a bundled worker URL breaks);
 * - the Noto Sans font files that map labels use (Latin and Arabic), so no glyph server is needed,
 *   and the Latin ones as TrueType for the server's still images.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection } from 'geojson';
import { rewind } from '@turf/turf';
import { feature, mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { clipOutside, clipToRegion, labelPoint, roundCoordinates } from '../geo/clip';
import { COUNTRY_NAMES, REGION_BBOX, WIDE_BBOX } from '../geo/region';

const require = createRequire(import.meta.url);
const out = path.resolve('public/generated');
fs.mkdirSync(path.join(out, 'basemap'), { recursive: true });
fs.mkdirSync(path.join(out, 'fonts'), { recursive: true });

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const write = (name: string, data: FeatureCollection) => {
  const file = path.join(out, name);
  fs.writeFileSync(file, JSON.stringify(roundCoordinates(data, 4)));
  return `${name} ${(fs.statSync(file).size / 1024).toFixed(1)} KiB`;
};
/** Country name points, where a country's (clipped) land has a name of ours. */
const countryLabels = (land: FeatureCollection) =>
  fc(
    land.features
      .filter((f) => COUNTRY_NAMES[String(f.id)])
      .map((f) => ({ type: 'Feature', properties: { id: String(f.id), ...COUNTRY_NAMES[String(f.id)] }, geometry: labelPoint(f) })),
  );
const landOf = (countries: FeatureCollection) => fc(countries.features.map((f) => ({ ...f, properties: { id: String(f.id) } })));

// the region at 1:10m; around it, as far as the map may pan, 1:50m
const world = require('world-atlas/countries-10m.json') as Countries;
const land = clipToRegion(feature(world, world.objects.countries), REGION_BBOX);
const borders = clipToRegion(
  fc([{ type: 'Feature', properties: {}, geometry: mesh(world, world.objects.countries, (a, b) => a !== b) }]),
  REGION_BBOX,
);
const world50 = require('world-atlas/countries-50m.json') as Countries;
const countries50 = feature(world50, world50.objects.countries);
const landWide = clipOutside(countries50, WIDE_BBOX, REGION_BBOX);
const bordersWide = clipOutside(
  fc([{ type: 'Feature', properties: {}, geometry: mesh(world50, world50.objects.countries, (a, b) => a !== b) }]),
  WIDE_BBOX,
  REGION_BBOX,
);

// the open layers of north-western Syria (geo/basemap-nw-syria/SOURCES.md): governorate lines are the
// borders two governorates share (a country's own edge is the international border, drawn already)
const layer = (name: string) =>
  JSON.parse(fs.readFileSync(path.resolve('geo/basemap-nw-syria', `${name}.geojson`), 'utf8')) as FeatureCollection;
const governorates = layer('syria_adm1_governorates');
const govTopology = topology({ governorates }) as unknown as Topology<{ governorates: GeometryCollection }>;
const admin1 = fc([{ type: 'Feature', properties: {}, geometry: mesh(govTopology, govTopology.objects.governorates, (a, b) => a !== b) }]);
const clockwise = (data: FeatureCollection) => rewind(data, { reverse: true }) as FeatureCollection;
const keep = (data: FeatureCollection, props: (p: Record<string, unknown>) => Record<string, unknown>) =>
  fc(data.features.map((f) => ({ ...f, properties: props(f.properties ?? {}) })));

function syriaOutline(): FeatureCollection {
  const world110 = require('world-atlas/countries-110m.json') as Countries;
  return fc(
    feature(world110, world110.objects.countries)
      .features.filter((f) => String(f.id) === '760')
      .map((f) => ({ ...f, properties: {} })),
  );
}

const written = [
  write('basemap/land.geojson', landOf(land)),
  write('basemap/borders.geojson', borders),
  write('basemap/country-labels.geojson', countryLabels(land)),
  write('basemap/land-wide.geojson', landOf(landWide)),
  write('basemap/borders-wide.geojson', bordersWide),
  write('basemap/country-labels-wide.geojson', countryLabels(clipToRegion(countries50, WIDE_BBOX))),
  write('basemap/admin1.geojson', admin1),
  // the locator inset's country: Syria whole at 1:110m (a kilobyte)
  write('basemap/syria-outline.geojson', syriaOutline()),
  // each governorate's area, shown when an incident located only to it is selected or hovered (never inlined in a page: fetched when first needed)
  write(
    'basemap/governorates.geojson',
    keep(governorates, (p) => ({ pcode: p.pcode, en: p.name_en, ar: p.name_ar })),
  ),
  write(
    'basemap/roads.geojson',
    keep(layer('nw_syria_roads'), (p) => ({ major: p.type === 'Major Highway', ...(p.ref ? { ref: p.ref } : {}) })),
  ),
  write(
    'basemap/rivers.geojson',
    keep(layer('nw_syria_rivers'), (p) => ({ level: p.wdb_level, ...(p.name_en ? { en: 'Orontes', fr: 'Oronte', ar: p.name_ar } : {}) })),
  ),
  // polygons wound as d3-geo (still images) reads them, outer rings clockwise; MapLibre takes either
  write('basemap/lakes.geojson', clockwise(keep(layer('nw_syria_lakes'), () => ({})))),
  write('basemap/urban.geojson', clockwise(keep(layer('nw_syria_urban_areas'), () => ({})))),
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
// and Noto Sans Arabic whole, its Latin letters, digits and punctuation with its Arabic: resvg
// shapes a line in one font and cannot mix two within an Arabic line (an Arabic label holding a
// "/" or a source named "ACLED" came out as empty boxes), so every line of an Arabic still must
// find all its characters in one file (SIL Open Font License 1.1, via @expo-google-fonts)
copy('@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', 'fonts/noto-sans-arabic-full-400.ttf');
console.log(`prepare-assets — public/generated: ${written.join(', ')}`);
