/** Shapes the incident editor's pages and components share. */
import type { Place } from '../domain/schema';

/** A source or an actor to choose from: its id and its names. */
export interface Named {
  id: string;
  name: { en: string; fr: string };
}

/** A place as the place picker shows it. */
export type PickedPlace = Pick<Place, 'id' | 'name' | 'lat' | 'lon' | 'admin1' | 'kind'>;
