/**
 * Places, sources and actors written over real HTTP, on PGlite and on PostgreSQL, each engine
 * with a server and a store of its own (a new place would change the shared servers' counts):
 * the whole record validated, 201 then 200, each change in the record's history with who made it,
 * a place with incidents keeping its position (409), new places and sources usable at once by
 * an incident and found by the place search.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, requirePostgres } from '../pg';
import { type RunningServer, startServer } from '../server';

const TOKEN = 'records-api-token';
const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

const engines = [
  {
    name: 'PGlite',
    port: 3328,
    env: async (): Promise<Record<string, string> | null> => ({ PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'records-api-')) }),
  },
  {
    name: 'PostgreSQL',
    port: 3329,
    env: async (): Promise<Record<string, string> | null> =>
      (await requirePostgres()) ? { DATABASE_URL: await freshDatabase('conflict_map_test_records_api') } : null,
  },
];

const place = {
  id: 'kafr-amim',
  name: { en: 'Kafr Amim', fr: 'Kafr Amim', ar: 'كفر عميم' },
  aliases: ['Kafr ‘Amīm'],
  lat: 35.8764,
  lon: 36.7703,
  geonamesId: null,
  admin1: 'Idlib',
  admin2: null,
  kind: 'village',
  coordinateNote: 'Test place: village centre read off the basemap.',
};

for (const engine of engines)
  describe(`places, sources and actors written over HTTP, on ${engine.name}`, () => {
    let server: RunningServer | null = null;
    let env: Record<string, string> | null = null;
    beforeAll(async () => {
      env = await engine.env();
      if (env) server = await startServer(engine.port, { ...env, EDITOR_TOKEN: TOKEN });
    });
    afterAll(async () => {
      await server?.stop();
      if (env?.PGLITE_DIR) fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
    });
    const put = (p: string, body: unknown, headers: Record<string, string> = auth) =>
      fetch(`${server?.url}${p}`, { method: 'PUT', headers, body: JSON.stringify(body) });
    const history = async (p: string) =>
      (await (await fetch(`${server?.url}${p}/history`, { headers: auth })).json()) as {
        changes: { action: string; author: { kind: string }; fields: { path: string; before: unknown; after: unknown }[] }[];
      };

    it('makes a new place (201), corrects its names (200), records both, and finds it by name at once', async ({ skip }) => {
      if (!server) return skip();
      const made = await put(`/api/places/${place.id}`, place);
      expect(made.status, await made.clone().text()).toBe(201);
      expect(made.headers.get('location')).toBe(`/api/places/${place.id}`);
      const corrected = await put(`/api/places/${place.id}`, { ...place, name: { ...place.name, fr: 'Kafr Amime' } });
      expect(corrected.status).toBe(200);
      // saved again unchanged: nothing to record
      expect((await put(`/api/places/${place.id}`, { ...place, name: { ...place.name, fr: 'Kafr Amime' } })).status).toBe(200);
      const h = await history(`/api/places/${place.id}`);
      expect(h.changes.map((c) => c.action)).toEqual(['update', 'create']);
      expect(h.changes[0]?.author.kind).toBe('service');
      expect(h.changes[0]?.fields).toEqual([{ path: 'name.fr', before: 'Kafr Amim', after: 'Kafr Amime' }]);
      const found = (await (await fetch(`${server.url}/api/places?q=amime`)).json()) as { features: { id: string }[] };
      expect(found.features.map((f) => f.id)).toEqual([place.id]);
    });

    it('keeps the position of a place incidents are located at (409), while its names can change', async ({ skip }) => {
      if (!server) return skip();
      const qminas = (await (await fetch(`${server.url}/api/places/qminas`)).json()) as {
        geometry: { coordinates: [number, number] };
        properties: Record<string, unknown>;
      };
      const {
        incidents,
        incidentTotal,
        nextCursor,
        areaIncidents,
        areaIncidentTotal,
        areaIncidentTotalExact,
        areaNextCursor,
        casualties,
        byClaimant,
        sources,
        ...record
      } = qminas.properties;
      const [lon, lat] = qminas.geometry.coordinates;
      const moved = await put('/api/places/qminas', { ...record, lon: lon + 0.01, lat });
      expect(moved.status).toBe(409);
      expect(((await moved.json()) as { type: string }).type).toBe('/problems/place-in-use');
      const renamed = await put('/api/places/qminas', {
        ...record,
        lon,
        lat,
        aliases: [...(record.aliases as string[]), 'Qmenas al-Sharqiya'],
      });
      expect(renamed.status, await renamed.clone().text()).toBe(200);
    });

    it('makes and corrects sources and actors, and an incident can name them at once', async ({ skip }) => {
      if (!server) return skip();
      const source = {
        id: 'enab-baladi',
        name: { en: 'Enab Baladi', fr: 'Enab Baladi' },
        kind: 'news agency',
        language: 'ar',
        url: 'https://www.enabbaladi.net',
      };
      expect((await put('/api/sources/enab-baladi', source)).status).toBe(201);
      expect((await put('/api/sources/enab-baladi', { ...source, kind: 'ngo' })).status).toBe(200);
      expect(await (await fetch(`${server.url}/api/sources/enab-baladi`)).json()).toEqual({ ...source, kind: 'ngo' });
      const actor = { id: 'hts', name: { en: 'Hayat Tahrir al-Sham', fr: 'Hayat Tahrir al-Cham' }, kind: 'rebel-group' };
      expect((await put('/api/actors/hts', actor)).status).toBe(201);
      expect((await history('/api/actors/hts')).changes.map((c) => c.action)).toEqual(['create']);
      expect((await history('/api/sources/enab-baladi')).changes[0]?.fields).toEqual([
        { path: 'kind', before: 'news agency', after: 'ngo' },
      ]);
      // the catalogue lists them for the filters
      const catalogue = (await (await fetch(`${server.url}/api/catalogue`)).json()) as {
        sources: { id: string }[];
        actors: { id: string }[];
      };
      expect(catalogue.sources.map((s) => s.id)).toContain('enab-baladi');
      expect(catalogue.actors.map((a) => a.id)).toContain('hts');
    });

    it('refuses a record that breaks its schema (422, each field named), an id unlike the URL’s, and anyone without a right to write', async ({
      skip,
    }) => {
      if (!server) return skip();
      const bad = await put('/api/places/bad-place', { ...place, id: 'bad-place', name: { en: '', fr: 'x', ar: 'x' }, lat: 95 });
      expect(bad.status).toBe(422);
      const names = ((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort();
      expect(names).toEqual(['lat', 'name.en']);
      expect((await put('/api/actors/one-id', { id: 'another-id', name: { en: 'A', fr: 'A' }, kind: 'militia' })).status).toBe(422);
      expect(
        (await put('/api/actors/hts', { id: 'hts', name: { en: 'A', fr: 'A' }, kind: 'militia' }, { 'content-type': 'application/json' }))
          .status,
      ).toBe(401);
      expect((await fetch(`${server.url}/api/actors/hts/history`)).status).toBe(401);
      expect((await fetch(`${server.url}/api/sources/no-such-source`)).status).toBe(404);
    });
  });
