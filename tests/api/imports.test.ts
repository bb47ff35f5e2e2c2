/**
 * An editor's upload over HTTP (POST /api/imports), on PGlite and PostgreSQL: the same importer
 * as `npm run import`, its report as the answer, the token checked before the file is read.
 */
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const upload = (url: string, name: string, query = '', token: string | null = EDITOR_TOKEN) =>
  fetch(`${url}/api/imports${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: fs.readFileSync(`tests/fixtures/imports/${name}`),
  });

describe.each(servers)('imports over HTTP on $name', ({ url }) => {
  it('refuses an upload without the token, before reading it', async () => {
    const res = await upload(url, 'acled-31.csv', '', null);
    expect(res.status).toBe(401);
    // kept out of proxy.ts for streaming, the route still sends the security headers
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('imports a file and answers its report; a dry run writes nothing; the incidents then show in the API', async () => {
    const dry = await upload(url, 'acled-31.csv', '?dryRun=1');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, format: 'acled-31', inserted: 1 });
    expect((await fetch(`${url}/api/incidents/acled-tst2001`)).status).toBe(404);
    const res = await upload(url, 'acled-31.csv', '?format=acled');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: false, rowsRead: 1, inserted: 1, rejectedCount: 0 });
    const incident = await fetch(`${url}/api/incidents/acled-tst2001`);
    expect(incident.status).toBe(200);
    const body = (await incident.json()) as { properties: { claims: { claimant: string }[]; place: { id: string } } };
    expect(body.properties.claims[0]?.claimant).toBe('acled');
    expect(body.properties.place.id).toBe('ariha');
    // again: nothing changes
    expect(await (await upload(url, 'acled-31.csv')).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    // leave the store as the other files expect it (and an editor can delete an imported incident)
    expect((await fetch(`${url}/api/incidents/acled-tst2001`, { method: 'DELETE' })).status).toBe(401);
    expect(
      (await fetch(`${url}/api/incidents/acled-tst2001`, { method: 'DELETE', headers: { authorization: `Bearer ${EDITOR_TOKEN}` } }))
        .status,
    ).toBe(204);
    expect((await fetch(`${url}/api/incidents/acled-tst2001`)).status).toBe(404);
  });

  it('answers a file it cannot read as a whole with 422, and bad options with 400', async () => {
    const bad = await fetch(`${url}/api/imports`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${EDITOR_TOKEN}` },
      body: 'a,b\n1,2\n',
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await upload(url, 'ucdp-ged.csv', '?format=acled')).status).toBe(422);
    expect((await upload(url, 'ucdp-ged.csv', '?format=gpx')).status).toBe(400);
    expect((await upload(url, 'ucdp-ged.csv', '?format=acled&format=ucdp')).status).toBe(400);
  });
});
