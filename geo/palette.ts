import type { EventType } from '../lib/domain/taxonomy';

/**
 * Map colours, per theme. Text colours hold WCAG AA contrast (4.5:1) against their halos; every
 * colour that marks an incident on the map or in the legend (type fills, rings) holds 3:1
 * against land, sea and the page behind the legend (WCAG 2.2, 1.4.11 non-text contrast), so the
 * dark theme has its own, lighter tints. tests/unit/palette.test.ts checks all of it.
 */
export interface Palette {
  sea: string;
  land: string;
  border: string;
  countryLabel: string;
  placeLabel: string;
  labelHalo: string;
  placeDot: string;
  /** lakes (the sea's tint), rivers' lines, and the names of both */
  water: string;
  river: string;
  waterLabel: string;
  /** built-up areas, a shade off the land */
  urban: string;
  /** roads: the others, the main highways, and their numbers (M4, M5) */
  road: string;
  roadMajor: string;
  roadLabel: string;
  /** lines between governorates (the international border is `border`) */
  admin1: string;
  /** approximate areas (dashed outline and faint fill) */
  halo: string;
  /** the page around the map, behind the legend's swatches */
  page: string;
  /** incident fill by event type; also the ring of an incident located to its province only */
  types: Record<EventType, string>;
  /** the outer ring of an incident whose sources disagree */
  contestedRing: string;
  /** the ring of an incident the view's editor highlighted */
  highlightRing: string;
  /** the ring of the open incident */
  selectedRing: string;
  /** the ring around a province's group of incidents */
  groupRing: string;
  /** the disc of a town's group of incidents (white edge and count) */
  clusterFill: string;
}

export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: {
    sea: '#c9dbe8',
    land: '#f3f1ea',
    border: '#8a8170',
    countryLabel: '#5b5446',
    placeLabel: '#1f2937',
    labelHalo: '#ffffff',
    placeDot: '#1f2937',
    water: '#c9dbe8',
    river: '#93b4cc',
    waterLabel: '#3a6688',
    urban: '#e7e2d5',
    road: '#dcd3c0',
    roadMajor: '#c8b48e',
    roadLabel: '#6b604c',
    admin1: '#a39a89',
    halo: '#64748b',
    page: '#ffffff',
    types: {
      battles: '#c2410c',
      'explosions-remote-violence': '#7c3aed',
      'violence-against-civilians': '#be123c',
      protests: '#0f766e',
      riots: '#a16207',
      'strategic-developments': '#475569',
    },
    contestedRing: '#111827',
    highlightRing: '#b45309',
    selectedRing: '#2563eb',
    groupRing: '#334155',
    clusterFill: '#334155',
  },
  dark: {
    sea: '#0f1c2a',
    land: '#1f2329',
    border: '#7d8694',
    countryLabel: '#b8bec8',
    placeLabel: '#f1f5f9',
    labelHalo: '#0b0f14',
    placeDot: '#e2e8f0',
    water: '#0f1c2a',
    river: '#2d4a63',
    waterLabel: '#86b3d6',
    urban: '#2a2f36',
    road: '#353b44',
    roadMajor: '#4f5766',
    roadLabel: '#b0b8c4',
    admin1: '#5f6877',
    halo: '#94a3b8',
    page: '#0f172a',
    types: {
      battles: '#fb923c',
      'explosions-remote-violence': '#a78bfa',
      'violence-against-civilians': '#fb7185',
      protests: '#2dd4bf',
      riots: '#eab308',
      'strategic-developments': '#94a3b8',
    },
    contestedRing: '#f1f5f9',
    highlightRing: '#fbbf24',
    selectedRing: '#60a5fa',
    groupRing: '#cbd5e1',
    clusterFill: '#334155',
  },
};
export type PaletteName = keyof typeof PALETTES;
