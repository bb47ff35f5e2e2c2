'use client';
/**
 * The map's owner: it makes the MapLibre map once (or adopts the one the embed started before
 * hydrating) and hands it to its children, one for each thing kept in step with the page (sources,
 * tiles, names, the open place, areas, popups: IncidentMapLayers, IncidentMapPopups), in the manner
 * of react-maplibre. Clicks and the pointer: map-interactions.
 */
import type * as maplibregl from 'maplibre-gl';
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PaletteName } from '@/geo/palette';
import type { Located } from '@/geo/precision';
import { FocusedPlace, IncidentAreas, MapData, MapLanguage, type SentData, TileLayers } from './IncidentMapLayers';
import { PointChooser, SelectedIncident } from './IncidentMapPopups';
import { createMap, earlyMaps, groupedOn, sameStart } from './map-create';
import { bindInteractions, type Chooser } from './map-interactions';
import { SOURCES } from './map-layers';
import { type BBox, type Camera, type MapStart, overlayOf } from './map-start';

export type { BBox, Camera, MapStart } from './map-start';

interface Props extends Omit<MapStart, 'palette'> {
  /** 'auto': the reader's setting (prefers-color-scheme), read when the map is made and followed when it changes */
  palette?: PaletteName | 'auto';
  selectedIncident: string | null;
  /** what stands in the map's place, under the note, when the browser cannot draw it (the embed: its still image) */
  unavailable?: ReactNode;
  onSelectIncident(id: string | null): void;
  onSelectPlace(id: string): void;
  onBoundsChange(b: BBox, camera: Camera): void;
  /** the place whose panel is open: ringed, and brought to the middle of the map when it opens */
  focusPlace?: { id: string; at: [number, number] } | null;
  /** the popup's content for an incident, rendered by React into the popup */
  renderIncident(id: string): ReactNode;
  /**
   * A vector tile URL template (from /api/tiles.json): when set, the map draws the tiles and not
   * `incidents`, which then only serve the selected incident's popup.
   */
  tiles?: string | null;
  /** a source's name, for the chooser of incidents at one point (who reports each) */
  sourceName?: (id: string) => string;
}

const DARK_SCHEME = '(prefers-color-scheme: dark)';

const EMPTY_HTML = { __html: '' };

