'use client';
/**
 * The map's popups: the selected incident's details, and the chooser of incidents that share one
 * point. Their content is React's, rendered into the popup through a portal.
 */
import * as maplibregl from 'maplibre-gl';
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { FeatureCollection, IncidentBriefProps } from '@/lib/incident/geojson';
import type { Lang, Translate } from '@/lib/i18n/messages';
import IncidentChoice from './IncidentChoice';
import { setFilter } from './map-create';
import type { Chooser } from './map-interactions';
import { TILE_LAYERS } from './map-tile-layers';

/** A container for a popup's React content; none on the server (the map only exists in a browser). */
const usePopupNode = () => useState(() => (typeof document === 'undefined' ? null : document.createElement('div')))[0];

/** The selected incident: highlighted, its details in a popup, brought into view once per selection. */
export function SelectedIncident({
  map,
  selected,
  onClose,
  children,
}: {
  map: maplibregl.Map;
  /** keyed on its id and position, so that refetched data (a new but equal object) does not move the map again */
  selected: { id: string; lon: number; lat: number } | null;
  onClose(): void;
  children: ReactNode;
}) {
  const node = usePopupNode();
  const popup = useRef<maplibregl.Popup | null>(null);
  const closingByCode = useRef(false);
  const close = useRef(onClose);
  close.current = onClose;
  const id = selected?.id ?? null;
  const lon = selected?.lon ?? Number.NaN;
  const lat = selected?.lat ?? Number.NaN;
  // a layout effect: the popup is in the page before its React content's effects run (focus moves into it)
  useLayoutEffect(() => {
    if (!node) return;
    for (const layer of ['incident-selected', 'incident-selected-province', TILE_LAYERS.selected])
      if (map.getLayer(layer)) setFilter(map, layer, ['==', ['get', 'id'], id ?? '']);
    if (!id) {
      closingByCode.current = true;
      popup.current?.remove();
      closingByCode.current = false;
      return;
    }
    let p = popup.current;
    if (!p) {
      p = new maplibregl.Popup({ closeOnClick: false, maxWidth: 'none', className: 'incident-popup', focusAfterOpen: false }).setDOMContent(
        node,
      );
      p.on('close', () => {
        if (!closingByCode.current) close.current();
      });
      popup.current = p;
    }
    const lngLat: [number, number] = [lon, lat];
    p.setLngLat(lngLat).addTo(map);
    // bring the point into the upper part of the map, so the popup below it has room
    const height = map.getContainer().clientHeight;
    map.easeTo({ center: lngLat, zoom: Math.max(map.getZoom(), 8), offset: [0, -height * 0.28] });
  }, [map, id, lon, lat, node]);
  useEffect(() => () => void popup.current?.remove(), []);
  return id && node ? createPortal(children, node) : null;
}

/** Incidents that share one point, listed to choose from: each says when, where, how many died and who reports it, newest first. */
export function PointChooser({
  map,
  chooser,
  incidents,
  lang,
  t,
  sourceName,
  onChoose,
  onClose,
}: {
  map: maplibregl.Map;
  chooser: NonNullable<Chooser>;
  incidents: FeatureCollection<IncidentBriefProps> | undefined;
  lang: Lang;
  t: Translate;
  sourceName: (id: string) => string;
  onChoose(id: string): void;
  onClose(): void;
}) {
  const node = usePopupNode();
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!node) return;
    const p = new maplibregl.Popup({ closeOnClick: true, maxWidth: '320px', className: 'incident-popup' })
      .setLngLat(chooser.lngLat)
      .setDOMContent(node)
      .addTo(map);
    p.on('close', () => close.current());
    return () => void p.remove();
  }, [map, chooser, node]);
  if (!node) return null;
  const choices = chooser.ids
    .map((id) => ({ id, p: incidents?.features.find((x) => x.id === id)?.properties }))
    .sort((a, b) => (b.p?.date ?? '').localeCompare(a.p?.date ?? '') || a.id.localeCompare(b.id));
  return createPortal(
    <div className="p-3" data-testid="incident-chooser">
      <p className="mb-2 text-sm font-semibold">{t('clusterOf', { n: chooser.ids.length })}</p>
      {/* within the map's height (a size container): the popup stands above or below the group, whole */}
      <ul className="max-h-[min(18rem,30cqh)] space-y-1 overflow-y-auto">
        {choices.map(({ id, p }) => (
          <li key={id}>
            <button
              type="button"
              className="w-full rounded px-2 py-1 text-start text-sm hover:bg-slate-100 focus:outline-2 focus:outline-blue-600"
              onClick={() => onChoose(id)}
            >
              {p ? <IncidentChoice p={p} lang={lang} t={t} sourceName={sourceName} /> : id}
            </button>
          </li>
        ))}
      </ul>
    </div>,
    node,
  );
}
