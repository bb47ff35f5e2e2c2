'use client';

import distance from '@turf/distance';
import * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { LABEL_FONT } from '@/geo/basemap-style';
import { PALETTES } from '@/geo/palette';
import type { PickedPlace } from '@/lib/desk/types';
import type { Lang } from '@/lib/i18n/messages';
import type { FormText } from '@/lib/i18n/incident-form';
import { createSmallMap } from './small-map';

interface PlaceFeature {
  id: string;
  geometry: { coordinates: [number, number] };
  properties: Omit<PickedPlace, 'lat' | 'lon'>;
}
const picked = (f: PlaceFeature): PickedPlace => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });

async function placesIn(bbox: [number, number, number, number], limit: number): Promise<PickedPlace[]> {
  const res = await fetch(`/api/places?bbox=${bbox.map((x) => x.toFixed(5)).join(',')}&limit=${limit}`);
  if (!res.ok) throw new Error(`places: ${res.status}`);
  return ((await res.json()) as { features: PlaceFeature[] }).features.map(picked);
}

/** The place nearest to a point, within about 10 km (a click or a dragged marker); null when none is near. */
async function nearestPlace(lon: number, lat: number): Promise<PickedPlace | null> {
  const d = 0.1;
  const near = await placesIn([lon - d, lat - d, lon + d, lat + d], 200);
  let best: PickedPlace | null = null;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const p of near) {
    const km = distance([lon, lat], [p.lon, p.lat]);
    if (km < bestKm) {
      best = p;
      bestKm = km;
    }
  }
  return best;
}

/**
 * The incident's place: found by any of its names (a combobox over GET /api/places?q=), or on a
 * small map (a click chooses the nearest place, the marker can be dragged to another). An
 * incident is located at a place of the gazetteer; a new place is made with its own editor.
 */
