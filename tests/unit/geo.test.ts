import fs from 'node:fs';
import path from 'node:path';
import { wcagLuminance } from 'culori';
import { describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import { basemapStyle, FIRST_FRAME_SOURCES, splitBasemap } from '@/geo/basemap-style';
import { clipToRegion, labelPoint } from '@/geo/clip';
import { precisionAreas, TOWN_RADIUS_KM } from '@/geo/precision';
import { foldText } from '@/lib/domain/text';
import { periodEnd } from '@/lib/domain/dates';

describe('precision areas', () => {
  it('draws a disc of the documented radius around a town for incidents near it, none for an exact place or a province', () => {
    const fc = precisionAreas([
      { id: 'a', lon: 36.7, lat: 35.9, geoPrecision: 1 },
      { id: 'b', lon: 36.7, lat: 35.9, geoPrecision: 2 },
      { id: 'b2', lon: 36.7, lat: 35.9, geoPrecision: 2 },
      { id: 'c', lon: 36.69572, lat: 35.82688, geoPrecision: 3 },
    ]);
    expect(fc.features).toHaveLength(1);
    const [near] = fc.features;
    expect(near!.properties.incidentIds).toEqual(['b', 'b2']);
    const km2 = area(near!) / 1e6;
    const expected = Math.PI * TOWN_RADIUS_KM ** 2;
    expect(Math.abs(km2 - expected) / expected).toBeLessThan(0.01);
  });
  it('handles a point at 0,0 (a valid coordinate)', () => {
    const fc = precisionAreas([{ id: 'z', lon: 0, lat: 0, geoPrecision: 2 }]);
    expect(fc.features).toHaveLength(1);
  });
});

describe('clipping and labels', () => {
  it('clips polygons to the box and drops what lies outside', () => {
    const square = (x: number) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [x, 0],
            [x + 2, 0],
            [x + 2, 2],
            [x, 2],
            [x, 0],
          ],
        ],
      },
    });
    const out = clipToRegion({ type: 'FeatureCollection', features: [square(0), square(10)] }, [1, 0, 5, 5]);
    expect(out.features).toHaveLength(1);
    const xs = (out.features[0]!.geometry as GeoJSON.Polygon).coordinates[0]!.map((c) => c[0]!);
    expect(Math.min(...xs)).toBe(1);
    expect(labelPoint(out.features[0]!).coordinates[0]).toBeCloseTo(1.5);
  });
});

