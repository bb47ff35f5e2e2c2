import { z } from 'zod';
import { placeSchema, type Place } from '../lib/domain/schema';
import { foldText } from '../lib/domain/text';
import raw from './places-idlib.json';

/**
 * Reference places (GeoNames ids, checked coordinates), kept in the repo as
 * geo/places-idlib.json. Names are ambiguous: two villages are called Al-Nayrab, so a name
 * lookup returns every match and the caller chooses by id.
 */
export const places: readonly Place[] = z.array(placeSchema).parse(raw);

const byId = new Map(places.map((p) => [p.id, p]));

export function placeById(id: string): Place | undefined {
  return byId.get(id);
}

/** Every place whose name (any language) or alias matches, accents and case folded. */
export function findPlacesByName(name: string): Place[] {
  const q = foldText(name);
  return places.filter((p) => [p.name.en, p.name.fr, p.name.ar, ...p.aliases].some((n) => foldText(n) === q));
}
