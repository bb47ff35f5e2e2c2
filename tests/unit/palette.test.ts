import { describe, expect, it } from 'vitest';
import { oklch, wcagContrast } from 'culori';
import { PALETTES, type PaletteName } from '@/geo/palette';
import { KEEP_CLEAR, overlayLayers } from '@/components/map-layers';

/** Every hex colour a paint value can take: a constant, or any branch of an expression. */
function coloursIn(value: unknown): string[] {
  if (typeof value === 'string') return /^#[0-9a-f]{6}$/i.test(value) ? [value] : [];
  return Array.isArray(value) ? [...new Set(value.flatMap(coloursIn))] : [];
}

const worst = (colour: string, backgrounds: string[]) => Math.min(...backgrounds.map((bg) => wcagContrast(colour, bg)));

describe.each(Object.keys(PALETTES) as PaletteName[])('the %s palette (WCAG 2.2 AA)', (name) => {
  const c = PALETTES[name];
  const behindMap = [c.land, c.sea];

  it('keeps labels at 4.5:1 against their halo', () => {
    for (const text of [c.placeLabel, c.countryLabel, c.waterLabel, c.roadLabel])
      expect(wcagContrast(text, c.labelHalo), text).toBeGreaterThanOrEqual(4.5);
    // a town group's count is white on its disc
    expect(wcagContrast('#ffffff', c.clusterFill)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps every incident colour at 3:1 against land, sea and the page behind the legend (1.4.11)', () => {
    const marks = {
      ...c.types,
      contestedRing: c.contestedRing,
      highlightRing: c.highlightRing,
      selectedRing: c.selectedRing,
      groupRing: c.groupRing,
      area: c.halo,
    };
    for (const [what, colour] of Object.entries(marks)) expect(worst(colour, [...behindMap, c.page]), what).toBeGreaterThanOrEqual(3);
  });

  it('keeps the basemap behind the data: its colours dull (OKLCH chroma ≤ 0.06), the incident types’ colours vivid (≥ 0.08)', () => {
    const chroma = (hex: string) => oklch(hex)?.c ?? 0;
    const lines = { roadMajor: c.roadMajor, admin1: c.admin1, border: c.border, river: c.river };
    const basemap = { land: c.land, sea: c.sea, water: c.water, urban: c.urban, road: c.road, ...lines };
    for (const [what, colour] of Object.entries(basemap)) expect(chroma(colour), what).toBeLessThanOrEqual(0.06);
    // strategic developments are grey on purpose: the one type that is not violence
    const { 'strategic-developments': _, ...vivid } = c.types;
    for (const [what, colour] of Object.entries(vivid)) expect(chroma(colour), what).toBeGreaterThanOrEqual(0.08);
    // the lines a reader follows are seen on the land; built-up areas a shade off it
    for (const [what, colour] of Object.entries(lines)) expect(wcagContrast(colour, c.land), what).toBeGreaterThanOrEqual(1.4);
    expect(wcagContrast(c.urban, c.land)).toBeLessThan(1.3);
  });

  it('draws every incident symbol and circle of the map so that it stands out from the basemap', () => {
    // every layer that draws a mark (the room kept clear of names is drawn with nothing in it)
    const marks = overlayLayers(c, 'fr').filter(
      (l) =>
        l.id !== KEEP_CLEAR &&
        (l.type === 'circle' || (l.type === 'symbol' && (l.paint as Record<string, unknown> | undefined)?.['icon-color'] !== undefined)),
    );
    expect(marks.filter((l) => l.type === 'symbol').length).toBeGreaterThan(5);
    for (const layer of marks) {
      const paint = layer.paint as Record<string, unknown>;
      const circle = layer.type === 'circle';
      const fills = coloursIn(paint[circle ? 'circle-color' : 'icon-color']);
      const strokes = coloursIn(paint[circle ? 'circle-stroke-color' : 'icon-halo-color']);
      expect(strokes.length, layer.id).toBeGreaterThan(0);
      const opacity = (paint[circle ? 'circle-opacity' : 'icon-opacity'] as number | undefined) ?? 1;
      const opaqueFill = fills.length > 0 && opacity >= 0.9;
      // a ring (no fill, or a faint one) is seen by its stroke; a disc by its fill or its edge
      const strokeStandsOut = strokes.every((s) => worst(s, behindMap) >= 3);
      const fillStandsOut = opaqueFill && fills.every((f) => worst(f, behindMap) >= 3);
      expect(strokeStandsOut || fillStandsOut, `${layer.id}: fills ${fills.join(' ')}, strokes ${strokes.join(' ')}`).toBe(true);
    }
  });
});
