/**
 * Data out: CSV and GeoJSON of exactly what the filters show, and OGC API – Features read by
 * real clients (GDAL's ogrinfo and ogr2ogr), on PGlite and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import type { Claim } from '@/lib/domain/schema';
import { CSV_COLUMNS } from '@/lib/exports/incidents';

const servers = inject('servers');
const gdal = (cmd: 'ogrinfo' | 'ogr2ogr', args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });

describe.each(servers)('exports on $name', ({ url }) => {
  it('gives the filtered incidents as CSV with ACLED’s columns first and the claims after, named for its filters', async () => {
    const res = await fetch(`${url}/api/incidents.csv?type=battles&from=2020-02-20&limit=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="incidents_from-2020-02-20_battles_as-of-${today}.csv"`);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    // every battle, whatever the page size the API would use
    expect(rows.map((r) => r.event_id_cnty).sort()).toEqual([
      'idlib-2020-02-20-day-toll',
      'idlib-2020-02-20-nayrab-attack',
      'idlib-2020-02-20-qminas-attack',
    ]);
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const day = rows.find((r) => r.event_id_cnty === 'idlib-2020-02-20-day-toll');
    expect(day).toMatchObject({
      event_type: 'Battles',
      sub_event_type: 'Armed clash',
      event_date: '2020-02-20',
      time_precision: '1',
      geo_precision: '3',
      fatalities: '27',
      killed_low: '27',
      killed_high: '27',
      contested: 'attribution',
      claim_count: '3',
    });
    const claims = JSON.parse(day?.claims_json ?? '[]') as Claim[];
    expect(claims.map((c) => c.claimant).sort()).toEqual(['russian-mod', 'sohr', 'turkish-armed-forces']);
  });

  it('gives the filtered incidents as one GeoJSON FeatureCollection with every claim', async () => {
    const res = await fetch(`${url}/api/incidents.geojson?place=nayrab-idlib`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = (await res.json()) as { type: string; features: { id: string; properties: { claims: Claim[] } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id).sort()).toEqual(['idlib-2020-02-20-nayrab-attack', 'idlib-2020-02-20-su24-strikes']);
    expect(fc.features.every((f) => f.properties.claims.length > 0)).toBe(true);
  });

  it('refuses bad filters on an export as on the list', async () => {
    const res = await fetch(`${url}/api/incidents.csv?from=0000-01-01`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe.each(servers)('OGC API – Features on $name', ({ url }) => {
  const ogc = `${url}/ogc`;

  it('answers the landing page, conformance, collections and the API definition', async () => {
    const landing = (await (await fetch(`${ogc}/`)).json()) as { links: { rel: string; href: string }[] };
    expect(landing.links.map((l) => l.rel).sort()).toEqual(['conformance', 'data', 'self', 'service-desc']);
    const conformance = (await (await fetch(`${ogc}/conformance`)).json()) as { conformsTo: string[] };
    expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    const collections = (await (await fetch(`${ogc}/collections`)).json()) as {
      collections: { id: string; extent: { spatial: { bbox: number[][] } } }[];
    };
    expect(collections.collections.map((c) => c.id)).toEqual(['incidents', 'places']);
    const api = await fetch(`${ogc}/api`);
    expect(api.headers.get('content-type')).toContain('application/vnd.oai.openapi+json');
    expect(((await api.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/collections/{collectionId}/items');
  });

  it('pages items with next links, filters by bbox and datetime, and refuses what it does not offer', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${ogc}/collections/incidents/items?limit=4`;
    while (next) {
      const page = (await (await fetch(next)).json()) as {
        features: { id: string }[];
        numberReturned: number;
        links: { rel: string; href: string }[];
      };
      expect(page.numberReturned).toBe(page.features.length);
      seen.push(...page.features.map((f) => f.id));
      next = page.links.find((l) => l.rel === 'next')?.href;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const boxed = (await (await fetch(`${ogc}/collections/incidents/items?bbox=36.66,35.87,36.69,35.90`)).json()) as {
      features: { id: string }[];
    };
    expect(boxed.features.map((f) => f.id)).toEqual(['idlib-2020-02-20-qminas-attack']);
    const later = (await (await fetch(`${ogc}/collections/incidents/items?datetime=2020-02-21T00:00:00Z/..`)).json()) as {
      features: unknown[];
    };
    expect(later.features).toHaveLength(0);
    const on = (await (await fetch(`${ogc}/collections/incidents/items?datetime=2020-02-20`)).json()) as { features: unknown[] };
    expect(on.features).toHaveLength(6);
    for (const q of ['bbox=1,2,3', 'datetime=yesterday', 'limit=0', 'limit=0x10', 'color=red', 'bbox-crs=EPSG:3857']) {
      const res = await fetch(`${ogc}/collections/incidents/items?${q}`);
      expect(res.status, q).toBe(400);
    }
    expect((await fetch(`${ogc}/collections/nothing/items`)).status).toBe(404);
    expect((await fetch(`${ogc}/collections/incidents/items/no-such-incident`)).status).toBe(404);
    const one = (await (await fetch(`${ogc}/collections/places/items/qminas`)).json()) as { properties: { name_ar: string } };
    expect(one.properties.name_ar).toBe('قميناس');
  });

  it('is read by GDAL: ogrinfo lists the collections, counts the incidents and filters by box; ogr2ogr makes a GeoPackage', () => {
    const source = `OAPIF:${ogc}`;
    const layers = gdal('ogrinfo', ['-ro', source]);
    expect(layers).toMatch(/1: incidents \(title: Incidents\) \(Point\)/);
    expect(layers).toMatch(/2: places \(title: Places\) \(Point\)/);
    // a page size of two: GDAL follows our next links to count them all
    expect(gdal('ogrinfo', ['-ro', '-so', '-oo', 'PAGE_SIZE=2', source, 'incidents'])).toMatch(/Feature Count: 6/);
    const boxed = gdal('ogrinfo', ['-ro', '-q', '-al', '-spat', '36.66', '35.87', '36.69', '35.90', source, 'incidents']);
    expect(boxed).toContain('title_en (String) = Attacks on government positions around Qaminas');
    expect(boxed.match(/OGRFeature\(incidents\)/g)).toHaveLength(1);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ogc-')), 'map.gpkg');
    gdal('ogr2ogr', ['-f', 'GPKG', out, source, 'incidents', 'places']);
    expect(gdal('ogrinfo', ['-ro', '-so', out, 'incidents'])).toMatch(/Feature Count: 6/);
    expect(gdal('ogrinfo', ['-ro', '-so', out, 'places'])).toMatch(/Feature Count: 24/);
    const killed = gdal('ogrinfo', ['-ro', '-q', '-al', '-where', "id = 'idlib-2020-02-20-day-toll'", out, 'incidents']);
    expect(killed).toContain('killed_high (Integer) = 27');
  });
});
