/**
 * An editor's upload over HTTP (POST /api/imports) and decisions on the possible matches it
 * finds, on PGlite and PostgreSQL. On servers of their own: imported rows and the places they
 * make would change what the other files count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, requirePostgres } from '../pg';
import { type RunningServer, startServer } from '../server';
import { EDITOR_TOKEN } from './servers';

const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };
const running: RunningServer[] = [];
const servers: { name: string; url: string }[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conflict-map-imports-'));
beforeAll(async () => {
  const lite = await startServer(3321, { PGLITE_DIR: dir, EDITOR_TOKEN });
  running.push(lite);
  servers.push({ name: 'pglite', url: lite.url });
  if (await requirePostgres()) {
    const pg = await startServer(3322, { DATABASE_URL: await freshDatabase('conflict_map_test_imports'), EDITOR_TOKEN });
    running.push(pg);
    servers.push({ name: 'postgres', url: pg.url });
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (url: string, name: string, query = '', token: string | null = EDITOR_TOKEN) =>
  fetch(`${url}/api/imports${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: fs.readFileSync(`tests/fixtures/imports/${name}`),
  });

describe('imports over HTTP', () => {
  it('refuses an upload without the token, before reading it', async () => {
    for (const { url } of servers) {
      const res = await upload(url, 'acled-31.csv', '', null);
      expect(res.status).toBe(401);
      // kept out of proxy.ts for streaming, the route still sends the security headers
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('imports a file and answers its report; a dry run writes nothing; the incidents then show in the API', async () => {
    for (const { name, url } of servers) {
      const dry = await upload(url, 'acled-31.csv', '?dryRun=1');
      expect(dry.status, name).toBe(200);
      expect(await dry.json()).toMatchObject({ dryRun: true, format: 'acled-31', inserted: 1 });
      expect((await fetch(`${url}/api/incidents/acled-tst2001`)).status).toBe(404);
      const res = await upload(url, 'acled-31.csv', '?format=acled');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ dryRun: false, rowsRead: 1, inserted: 1, rejectedCount: 0 });
      const body = (await (await fetch(`${url}/api/incidents/acled-tst2001`)).json()) as {
        properties: { claims: { claimant: string }[]; place: { id: string } };
      };
      expect(body.properties.claims[0]?.claimant).toBe('acled');
      expect(body.properties.place.id).toBe('ariha');
      expect(await (await upload(url, 'acled-31.csv')).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
      // its history names the import (the unchanged re-import adds nothing); the creation kept no copy to restore
      const history = (await (await fetch(`${url}/api/incidents/acled-tst2001/history`, { headers: auth })).json()) as {
        changes: { seq: number; action: string; author: { kind: string; name: string | null } }[];
      };
      expect(history.changes.map((c) => [c.action, c.author])).toEqual([['create', { kind: 'import', name: 'acled' }]]);
      const restore = await fetch(`${url}/api/incidents/acled-tst2001/restore`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ change: history.changes[0]?.seq }),
      });
      expect(restore.status).toBe(422);
      expect((await fetch(`${url}/api/incidents/acled-tst2001`)).status).toBe(200);
      // an editor can delete an imported incident
      expect((await fetch(`${url}/api/incidents/acled-tst2001`, { method: 'DELETE' })).status).toBe(401);
      expect((await fetch(`${url}/api/incidents/acled-tst2001`, { method: 'DELETE', headers: auth })).status).toBe(204);
      expect((await fetch(`${url}/api/incidents/acled-tst2001`)).status).toBe(404);
    }
  });

  it('answers a file it cannot read as a whole with 422, and bad options with 400', async () => {
    for (const { url } of servers) {
      const bad = await fetch(`${url}/api/imports`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...auth },
        body: 'a,b\n1,2\n',
      });
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect((await upload(url, 'ucdp-ged.csv', '?format=acled')).status).toBe(422);
      expect((await upload(url, 'ucdp-ged.csv', '?format=gpx')).status).toBe(400);
      expect((await upload(url, 'ucdp-ged.csv', '?format=acled&format=ucdp')).status).toBe(400);
    }
  });

  it('answers hostile files without a 500: a broken row rejected alone, not text 415, a line too long 413 saying what was written', async () => {
    const fixture = fs.readFileSync('tests/fixtures/imports/acled-current.csv', 'utf8');
    const [header, ...rest] = fixture.split(/\n(?=TST)/);
    for (const { url } of servers) {
      const post = (body: Uint8Array<ArrayBuffer> | string, query = '') =>
        fetch(`${url}/api/imports${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...auth }, body });
      // a stray quote is kept; an unclosed one rejects its record alone
      const broken = await post(`${header}\n${rest[0]}\nTSTX1,2020-02-20,"never closed\n`);
      expect(broken.status).toBe(200);
      const report = (await broken.json()) as { rejectedCount: number; rejected: { reason: string }[] };
      expect(report.rejectedCount).toBe(1);
      expect(report.rejected[0]?.reason).toMatch(/^not readable as CSV/);
      // an image renamed .csv
      const png = await post(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      expect(png.status).toBe(415);
      expect(((await png.json()) as { detail: string }).detail).toContain('a PNG image');
      // UTF-16 with its mark reads as the same file
      const text = `\ufeff${fixture}`;
      const u16 = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        u16[2 * i] = text.charCodeAt(i) & 0xff;
        u16[2 * i + 1] = text.charCodeAt(i) >> 8;
      }
      type Counts = { rowsRead: number; rejectedCount: number };
      const sixteen = await post(u16, '?dryRun=1');
      expect(sixteen.status).toBe(200);
      const asUtf8 = (await (await post(fixture, '?dryRun=1')).json()) as Counts;
      const { rowsRead, rejectedCount } = (await sixteen.json()) as Counts;
      expect({ rowsRead, rejectedCount }).toEqual({ rowsRead: asUtf8.rowsRead, rejectedCount: asUtf8.rejectedCount });
      expect(rowsRead).toBe(rest.length);
      // a line of 3 MiB after the file's rows: refused with 413, and what came before is written and said
      const long = await post(`${header}\nTSTLONG${'z'.repeat(3 * 1024 * 1024)}\n`);
      expect(long.status).toBe(413);
      const stopped = (await long.json()) as { type: string; detail: string };
      expect(stopped.type).toBe('/problems/import-refused');
      expect(stopped.detail).toMatch(/^Line 2 is longer than 1 MiB/);
      // after a new row, the same line: that row is written, and the answer says so (a protest: no stored
      // incident is like it, so it adds no possible match for the test after this one)
      const fresh = (rest[0] ?? '').replace(/^TST1001,/, 'TST9901,').replace('Battles,Armed clash', 'Protests,Peaceful protest');
      const part = await post(`${header}\n${fresh}\nTSTLONG${'z'.repeat(3 * 1024 * 1024)}\n`);
      expect(part.status).toBe(413);
      expect(part.headers.get('connection')).toBe('close');
      const partly = (await part.json()) as { type: string; written: { inserted: number } };
      expect(partly.type).toBe('/problems/import-stopped');
      expect(partly.written.inserted).toBe(1);
      expect((await fetch(`${url}/api/incidents/acled-tst9901`)).status).toBe(200);
    }
  });

  it('lists a likely duplicate for an editor, never merging it; confirmed, the row is one more claim on that incident, counted once', async () => {
    for (const { name, url } of servers) {
      await upload(url, 'acled-current.csv');
      expect((await fetch(`${url}/api/imports/candidates`)).status).toBe(401);
      const listed = (await (await fetch(`${url}/api/imports/candidates`, { headers: auth })).json()) as {
        candidates: { claimId: string; incident: { id: string }; importedIncident: { id: string }; distanceKm: number }[];
      };
      const match = listed.candidates.find((c) => c.incident.id === 'idlib-2020-02-20-nayrab-attack');
      expect(match, name).toMatchObject({ claimId: 'acled-tst1001-coded', importedIncident: { id: 'acled-tst1001' }, distanceKm: 0.1 });
      // until an editor decides, both stand apart
      expect((await fetch(`${url}/api/incidents/acled-tst1001`)).status).toBe(200);
      const decide = (incident: string, decision: string, token = auth) =>
        fetch(`${url}/api/imports/candidates/acled-tst1001-coded/${incident}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...token },
          body: JSON.stringify({ decision }),
        });
      expect((await decide('idlib-2020-02-20-nayrab-attack', 'merge')).status).toBe(422);
      const confirmed = await decide('idlib-2020-02-20-nayrab-attack', 'confirm');
      expect(confirmed.status).toBe(200);
      expect(await confirmed.json()).toMatchObject({ status: 'confirmed', removedIncident: 'acled-tst1001' });
      expect((await decide('idlib-2020-02-20-nayrab-attack', 'confirm')).status).toBe(404);
      const merged = (await (await fetch(`${url}/api/incidents/idlib-2020-02-20-nayrab-attack`)).json()) as {
        properties: { claims: { claimant: string }[]; killed: { low: number; high: number } | null };
      };
      expect(merged.properties.claims.map((c) => c.claimant)).toEqual(['russian-mod', 'acled']);
      // ACLED's one figure (4, all parties) is another claim about the same dead: the total is 4, not 4 added to anything
      expect(merged.properties.killed).toEqual({ low: 4, high: 4 });
      expect((await fetch(`${url}/api/incidents/acled-tst1001`)).status).toBe(404);
      // a re-import updates the claim where the editor put it, and does not bring the row's own incident back
      expect(await (await upload(url, 'acled-current.csv')).json()).toMatchObject({ inserted: 0, unchanged: 4 });
      expect((await fetch(`${url}/api/incidents/acled-tst1001`)).status).toBe(404);
    }
  });
});
