/**
 * The dashboard's dark theme (app/dark.css) turns each colour scale the pages use end for end:
 * every step holds Tailwind's colour of its mirror step, and no family a page uses is left out
 * (one left out would keep its light colours on a dark page).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dark = fs.readFileSync(path.join(ROOT, 'app/dark.css'), 'utf8');
const theme = fs.readFileSync(path.join(ROOT, 'node_modules/tailwindcss/theme.css'), 'utf8');
const STEPS = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'];

const themeColour = (family: string, step: string) => new RegExp(`--color-${family}-${step}:\\s*([^;]+);`).exec(theme)?.[1];
const darkColours = new Map([...dark.matchAll(/--color-([a-z]+)-(\d+):\s*([^;]+);/g)].map((m) => [`${m[1]}-${m[2]}`, m[3]]));

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return rel.includes('embed') ? [] : sources(rel);
    return /\.(tsx|ts)$/.test(e.name) && !/Embed/.test(e.name) ? [rel] : [];
  });
}

describe('the dark theme of the dashboard and the desk', () => {
  it('gives each step the colour of its mirror step (50 ↔ 950, 100 ↔ 900, …)', () => {
    const families = [...new Set([...darkColours.keys()].map((k) => k.split('-')[0]!))];
    expect(families.length).toBeGreaterThan(0);
    for (const family of families)
      for (const [i, step] of STEPS.entries()) {
        if (step === '500') continue;
        const mirror = STEPS[STEPS.length - 1 - i]!;
        expect(darkColours.get(`${family}-${step}`), `${family}-${step}`).toBe(themeColour(family, mirror));
      }
  });

  it('covers every colour family the pages’ classes use', () => {
    const used = new Set<string>();
    for (const file of sources('components').concat(sources('app')))
      for (const m of fs
        .readFileSync(path.join(ROOT, file), 'utf8')
        .matchAll(/\b(?:bg|text|border|outline|ring|fill|stroke|divide)-([a-z]+)-\d{2,3}\b/g))
        used.add(m[1]!);
    const covered = new Set([...darkColours.keys()].map((k) => k.split('-')[0]));
    expect([...used].filter((f) => !covered.has(f))).toEqual([]);
  });

  it('is loaded by the dashboard’s style sheet and not by the embed’s, which has a theme of its own', () => {
    expect(fs.readFileSync(path.join(ROOT, 'app/globals.css'), 'utf8')).toContain('@import "./dark.css";');
    expect(fs.readFileSync(path.join(ROOT, 'components/embed/embed.css'), 'utf8')).not.toContain('dark.css');
  });
});