export default function IncidentMap(props: Props) {
  const { lang, t, palette: asked = 'light', styleUrl, incidents, places, selectedIncident } = props;
  // the reader's setting, read at once in the browser (not from a hook, whose first answer is the
  // server's "light": the map would be made twice); a change of it later makes the map again
  const [schemeChanged, setSchemeChanged] = useState(0);
  useEffect(() => {
    if (asked !== 'auto') return;
    const mq = window.matchMedia(DARK_SCHEME);
    const changed = () => setSchemeChanged((n) => n + 1);
    mq.addEventListener('change', changed);
    return () => mq.removeEventListener('change', changed);
  }, [asked]);
  const [palette, setPalette] = useState<PaletteName>(asked === 'auto' ? 'light' : asked);
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  // the data the map's sources hold
  const sent = useRef<SentData>({});
  const [chooser, setChooser] = useState<Chooser>(null);
  // the incident (or province group) under the pointer: its area is drawn while it is there
  const [hovered, setHovered] = useState<Located | null>(null);
  // the map could not be made (no WebGL): said in its place, with the open incident's details there
  const [failed, setFailed] = useState(false);
  // the latest callbacks, read by listeners bound once
  const cb = useRef(props);
  cb.current = props;

  // create the map once; everything later updates it in place. A layout effect: the map starts
  // right after the first render (hydration), not a frame later
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once from the first props; every later change goes through the map's own setters below
  useLayoutEffect(() => {
    if (!container.current) return;
    const { incidents: firstIncidents, places: firstPlaces, lang: firstLang } = cb.current;
    const drawn: PaletteName = asked === 'auto' ? (window.matchMedia(DARK_SCHEME).matches ? 'dark' : 'light') : asked;
    setPalette(drawn);
    const options: MapStart = {
      lang: firstLang,
      t,
      palette: drawn,
      styleUrl,
      geography: props.geography,
      workerUrl: props.workerUrl,
      incidents: firstIncidents,
      places: firstPlaces,
      highlighted: props.highlighted,
      initialCamera: props.initialCamera,
      initialBounds: props.initialBounds,
      cooperative: props.cooperative,
    };
    // a map the page started before hydrating (the embed) is adopted when it was made from the same
    // data; otherwise, or without one, the map is made here
    const early = earlyMaps.get(container.current);
    earlyMaps.delete(container.current);
    const adopt = !!early && sameStart(early.options, options);
    if (early && !adopt) early.map.remove();
    let m: maplibregl.Map;
    try {
      m = adopt && early ? early.map : createMap(container.current, options);
    } catch (error) {
      // MapLibre throws when the browser gives it no WebGL context (GPUInitializationError)
      console.warn('map: cannot be drawn in this browser', error);
      setFailed(true);
      return;
    }
    sent.current = {
      incidents: firstIncidents,
      places: firstPlaces,
      lang: firstLang,
      highlighted: props.highlighted,
      zoom: groupedOn.get(m)?.zoom,
    };

    const reportView = () => {
      const c = m.getCenter();
      cb.current.onBoundsChange(m.getBounds().toArray().flat() as BBox, { zoom: m.getZoom(), lat: c.lat, lon: c.lng });
    };
    const onLoad = () => {
      if (!m.getSource(SOURCES.incidents)) {
        const { sources, layers } = overlayOf(options, m.getZoom());
        for (const [id, source] of Object.entries(sources)) m.addSource(id, source);
        for (const layer of layers) m.addLayer(layer);
      }
      setMap(m);
      reportView();
    };
    const unbind = bindInteractions(m, () => ({
      onSelectIncident: (id) => cb.current.onSelectIncident(id),
      onSelectPlace: (id) => cb.current.onSelectPlace(id),
      choose: setChooser,
      hover: setHovered,
    }));
    const onMoveEnd = () => reportView();

    m.on('load', onLoad);
    if (adopt && early?.loaded) onLoad();
    m.on('moveend', onMoveEnd);
    return () => {
      m.off('load', onLoad);
      m.off('moveend', onMoveEnd);
      unbind();
      m.remove();
      setMap(null);
    };
    // the map is created once per mount; language, data and selection update it in place below
  }, [styleUrl, asked, schemeChanged]);

  const tiles = props.tiles ?? null;
  const selectedFeature = incidents?.features.find((f) => f.id === selectedIncident) ?? null;
  const [selLon, selLat] = selectedFeature?.geometry.coordinates ?? [Number.NaN, Number.NaN];
  const selected = selectedFeature
    ? { id: String(selectedFeature.id), lon: selLon, lat: selLat, geoPrecision: selectedFeature.properties.geoPrecision }
    : null;

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: MapLibre owns this element's children; a <section> would change nothing for readers */}
      <div
        ref={container}
        className="h-full w-full"
        role="region"
        aria-label={t('mapLabel')}
        data-testid="map"
        data-map-ready={map ? 'true' : 'false'}
        // the map's own elements live in here: neither hydration nor a re-render may touch them
        // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant empty string, so React never manages MapLibre's children
        dangerouslySetInnerHTML={EMPTY_HTML}
      />
      {map && (
        <>
          <TileLayers map={map} tiles={tiles} palette={palette} />
          {/* with tiles, the incidents are not drawn from the data: it serves the popup */}
          <MapData
            map={map}
            sent={sent}
            incidents={tiles ? undefined : incidents}
            places={places}
            lang={lang}
            highlighted={props.highlighted}
          />
          <MapLanguage map={map} lang={lang} />
          <FocusedPlace map={map} place={props.focusPlace} incidentOpen={() => !!cb.current.selectedIncident} />
          <IncidentAreas map={map} selected={selected} hovered={hovered} />
          <SelectedIncident map={map} selected={selected} onClose={() => cb.current.onSelectIncident(null)}>
            {selected && props.renderIncident(selected.id)}
          </SelectedIncident>
          {chooser && (
            <PointChooser
              map={map}
              chooser={chooser}
              incidents={incidents}
              lang={lang}
              t={t}
              sourceName={props.sourceName ?? ((s) => s)}
              onChoose={(id) => {
                setChooser(null);
                cb.current.onSelectIncident(id);
              }}
              onClose={() => setChooser(null)}
            />
          )}
        </>
      )}
      {failed && (
        <div
          // dark classes for a page that draws dark itself (the embed); a page themed by app/dark.css inverts the light ones
          className={`absolute inset-0 z-[3] overflow-auto p-4 text-sm ${asked === 'dark' ? 'bg-slate-900 text-slate-100' : 'bg-slate-50 text-slate-900'}`}
        >
          <p role="alert" data-testid="map-unavailable" className="max-w-prose">
            {t('mapUnavailable')}
          </p>
          {selectedIncident && <div className="mt-3 max-w-md">{props.renderIncident(selectedIncident)}</div>}
          {!selectedIncident && props.unavailable}
        </div>
      )}
    </>
  );
}
