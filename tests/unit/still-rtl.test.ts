/**
 * An Arabic still image's title starts at the right edge in the PNG too: the SVG anchors
 * right-to-left lines as the specification and browsers read it (tests/e2e/no-webgl.spec.ts checks
 * Chromium), and resvg, which anchors by the physical end, is given "end" (lib/still/draw forResvg).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { BasemapGeography } from '@/geo/basemap-style';
import type { Feature, IncidentDetailProps } from '@/lib/incident/geojson';
import { forResvg, RTL_ANCHOR, staticMapSvg } from '@/lib/still/draw';
import { stillFontFiles } from '@/lib/still/raster';

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

/** An incident with only what a still image reads, cited to a source named in Latin letters. */
const cited = (id: string, eventType: string): Feature<IncidentDetailProps> =>
  ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [36.72, 35.87] },
    properties: {
      eventType,
      geoPrecision: 1,
      killed: { low: 1, high: 1 },
      contested: [],
      title: { en: id, fr: id },
      sources: [{ id: 'acled', name: { en: 'ACLED', fr: 'ACLED' } }],
    },
  }) as unknown as Feature<IncidentDetailProps>;

/**
 * What resvg says while it draws `svg` with the still image's own fonts and no others: it writes
 * its warnings (a character no font has, a line it could not lay out) to the process's stderr,
 * so it draws in a child process of its own.
 */
function resvgWarnings(svg: string): string {
  const run = `
    const { Resvg } = require('@resvg/resvg-js');
    const svg = require('node:fs').readFileSync(0, 'utf8');
    const fontFiles = JSON.parse(process.argv[1]);
    new Resvg(svg, { logLevel: 'warn', font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Sans' } }).render();`;
  const child = spawnSync(process.execPath, ['-e', run, JSON.stringify(stillFontFiles(process.cwd()))], { input: svg, encoding: 'utf8' });
  expect(child.status).toBe(0);
  return child.stderr;
}

describe('an Arabic still image in PNG', () => {
  it('draws every character of its lines in its own fonts, Latin letters and "/" within Arabic lines too', () => {
    for (const f of stillFontFiles(process.cwd())) expect(fs.existsSync(f), `${f} (npm run prepare:assets)`).toBe(true);
    const svg = staticMapSvg({
      // a title, a key ("انفجارات / عنف عن بُعد") and a line of sources ("ACLED") mixing both scripts
      title: 'إدلب: غارات 20 شباط 2020 (AFP)',
      credit: 'Reuters',
      lang: 'ar',
      palette: 'light',
      bounds: [36.5, 35.7, 36.9, 36.0],
      geography,
      places: [],
      incidents: [cited('a', 'explosions-remote-violence'), cited('b', 'battles')],
      highlighted: [],
      width: 800,
      height: 520,
    });
    expect(svg).toContain('انفجارات / عنف عن بُعد');
    const warnings = resvgWarnings(forResvg(svg));
    // with a subset of Noto Sans Arabic holding Arabic letters alone, resvg gave up on each such line:
    // "No fonts with a / character", "Text layouting failed", and drew boxes
    expect(warnings).not.toMatch(/No fonts with|layouting failed/);
  });
});
