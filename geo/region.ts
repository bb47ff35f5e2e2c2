/**
 * The region this deployment serves: north-western Syria around Idlib, with enough of Turkey,
 * the coast and Aleppo for context. The basemap is clipped to it at build time.
 * [west, south, east, north] in degrees.
 */
export const REGION_BBOX: [number, number, number, number] = [34.9, 34.6, 38.6, 37.2];

/** The first view: Idlib province and its surroundings. */
export const INITIAL_VIEW = { center: [36.7, 35.86] as [number, number], zoom: 9.3 };

/** Countries named on the basemap (world-atlas ids are ISO 3166 numeric codes). */
export const COUNTRY_NAMES: Record<string, { en: string; fr: string; ar: string }> = {
  '760': { en: 'Syria', fr: 'Syrie', ar: 'سوريا' },
  '792': { en: 'Turkey', fr: 'Turquie', ar: 'تركيا' },
  '422': { en: 'Lebanon', fr: 'Liban', ar: 'لبنان' },
  '196': { en: 'Cyprus', fr: 'Chypre', ar: 'قبرص' },
};
