/**
 * An Arabic still image's title starts at the right edge in the PNG too: the SVG anchors
 * right-to-left lines as the specification and browsers read it (tests/e2e/no-webgl.spec.ts checks
 * Chromium), and resvg, which anchors by the physical end, is given "end" (lib/still/draw forResvg).
 */
import { Resvg } from '@resvg/resvg-js';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { BasemapGeography } from '@/geo/basemap-style';
import { forResvg, RTL_ANCHOR, staticMapSvg } from '@/lib/still/draw';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const geography = new Proxy({}, { get: () => empty }) as BasemapGeography;

/** The leftmost and rightmost dark pixels of the title's band (rows 8–32) of a rendered still. */
function titleInk(svg: string): { left: number; right: number } {
  const image = new Resvg(svg, { font: { loadSystemFonts: true } }).render();
  const { width, pixels } = image;
  let left = width;
  let right = -1;
  for (let y = 8; y < 32; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (pixels[i]! < 120 && pixels[i + 3]! > 200) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  return { left, right };
}

describe('an Arabic still image', () => {
  const svg = (title: string) =>
    staticMapSvg({
      title,
      credit: null,
      lang: 'ar',
      palette: 'light',
      bounds: [36.5, 35.7, 36.9, 36.0],
      geography,
      places: [],
      incidents: [],
      highlighted: [],
      width: 600,
      height: 400,
    });

  it('anchors its right-to-left lines by their start, as browsers read SVG', () => {
    expect(svg('إدلب')).toContain(RTL_ANCHOR);
  });

  for (const title of ['إدلب، ٢٠ شباط ٢٠٢٠', 'Idlib, 20 February 2020'])
    it(`ends its title “${title}” at the right edge in the PNG, whole`, () => {
      const ink = titleInk(forResvg(svg(title)));
      expect(ink.right).toBeGreaterThan(600 - 20);
      expect(ink.right).toBeLessThan(600);
      // the whole title drawn inside the image, from somewhere in its right half
      expect(ink.left).toBeGreaterThan(300);
      // as given, without the renderer's adjustment, resvg would push it off the right edge
      expect(titleInk(svg(title)).left).toBeGreaterThan(580);
    });
});
