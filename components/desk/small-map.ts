/**
 * The desk's small maps (the incident's place picker, a place's position): the offline basemap in
 * the light palette, zoom buttons, the credits folded behind their (i) button (unfolded they cover
 * a small map's foot), the map reachable from its element for tests, `data-map-ready` once loaded.
 * Throws where the browser cannot draw a map (no WebGL): the caller says so.
 */
import * as maplibregl from 'maplibre-gl';
import { basemapStyle } from '@/geo/basemap-style';
import { WIDE_BBOX } from '@/geo/region';
import type { Lang } from '@/lib/i18n/messages';
import { MAPLIBRE_WORKER_PATH } from '../map-create';

export function createSmallMap(
  container: HTMLElement,
  o: {
    lang: Lang;
    center: [number, number] | null;
    zoom: number;
    maxZoom?: number;
    extend?: (style: maplibregl.StyleSpecification) => void;
  },
): maplibregl.Map {
  maplibregl.setWorkerUrl(new URL(MAPLIBRE_WORKER_PATH, window.location.origin).href);
  const style = basemapStyle({ palette: 'light', lang: o.lang, origin: window.location.origin });
  o.extend?.(style);
  const m = new maplibregl.Map({
    container,
    style,
    center: o.center ?? [36.72, 35.87],
    zoom: o.center ? o.zoom : 8,
    minZoom: 4,
    maxZoom: o.maxZoom ?? 14,
    maxBounds: WIDE_BBOX,
    // our own style, checked against the specification by tests/unit/style-valid.test.ts
    validateStyle: false,
    attributionControl: { compact: true },
  });
  Object.defineProperty(container, 'maplibreMap', { value: m, configurable: true });
  m.on('load', () => container.setAttribute('data-map-ready', 'true'));
  m.once('idle', () => container.querySelector('.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show'));
  m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  return m;
}