export function PlacePicker({
  lang,
  t,
  value,
  onChange,
  error,
  inputId,
}: {
  lang: Lang;
  t: FormText;
  value: PickedPlace | null;
  onChange: (p: PickedPlace) => void;
  error?: string;
  inputId: string;
}) {
  const listId = useId();
  const hintId = useId();
  const errorId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PickedPlace[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [mapNote, setMapNote] = useState<string | null>(null);
  const mapBox = useRef<HTMLElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  const chosen = useRef(value);
  chosen.current = value;
  const name = useCallback((p: PickedPlace) => p.name[lang] || p.name.en, [lang]);

  // the search, a moment after typing stops
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(async () => {
      setSearching(true);
      try {
        const res = await fetch(`/api/places?q=${encodeURIComponent(q)}&limit=8`, { signal: ctl.signal });
        const body = (await res.json()) as { features?: PlaceFeature[] };
        setResults((body.features ?? []).map(picked));
        setActive(0);
        setOpen(true);
      } catch {
        // aborted by the next keystroke, or offline: the list stays as it was
      } finally {
        setSearching(false);
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query]);

  const choose = (p: PickedPlace) => {
    change.current(p);
    setQuery('');
    setResults(null);
    setOpen(false);
    setMapNote(null);
  };

  // the map, made once
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once; the chosen place is followed by the effect below
  useEffect(() => {
    if (!mapBox.current) return;
    let m: maplibregl.Map;
    try {
      const box = mapBox.current;
      m = createSmallMap(box, {
        lang,
        center: value ? [value.lon, value.lat] : null,
        zoom: 10,
        // the places around, with their names: the one to click is seen
        extend: (style) => {
          style.sources.places = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
          style.layers.push(
            {
              id: 'picker-places',
              type: 'circle',
              source: 'places',
              paint: {
                'circle-radius': 4,
                'circle-color': PALETTES.light.placeDot,
                'circle-stroke-color': '#ffffff',
                'circle-stroke-width': 1,
              },
            },
            {
              id: 'picker-place-labels',
              type: 'symbol',
              source: 'places',
              layout: {
                'text-field': ['get', 'label'],
                'text-font': [LABEL_FONT],
                'text-size': 12,
                'text-anchor': 'top',
                'text-offset': [0, 0.5],
                'text-optional': true,
              },
              paint: { 'text-color': PALETTES.light.placeLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
            },
          );
        },
      });
    } catch {
      setMapNote('no-map');
      return;
    }
    map.current = m;
    const refresh = async () => {
      const b = m.getBounds();
      try {
        const ps = await placesIn([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], 500);
        const source = m.getSource('places') as maplibregl.GeoJSONSource | undefined;
        source?.setData({
          type: 'FeatureCollection',
          features: ps.map((p) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
            properties: { id: p.id, label: name(p) },
          })),
        });
      } catch {
        // the dots are a help; the search still works
      }
    };
    m.on('load', refresh);
    m.on('moveend', refresh);
    const pickAt = async (lon: number, lat: number) => {
      const p = await nearestPlace(lon, lat).catch(() => null);
      if (p) choose(p);
      else {
        setMapNote('none-near');
        const was = chosen.current;
        if (marker.current && was) marker.current.setLngLat([was.lon, was.lat]);
      }
    };
    m.on('click', (e) => pickAt(e.lngLat.lng, e.lngLat.lat));
    const mk = new maplibregl.Marker({ draggable: true, color: PALETTES.light.types['explosions-remote-violence'] });
    mk.on('dragend', () => {
      const at = mk.getLngLat();
      pickAt(at.lng, at.lat);
    });
    marker.current = mk;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  // the marker follows the chosen place, and the map keeps it in view
  useEffect(() => {
    const m = map.current;
    const mk = marker.current;
    if (!m || !mk) return;
    if (!value) {
      mk.remove();
      return;
    }
    mk.setLngLat([value.lon, value.lat]).addTo(m);
    mk.getElement().setAttribute('aria-label', t('placeChosen', { name: name(value) }));
    // the place and its neighbours in view: close enough to tell it from the next village
    if (!m.getBounds().contains([value.lon, value.lat]) || m.getZoom() < 9.5)
      m.easeTo({ center: [value.lon, value.lat], zoom: Math.max(m.getZoom(), 10) });
  }, [value, t, name]);

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (!results || results.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const p = results[active];
      if (p) choose(p);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const others = (p: PickedPlace) => [p.name.en, p.name.fr, p.name.ar].filter((n, i, all) => n !== name(p) && all.indexOf(n) === i);

  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium">
        {t('placeSearch')}
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        {t('placeSearchHint')}
      </p>
      <div className="relative mt-1">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-expanded={open && !!results && results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && results?.[active] ? `${listId}-${active}` : undefined}
          aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
          aria-invalid={error ? true : undefined}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onFocus={() => results && setOpen(true)}
          className="w-full rounded border border-slate-500 px-2 py-1.5"
          data-testid="place-search"
        />
        {open && results && results.length > 0 && (
          <div
            id={listId}
            role="listbox"
            className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded border border-slate-400 bg-white shadow"
          >
            {results.map((p, i) => (
              <div
                key={p.id}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={`cursor-pointer px-2 py-1 text-sm ${i === active ? 'bg-blue-100' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(p);
                }}
              >
                <span className="font-medium">{name(p)}</span>{' '}
                <span className="text-slate-600">
                  {others(p).map((n) => (
                    <bdi key={n}>{n} · </bdi>
                  ))}
                  {p.admin1}
                </span>
              </div>
            ))}
          </div>
        )}
      </div>
      <p className="mt-1 text-sm" role="status" aria-live="polite">
        {searching ? t('placeSearching') : results && results.length === 0 ? t('placeNone') : ''}
      </p>
      <p className="mt-1 text-sm" data-testid="place-chosen">
        {value ? (
          <>
            {t('placeChosen', { name: name(value) })} <span className="text-slate-600">({others(value).join(' · ')})</span>
          </>
        ) : (
          t('placeNotChosen')
        )}
      </p>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-800" data-problem-for={inputId}>
          {error}
        </p>
      )}
      <section
        ref={mapBox}
        aria-label={t('placeMapLabel')}
        className="mt-2 h-72 w-full overflow-hidden rounded border border-slate-300"
        data-testid="place-map"
      />
      {mapNote === 'none-near' && (
        <p className="mt-1 text-sm text-amber-900" role="status">
          {t('placeNone')}
        </p>
      )}
    </div>
  );
}
