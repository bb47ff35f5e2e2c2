/** Basemap colours. Text colours hold WCAG AA contrast against their halos in both palettes. */
export interface Palette {
  sea: string;
  land: string;
  border: string;
  countryLabel: string;
  placeLabel: string;
  labelHalo: string;
  placeDot: string;
  halo: string;
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
    halo: '#64748b',
  },
  dark: {
    sea: '#0f1c2a',
    land: '#1f2329',
    border: '#7d8694',
    countryLabel: '#b8bec8',
    placeLabel: '#f1f5f9',
    labelHalo: '#0b0f14',
    placeDot: '#e2e8f0',
    halo: '#94a3b8',
  },
};
export type PaletteName = keyof typeof PALETTES;
