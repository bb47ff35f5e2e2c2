import { wcagLuminance } from 'culori';
import { describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import { basemapStyle } from '@/geo/basemap-style';
import { clipToRegion, labelPoint } from '@/geo/clip';
import { precisionAreas, PRECISION_RADIUS_KM } from '@/geo/precision';
import { foldText } from '@/lib/domain/text';
import { periodEnd } from '@/lib/domain/dates';

describe('precision areas', () => {
  it('draws no area for an exact location, a disc of the documented radius otherwise', () => {
    const fc = precisionAreas([
      { id: 'a', lon: 36.7, lat: 35.9, geoPrecision: 1 },
      { id: 'b', lon: 36.7, lat: 35.9, geoPrecision: 2 },
      { id: 'c', lon: 36.69572, lat: 35.82688, geoPrecision: 3 },
      { id: 'd', lon: 36.69572, lat: 35.82688, geoPrecision: 3 },
    ]);
    expect(fc.features).toHaveLength(2);
    const province = fc.features.find((f) => f.properties.precision === 3)!;
    expect(province.properties.incidentIds).toEqual(['c', 'd']);
    const km2 = area(province) / 1e6;
    const expected = Math.PI * PRECISION_RADIUS_KM[3] ** 2;
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
