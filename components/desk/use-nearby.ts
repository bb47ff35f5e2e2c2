'use client';
import { useEffect, useState } from 'react';
import type { PickedPlace } from '@/lib/desk/types';
import type { Incident } from '@/lib/domain/schema';

/** An incident near the one edited, as "already counted in" offers it. */
export interface Nearby {
  id: string;
  title: string;
  date: string;
  place: string;
  tolls: { claimant: string; perpetrators: string[]; casualties: Incident['claims'][number]['casualties'] }[];
}

/** Incidents within about 30 km and 10 days of this one: the choices for "already counted in". */
export function useNearby(place: PickedPlace | null, date: string, self: string): Nearby[] | null {
  const [nearby, setNearby] = useState<Nearby[] | null>(null);
  useEffect(() => {
    if (!place || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setNearby([]);
      return;
    }
    const day = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(day.getTime())) return;
    const shift = (n: number) => new Date(day.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const d = 0.3;
    const bbox = [place.lon - d, place.lat - d, place.lon + d, place.lat + d].map((x) => x.toFixed(4)).join(',');
    const ctl = new AbortController();
    setNearby(null);
    fetch(`/api/incidents?bbox=${bbox}&from=${shift(-10)}&to=${shift(10)}&limit=50`, { signal: ctl.signal })
      .then((r) => (r.ok ? r.json() : { features: [] }))
      .then(
        (body: {
          features: {
            id: string;
            properties: { title: { en: string; fr: string; ar?: string }; date: string; placeName: { en: string }; tolls: Nearby['tolls'] };
          }[];
        }) =>
          setNearby(
            body.features
              .filter((f) => f.id !== self)
              .map((f) => ({
                id: f.id,
                title: f.properties.title.en,
                date: f.properties.date,
                place: f.properties.placeName.en,
                tolls: f.properties.tolls,
              })),
          ),
        () => {},
      );
    return () => ctl.abort();
  }, [place, date, self]);
  return nearby;
}