describe('basemap style', () => {
  it('loads everything from our own origin and labels in the page language', () => {
    const origin = 'http://example.test:1234';
    for (const lang of ['fr', 'en'] as const) {
      const style = basemapStyle({ palette: 'light', lang, origin });
      const urls = JSON.stringify(style).match(/https?:\/\/[^"]+/g) ?? [];
      expect(urls.length).toBeGreaterThan(0);
      for (const u of urls) expect(u.startsWith(origin), u).toBe(true);
      expect(style.glyphs).toBeUndefined();
      const labels = style.layers.find((l) => l.id === 'country-labels')!;
      expect(JSON.stringify(labels.layout)).toContain(`["get","${lang}"]`);
    }
  });
  it('credits the open data it draws as geo/basemap-nw-syria/SOURCES.md requires, word for word', () => {
    const style = basemapStyle({ palette: 'light', lang: 'en', origin: 'http://x' });
    const credits = Object.values(style.sources).flatMap((src) => ('attribution' in src && src.attribution ? [src.attribution] : []));
    const sources = fs.readFileSync(path.resolve('geo/basemap-nw-syria/SOURCES.md'), 'utf8');
    const required = sources
      .slice(sources.indexOf('## Credit line'), sources.indexOf('## Files'))
      .split('\n')
      .filter((l) => l.startsWith('> '))
      .map((l) => l.slice(2).trim());
    expect(required).toHaveLength(4);
    for (const line of required) expect(credits.join(' '), line).toContain(line);
  });
  it('draws every name above every line and area, the region-only layers once the region fills the frame, roads not past zoom 12', () => {
    const { layers } = basemapStyle({ palette: 'dark', lang: 'fr', origin: 'http://x' });
    const lastShape = Math.max(...layers.map((l, i) => (l.type === 'symbol' ? -1 : i)));
    const firstName = layers.findIndex((l) => l.type === 'symbol');
    expect(firstName).toBeGreaterThan(lastShape);
    // these cover north-western Syria only: a country-wide frame would show them end in the open
    for (const id of ['urban', 'rivers', 'rivers-minor', 'river-labels', 'roads-major', 'roads-minor', 'road-refs'])
      expect(layers.find((l) => l.id === id)?.minzoom, id).toBeGreaterThanOrEqual(7.5);
    for (const id of ['roads-minor', 'rivers-minor']) expect(layers.find((l) => l.id === id)?.minzoom, id).toBeGreaterThanOrEqual(8);
    // roads are good to about zoom 9 (SOURCES.md): not drawn where they would seem to name a street
    for (const id of ['roads-major', 'roads-minor', 'road-refs'])
      expect(layers.find((l) => l.id === id)?.maxzoom, id).toBeLessThanOrEqual(12);
    // the highways the fighting was about carry their numbers; the Orontes its name in the page's language
    expect(JSON.stringify(layers.find((l) => l.id === 'road-refs'))).toContain('["get","ref"]');
    expect(JSON.stringify(layers.find((l) => l.id === 'river-labels'))).toContain('["get","fr"]');
  });
  it('has a dark palette: land and sea darker than the light palette’s, labels lighter', () => {
    const paint = (palette: 'light' | 'dark', id: string, prop: string) => {
      const layer = basemapStyle({ palette, lang: 'fr', origin: 'http://x' }).layers.find((l) => l.id === id) as {
        paint?: Record<string, unknown>;
      };
      return String(layer.paint?.[prop]);
    };
    for (const [id, prop] of [
      ['sea', 'background-color'],
      ['land', 'fill-color'],
    ]) {
      expect(wcagLuminance(paint('dark', id as string, prop as string)), id).toBeLessThan(
        wcagLuminance(paint('light', id as string, prop as string)),
      );
    }
    expect(wcagLuminance(paint('dark', 'country-labels', 'text-color'))).toBeGreaterThan(
      wcagLuminance(paint('light', 'country-labels', 'text-color')),
    );
  });
});

describe('text and dates', () => {
  it('folds case and accents', () => {
    expect(foldText('  Qmînâs  ')).toBe('qminas');
    expect(foldText('Idleb')).toBe(foldText('IDLEB'));
  });
  it('computes the last day a date may stand for', () => {
    expect(periodEnd('2020-02-20', 'day')).toBe('2020-02-20');
    expect(periodEnd('2020-02-17', 'week')).toBe('2020-02-23');
    expect(periodEnd('2020-02-01', 'month')).toBe('2020-02-29');
  });
});

describe('the basemap in two parts', () => {
  const style = basemapStyle({ palette: 'light', lang: 'en', origin: 'http://x' });
  const { first, later } = splitBasemap(style);
  it('starts the map with the sea, the land, the borders and the country names, and its credit', () => {
    expect(Object.keys(first.sources).sort()).toEqual([...FIRST_FRAME_SOURCES].sort());
    expect(first.layers.map((l) => l.id)).toEqual(['sea', 'land', 'borders', 'country-labels']);
    // the credit the open data requires is there from the first frame
    expect(Object.values(first.sources).some((s) => 'attribution' in s && String(s.attribution).includes('OCHA'))).toBe(true);
  });
  it('adds every other layer later, each under the layer it lay under, so the whole stack is as one style', () => {
    expect(first.layers.length + later.layers.length).toBe(style.layers.length);
    // replay the additions as MapLibre does (addLayer before an id, or on top) and get the full order back
    const stack = first.layers.map((l) => l.id);
    for (const { layer, before } of later.layers) stack.splice(before ? stack.indexOf(before) : stack.length, 0, layer.id);
    expect(stack).toEqual(style.layers.map((l) => l.id));
    expect(Object.keys(later.sources)).not.toContain('land');
    expect(later.layers.map((l) => l.layer.id)).toContain('admin1');
  });
});
