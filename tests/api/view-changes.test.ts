/**
 * "What changed since publication" over real HTTP, on PGlite and on PostgreSQL: a pinned view's
 * snapshot against today's data, incident by incident and field by field, as JSON and as the
 * page its embed's correction note links to. Every change made here is undone before the test ends.
 */
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Incident } from '@/lib/domain/schema';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };
const AIR_STRIKE = 'idlib-2020-02-20-air-strike-turkish-soldiers';
const original = () => structuredClone(seed.incidents.find((i) => i.id === AIR_STRIKE) as Incident);
const json = { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` };

interface Changes {
  added: { id: string }[];
  removed: { id: string }[];
  changed: { id: string; fields: { path: string; before: unknown; after: unknown }[] }[];
}

describe.each(servers)('what changed since publication, on $name', ({ url }) => {
  it('compares a pinned view with today’s data: corrected, added and gone incidents, field by field; the embed links to it', async () => {
    const made = await fetch(`${url}/api/views`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: { en: 'Idlib, as published' }, filters: { from: '2020-02-20', to: '2020-02-20' }, lang: 'en' }),
    });
    const { id } = (await made.json()) as { id: string };
    const changes = async () => {
      const res = await fetch(`${url}/api/views/${id}/changes`);
      expect(res.status).toBe(200);
      return (await res.json()) as Changes;
    };
    // not published yet, then published following the data: nothing to compare
    expect((await fetch(`${url}/api/views/${id}/changes`)).status).toBe(404);
    expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', headers: json, body: '{"pin": false}' })).status).toBe(200);
    const unpinned = await fetch(`${url}/api/views/${id}/changes`);
    expect(unpinned.status).toBe(404);
    expect(((await unpinned.json()) as { type: string }).type).toBe('/problems/not-pinned');
    expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', headers: json, body: '{"pin": true}' })).status).toBe(200);
    expect(await changes()).toMatchObject({ added: [], removed: [], changed: [] });
    const quiet = await (await fetch(`${url}/views/${id}/changes?lang=en`)).text();
    expect(quiet).toContain('Nothing has changed since publication.');

    const corrected = original();
    corrected.claims[0]!.casualties[0]!.killed = { low: 3, high: 3 };
    const added = {
      ...original(),
      id: 'test-view-changes-added',
      title: { en: 'Test incident added after publication', fr: 'Incident de test ajouté après la publication' },
    };
    added.claims = added.claims.map((c, k) => ({ ...c, id: `test-view-changes-claim-${k}` }));
    try {
      expect(
        (await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', headers: json, body: JSON.stringify(corrected) })).status,
      ).toBe(200);
      expect((await fetch(`${url}/api/incidents/${added.id}`, { method: 'PUT', headers: json, body: JSON.stringify(added) })).status).toBe(
        201,
      );
      const now = await changes();
      expect(now.added.map((a) => a.id)).toEqual([added.id]);
      expect(now.removed).toEqual([]);
      expect(now.changed.map((c) => c.id)).toEqual([AIR_STRIKE]);
      const paths = now.changed[0]!.fields.map((f) => f.path);
      expect(paths).toContain('claims.air-strike-turkish-armed-forces.casualties.0.killed.high');
      // what the map shows moves with it
      expect(now.changed[0]!.fields.find((f) => f.path === 'killed.high')).toMatchObject({ before: 2, after: 3 });

      const page = await (await fetch(`${url}/views/${id}/changes?lang=en`)).text();
      expect(page).toContain('Corrected since');
      expect(page).toContain('Air strike kills two Turkish soldiers');
      expect(page).toContain('Added since');
      expect(page).toContain('Test incident added after publication');
      // the embed says it was corrected, and links here
      const embed = await (await fetch(`${url}/embed/${id}`)).text();
      expect(embed).toContain('The incidents have been corrected since.');
      expect(embed).toContain(`href="/views/${id}/changes?lang=en"`);
    } finally {
      await fetch(`${url}/api/incidents/${AIR_STRIKE}`, { method: 'PUT', headers: json, body: JSON.stringify(original()) });
      await fetch(`${url}/api/incidents/${added.id}`, { method: 'DELETE', headers: json });
      await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: json });
    }
  });
});
