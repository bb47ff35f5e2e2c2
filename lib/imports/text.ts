/**
 * What dataset files spell many ways: ids made from names, dates in three formats, place
 * names in several transliterations.
 */
import 'server-only';
import { foldText } from '../domain/text';

/** A name as an id: folded, lower-case letters, digits and hyphens, 2–`max` characters. */
export function slug(name: string, max = 90): string {
  const s = foldText(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s.length >= 2 ? s : `x-${s || '0'}`;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/**
 * A day as YYYY-MM-DD from `2020-05-09`, `2020-05-09 00:00:00.000`, `09 May 2020`, `9 May 2020`
 * or `9-May-20` (a file re-saved in a spreadsheet: two-digit years from 97 are 19xx, the rest
 * 20xx, ACLED's coverage starting in 1997). Null when it is none of these or no real day.
 */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+Z?)?$/.exec(s);
  const named = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{2}|\d{4})$/.exec(s);
  if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else if (named) {
    const month = MONTHS[(named[2] ?? '').toLowerCase().slice(0, named[2]?.toLowerCase().startsWith('sept') ? 4 : 3)];
    if (!month) return null;
    const yy = Number(named[3]);
    y = (named[3] ?? '').length === 2 ? (yy >= 97 ? 1900 + yy : 2000 + yy) : yy;
    m = month;
    d = Number(named[1]);
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A place name reduced for matching across transliterations: folded, without the Arabic article
 * (al-, el-, an-, ar-, as-, ash-, at-, ad-, az-), apostrophes, hyphens and spaces, doubled
 * letters single, and words that say what kind of place it is (town, governorate, province…).
 * "Al-Nayrab", "an Nayrab" and "Nayrab" meet; so do "Ma'arrat" and "Maarrat", "Saraqib town" and
 * "Saraqib", "Idleb" and "Idleb Governorate" (the importer keeps a town and its governorate apart
 * by the row's precision).
 */
export function placeKey(name: string): string {
  return foldText(name)
    .replace(/['’`ʿʾ]/g, '')
    .replace(/\b(?:governorate|province|gouvernorat|muhafazat|town|village|city|camp|district)\b|\(.*?\)/g, ' ')
    .trim()
    .replace(/^(?:al|el|an|ar|as|ash|at|ad|az|ath)[-\s]+/, '')
    .replace(/[^a-z0-9]+/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A list in one field: `a; b; c` (ACLED) or `"a";"b"` (UCDP), trimmed, without empties or repeats. */
export function splitList(raw: string | undefined): string[] {
  if (!raw) return [];
  const parts = raw
    .split(';')
    .map((p) =>
      p
        .trim()
        .replace(/^"+|"+$/g, '')
        .trim(),
    )
    .filter(Boolean);
  return [...new Set(parts)];
}
