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
import { TILE_SOURCE, tileLayers } from '@/components/map-tile-layers';
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
          8,
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
      8,
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
        8,
      );
    const { style, names } = start(true);
    if (typeof style === 'string') throw new Error('the offline style is an object');
    expect(style.sources.places).toEqual({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    expect(names?.features.map((f) => f.properties?.id)).toEqual(places.map((p) => p.id));
    expect(names?.features[0]?.properties).toHaveProperty('name_ar');
    expect(start(false).names).toBeNull();
  });
});

describe('the first style draws the incidents as circles', () => {
  it('hides every incident symbol, hands their ids on to show, and puts circles on both incident sources under them', () => {
    const { style, symbols } = startStyle(
      { lang: 'en', t: translator('en'), palette: 'light', styleUrl: null, incidents: undefined, places: undefined, initialCamera: null },
      'http://localhost:3000',
      8,
    );
    if (typeof style === 'string' || !symbols) throw new Error('the offline style is an object, its symbols held back');
    const onIncidents = (l: LayerSpecification) => 'source' in l && (l.source === 'incidents' || l.source === 'province-incidents');
    const symbolLayers = style.layers.filter((l) => l.type === 'symbol' && onIncidents(l));
    expect(symbolLayers.map((l) => l.id).sort()).toEqual([...symbols.show].sort());
    expect(symbols.show).toEqual(expect.arrayContaining(['incidents', 'incident-clusters', 'province-incidents', 'province-groups']));
    for (const l of symbolLayers) expect(l.layout?.visibility, l.id).toBe('none');
    // the circles: on the two sources, every one listed to drop, all below the first symbol, one paint form
    const circles = style.layers.filter((l) => symbols.circles.includes(l.id));
    expect(circles.map((l) => l.id).sort()).toEqual([...symbols.circles].sort());
    expect(new Set(circles.map((l) => (l as { source: string }).source))).toEqual(new Set(['incidents', 'province-incidents']));
    const index = (id: string) => style.layers.findIndex((l) => l.id === id);
    const firstSymbol = Math.min(...symbols.show.map(index));
    for (const id of symbols.circles) expect(index(id), id).toBeLessThan(firstSymbol);
    for (const l of circles) {
      if (l.type !== 'circle') throw new Error(`${l.id} is not a circle layer`);
      const dataDriven = Object.entries(l.paint ?? {})
        .filter(([, v]) => Array.isArray(v))
        .map(([k]) => k)
        .sort();
      expect(dataDriven, l.id).toEqual(['circle-color', 'circle-radius', 'circle-stroke-color']);
    }
  });

  it('leaves a production style as it is: nothing held back', () => {
    const { symbols } = startStyle(
      {
        lang: 'en',
        t: translator('en'),
        palette: 'light',
        styleUrl: 'https://example.org/style.json',
        incidents: undefined,
        places: undefined,
        initialCamera: null,
      },
      'http://localhost:3000',
      8,
    );
    expect(symbols).toBeNull();
  });
});
