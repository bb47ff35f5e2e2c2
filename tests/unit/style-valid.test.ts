/**
 * The map's style, as the live map and the embed make it, is valid under the MapLibre style
 * specification in every palette and language: the browser does not validate it again on each
 * load (components/IncidentMap createMap, validateStyle: false for our own style).
 */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { startStyle } from '@/components/map-start';
import { places } from '@/geo/gazetteer';
import { placeFeature } from '@/lib/api/geojson';
import { TILE_SOURCE, tileLayers } from '@/components/map-layers';
import { PALETTES } from '@/geo/palette';
import { LANGS } from '@/lib/i18n/messages';
import { translator } from '@/lib/i18n/messages';

const messages = (style: StyleSpecification) => validateStyleMin(style).map((e) => e.message);

describe('the map style is valid under the style specification', () => {
  for (const palette of Object.keys(PALETTES) as (keyof typeof PALETTES)[])
    for (const lang of LANGS)
      it(`${palette}, ${lang}: the first frame, then with the basemap's later layers and the tiles' layers`, () => {
        const { style, later, firstOverlay } = startStyle(
          { lang, t: translator(lang), palette, styleUrl: null, incidents: undefined, places: undefined, initialCamera: null },
          'http://localhost:3000',
        );
        if (typeof style === 'string' || !later) throw new Error('the offline style is an object, split in two');
        expect(messages(style)).toEqual([]);
        expect(style.layers.some((l) => l.id === firstOverlay)).toBe(true);

        // as the map adds them once loaded: the basemap's detail below the overlay, the tiles' layers on top
        const layers: LayerSpecification[] = [...style.layers];
        for (const { layer, before } of later.layers)
          layers.splice(
            layers.findIndex((l) => l.id === (before ?? firstOverlay)),
            0,
            layer,
          );
        const whole: StyleSpecification = {
          ...style,
          sources: {
            ...style.sources,
            ...later.sources,
            [TILE_SOURCE]: { type: 'vector', tiles: ['http://localhost:3000/api/tiles/{z}/{x}/{y}.mvt'] },
          },
          layers: [...layers, ...tileLayers(PALETTES[palette])],
        };
        expect(messages(whole)).toEqual([]);
        expect(whole.layers.length).toBeGreaterThan(style.layers.length);
      });

  it('finds a broken layer (the check can fail)', () => {
    const { style } = startStyle(
      { lang: 'en', t: translator('en'), palette: 'light', styleUrl: null, incidents: undefined, places: undefined, initialCamera: null },
      'http://localhost:3000',
    );
    if (typeof style === 'string') throw new Error('the offline style is an object');
    const broken = { ...style, layers: [...style.layers, { id: 'x', type: 'circle', source: 'nowhere' } as LayerSpecification] };
    expect(messages(broken).join(' ')).toMatch(/nowhere/);
  });
});

describe('the first style holds the places back', () => {
  it('starts with an empty places source and hands the places to lay once the map has drawn (their names wait for the first incidents)', () => {
    const given = { type: 'FeatureCollection' as const, features: places.map(placeFeature) };
    const start = (withPlaces: boolean) =>
      startStyle(
        {
          lang: 'en',
          t: translator('en'),
          palette: 'light',
          styleUrl: null,
          incidents: undefined,
          places: withPlaces ? given : undefined,
          initialCamera: null,
        },
        'http://localhost:3000',
      );
    const { style, names } = start(true);
    if (typeof style === 'string') throw new Error('the offline style is an object');
    expect(style.sources.places).toEqual({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    expect(names?.features.map((f) => f.properties?.id)).toEqual(places.map((p) => p.id));
    expect(names?.features[0]?.properties).toHaveProperty('name_ar');
    expect(start(false).names).toBeNull();
  });
});
