/**
 * Tiles, TileJSON and the histogram over real HTTP, on PGlite and on PostgreSQL, against the seed.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, inject, it } from 'vitest';
import type { Histogram } from '@/lib/db/histogram';

const servers = inject('servers');

// the tile of Idlib province at zoom 6 and at zoom 12 (Saraqib and Al-Nayrab are in it)
const Z6 = '6/38/25';

describe.each(servers)('tiles and histogram on $name', ({ url }) => {
  it('gives TileJSON whose tile URL carries the filters and the store version, and a tile that decodes to the seed', async () => {
    const res = await fetch(`${url}/api/tiles.json?type=battles,explosions-remote-violence&from=2020-02-01`);
    expect(res.status).toBe(200);
    const tj = await res.json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toEqual(['clusters', 'incidents']);
    const template = new URL(tj.tiles[0].replace('{z}/{x}/{y}', '0/0/0'));
    expect(template.pathname).toBe('/api/tiles/0/0/0.mvt');
    expect(template.searchParams.get('type')).toBe('battles,explosions-remote-violence');
    expect(template.searchParams.get('from')).toBe('2020-02-01');
    const version = template.searchParams.get('v');
    expect(version).toMatch(/^\d+$/);

    const tile = await fetch(`${url}/api/tiles/${Z6}.mvt?v=${version}`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    // a URL that names the current version is cached for good
    expect(tile.headers.get('cache-control')).toContain('immutable');
    const vt = new VectorTile(new PbfReader(new Uint8Array(await tile.arrayBuffer())));
    // so few that the tile holds them one by one, and the groups they make (as the browser draws a small set)
    const { clusters, incidents } = vt.layers;
    let count = incidents?.length ?? 0;
    for (let i = 0; clusters && i < clusters.length; i++) count += Number(clusters.feature(i).properties.count);
    expect(count).toBe(6);
    // the same tile again comes from memory
    expect((await fetch(`${url}/api/tiles/${Z6}.mvt?v=${version}`)).headers.get('x-render-cache')).toBe('hit');
  });

  it('draws single incidents zoomed in, with their id, type and toll', async () => {
    // zoom 12 around Al-Nayrab (36.719 E, 35.870 N), where most of the seed's incidents are
    const x = Math.floor(((36.7187 + 180) / 360) * 4096);
    const y = Math.floor(((1 - Math.log(Math.tan(Math.PI / 4 + (35.8696 * Math.PI) / 360)) / Math.PI) / 2) * 4096);
    const res = await fetch(`${url}/api/tiles/12/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).not.toContain('immutable');
    const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    const layer = vt.layers.incidents;
    if (!layer) throw new Error('no incidents layer');
    const props = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
    expect(props.length).toBeGreaterThan(0);
    for (const p of props) {
      expect(String(p.id)).toMatch(/^idlib-2020-02-20-/);
      expect(typeof p.eventType).toBe('string');
      expect(p.date).toBe('2020-02-20');
    }
  });

  it('answers a tile with nothing in it, far from every incident and for a period with none, with an empty tile', async () => {
    for (const path of ['10/100/100.mvt', `${Z6}.mvt?from=2020-02-13&to=2020-02-13`]) {
      const res = await fetch(`${url}/api/tiles/${path}`);
      expect(res.status, path).toBe(200);
      const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
      expect(Object.values(vt.layers).reduce((n, l) => n + l.length, 0)).toBe(0);
    }
  });

  it('refuses malformed tiles and list-only parameters with a problem', async () => {
    for (const bad of [
      '/api/tiles/17/0/0.mvt',
      '/api/tiles/2/4/0.mvt',
      '/api/tiles/2/0/0.png',
      '/api/tiles/a/0/0.mvt',
      `/api/tiles/${Z6}.mvt?bbox=1,2,3,4`,
      `/api/tiles/${Z6}.mvt?type=nope`,
    ]) {
      const res = await fetch(`${url}${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('counts the seed by day, week and month, with its deaths, and refuses an unknown bin', async () => {
    for (const bin of ['day', 'week', 'month']) {
      const res = await fetch(`${url}/api/histogram?bin=${bin}`);
      expect(res.status).toBe(200);
      const h = (await res.json()) as Histogram;
      expect(h.total).toBe(6);
      expect(h.bins).toHaveLength(1);
      expect(h.bins[0]?.start).toBe({ day: '2020-02-20', week: '2020-02-17', month: '2020-02-01' }[bin]);
      expect(h.bins[0]?.killed).not.toBeNull();
    }
    const filtered = (await (await fetch(`${url}/api/histogram?bin=day&place=qminas`)).json()) as Histogram;
    expect(filtered.total).toBe(1);
    for (const bad of ['bin=year', 'bin=day&bin=week', 'bin=day&limit=5', 'from=2020-03-01&to=2020-01-01']) {
      expect((await fetch(`${url}/api/histogram?${bad}`)).status, bad).toBe(400);
    }
  });
});
