/**
 * The region this deployment serves: north-western Syria around Idlib, with enough of Turkey,
 * the coast and Aleppo for context. The basemap is clipped to it at build time.
 * [west, south, east, north] in degrees.
 */
export const REGION_BBOX: [number, number, number, number] = [34.9, 34.6, 38.6, 37.2];

/**
 * The widest frame the map allows: Syria whole and its neighbours' edges, drawn from a coarser
 * layer (Natural Earth 1:50m) outside REGION_BBOX, so no zoom or pan shows the end of the land.
 * The map's maxBounds: MapLibre zooms in rather than show anything beyond it.
 */
export const WIDE_BBOX: [number, number, number, number] = [30, 29.5, 46.5, 40.5];

/**
 * The first view: the heart of Idlib province, close enough (zoom 10) that every place the first
 * incidents name is labelled beside its symbols: Idlib, Qminas, Sarmin, Al-Nayrab, Saraqib, Ariha.
 */
export const INITIAL_VIEW = { center: [36.72, 35.87] as [number, number], zoom: 10 };

/** Countries named on the basemap (world-atlas ids are ISO 3166 numeric codes). */
export const COUNTRY_NAMES: Record<string, { en: string; fr: string; ar: string }> = {
  '760': { en: 'Syria', fr: 'Syrie', ar: 'سوريا' },
  '792': { en: 'Turkey', fr: 'Turquie', ar: 'تركيا' },
  '422': { en: 'Lebanon', fr: 'Liban', ar: 'لبنان' },
  '196': { en: 'Cyprus', fr: 'Chypre', ar: 'قبرص' },
  '368': { en: 'Iraq', fr: 'Irak', ar: 'العراق' },
  '400': { en: 'Jordan', fr: 'Jordanie', ar: 'الأردن' },
};
