'use client';
/**
 * What the dashboard reads for a view: the incidents (held whole when the set is small; when it is
 * large, the page in the viewport, the map's tiles and the whole toll by bins), the places in view,
 * the open place, the vocabularies, an incident asked for that the filters hide; and what follows
 * from them for the list, the toll and the legend.
 */
import { useCallback, useMemo } from 'react';
import type { Feature, IncidentBriefProps, IncidentProps } from '@/lib/incident/geojson';
import { sumIncidents } from '@/lib/domain/casualties';
import { EVENT_TYPE_IDS, type EventType } from '@/lib/domain/taxonomy';
import {
  useCatalogue,
  useHistogram,
  useIncident,
  useIncidentPage,
  useIncidents,
  usePlace,
  usePlaces,
  useSyriaOutline,
  useTiles,
} from '@/lib/hooks';
import { compareText } from '@/lib/format';
import type { Lang } from '@/lib/i18n/messages';
import { textIn } from '@/lib/i18n/text';
import { histogramQuery, incidentsQuery, placesQuery, tilesQuery, viewportQuery, type ViewState } from '@/lib/state';
import type { BBox } from './IncidentMap';
import { ALL_MARKS, marksOf } from './Legend';

export function inBox([lon, lat]: [number, number], [w, s, e, n]: BBox): boolean {
  return lon >= w && lon <= e && lat >= s && lat <= n;
}

const byDateThenTitle = (lang: Lang) => {
  const compare = compareText(lang);
  // ISO dates sort as plain strings, newest first; titles as the reader's language sorts them
  return (a: Feature<IncidentBriefProps>, b: Feature<IncidentBriefProps>) =>
    (a.properties.date < b.properties.date ? 1 : a.properties.date > b.properties.date ? -1 : 0) ||
    compare(textIn(a.properties.title, lang), textIn(b.properties.title, lang));
};

/** The dashboard's data for a view state and the map's bounds (null until the map reports them). */
export function useDashboardData(state: ViewState, bounds: BBox | null, smallSet: number) {
  const lang = state.lang;
  const incidents = useIncidents(incidentsQuery(state), smallSet);
  const places = usePlaces(bounds ? placesQuery(bounds) : null);
  const outline = useSyriaOutline();
  // the open place (the same request as its panel's): where the map rings and centres it
  const openPlace = usePlace(state.place);
  const focusPlace = useMemo(() => {
    const f = openPlace.data;
    return f && state.place === f.properties.id ? { id: f.properties.id, at: f.geometry.coordinates as [number, number] } : null;
  }, [openPlace.data, state.place]);
  const catalogue = useCatalogue();
  // too many to send: the map draws vector tiles, the list pages those in view, the toll is the filters' whole
  const large = incidents.data ? !incidents.data.complete : false;
  // asked for at once, beside the first page (small and cheap): a large set's map then waits for no round trip more
  const tiles = useTiles(tilesQuery(state));
  const page = useIncidentPage(large && bounds ? viewportQuery(state, bounds) : null);
  const wholeToll = useHistogram(large ? histogramQuery(state) : null);

  const features = useMemo(
    () => (large ? (page.data?.features ?? []) : (incidents.data?.features ?? [])),
    [large, page.data, incidents.data],
  );
  const inView = useMemo(
    () => (bounds && !large ? features.filter((f) => inBox(f.geometry.coordinates, bounds)) : [...features]).sort(byDateThenTitle(lang)),
    [features, bounds, lang, large],
  );
  const viewToll = useMemo(() => {
    if (!large) {
      // a small set is held whole, with each claim's toll lines: summed here, each victim once
      const held: Feature<IncidentProps>[] = incidents.data?.features ?? [];
      const shown = bounds ? held.filter((f) => inBox(f.geometry.coordinates, bounds)) : held;
      return sumIncidents(shown.map((f) => ({ id: f.id, claims: f.properties.tolls })));
    }
    const bins = wholeToll.data?.bins.filter((b) => b.killed) ?? [];
    return {
      killed: bins.length
        ? bins.reduce((s, b) => ({ low: s.low + (b.killed?.low ?? 0), high: s.high + (b.killed?.high ?? 0) }), { low: 0, high: 0 })
        : null,
      wounded: null,
    };
  }, [large, incidents.data, bounds, wholeToll.data]);
  // the legend lists what the map shows: the kinds and marks of the incidents in view (drawn from tiles, all it may show)
  const typesShown = useMemo(
    () =>
      large
        ? state.types.length
          ? state.types
          : EVENT_TYPE_IDS
        : ([...new Set(inView.map((f) => f.properties.eventType))].sort() as EventType[]),
    [large, state.types, inView],
  );
  const marksShown = useMemo(() => (large ? ALL_MARKS : marksOf(inView)), [large, inView]);
  const selectedMissing = Boolean(state.incident && incidents.data && !features.some((f) => f.id === state.incident));
  // not among the filtered incidents: either the filters hide it or it does not exist — ask, and say which
  // (with tiles, an incident clicked on the map is rarely in the page of the list: its details come from here)
  const missing = useIncident(selectedMissing ? state.incident : null);
  const mapIncidents = useMemo(() => {
    const fc = large ? page.data : incidents.data;
    if (!fc) return undefined;
    if (!large || !missing.data || fc.features.some((f) => f.id === missing.data?.id)) return fc;
    return { ...fc, features: [...fc.features, missing.data] };
  }, [large, page.data, incidents.data, missing.data]);
  const titleOf = useCallback(
    (id: string) => {
      const f = (mapIncidents?.features ?? features).find((x) => x.id === id);
      return f ? textIn(f.properties.title, lang) : undefined;
    },
    [mapIncidents, features, lang],
  );
  const sourceName = useCallback(
    (id: string) => {
      const s = catalogue.data?.sources.find((x) => x.id === id);
      return s ? textIn(s.name, lang) : id;
    },
    [catalogue.data, lang],
  );

  return {
    incidents,
    places,
    outline,
    openPlace,
    focusPlace,
    catalogue,
    large,
    tiles,
    page,
    wholeToll,
    features,
    inView,
    viewToll,
    typesShown,
    marksShown,
    missing,
    selectedMissing,
    mapIncidents,
    titleOf,
    sourceName,
  };
}
