/**
 * An incident's history over real HTTP, on PGlite and on PostgreSQL: every save and deletion is
 * recorded with who made it and the record before and after; `asOf` reads the incident as it
 * stood at a moment; an earlier version can be restored (a change of its own); a save made on a
 * stale revision is refused with 409 and the current version, and of two concurrent saves on one
 * revision exactly one lands. Each test works on an incident of its own (a test copy of a seed
 * incident, titled as such), deleted at the end.
 */
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Feature, IncidentDetailProps } from '@/lib/incident/geojson';
import type { Incident } from '@/lib/domain/schema';
import { EDITOR_TOKEN } from './servers';

const servers = inject('servers');
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };
const QMINAS = 'idlib-2020-02-20-qminas-attack';
/** two Turkish soldiers killed, says the Turkish army: one claim with one toll line */
const AIR_STRIKE = 'idlib-2020-02-20-air-strike-turkish-soldiers';
const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };

/** A test copy of the air strike under a new id (its claims renamed: claim ids are global). */
function copy(id: string): Incident {
  const i = structuredClone(seed.incidents.find((x) => x.id === AIR_STRIKE) as Incident);
  return {
    ...i,
    id,
    title: { en: `Test copy for history (${id})`, fr: `Copie de test pour l’historique (${id})` },
    claims: i.claims.map((c, n) => ({ ...c, id: `${id}-claim-${n}`, casualties: c.casualties.map((l) => ({ ...l, countedIn: null })) })),
  };
}

interface ChangeBody {
  seq: number;
  at: string;
  action: string;
  author: { kind: string; name: string | null };
  restoredFrom: number | null;
  revision: number | null;
  fields: { path: string; before: unknown; after: unknown }[];
  before: Incident | null;
  after: Incident | null;
}

describe.each(servers)('history on $name', ({ url }) => {
  const put = (inc: unknown, extra: Record<string, unknown> = {}) =>
    fetch(`${url}/api/incidents/${(inc as Incident).id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ ...(inc as object), ...extra }),
    });
  const read = async (id: string, asOf?: string) => {
    const res = await fetch(`${url}/api/incidents/${id}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`);
    return { status: res.status, body: (await res.json()) as Feature<IncidentDetailProps> & { asOf?: string; type: string } };
  };
  const history = async (id: string) => {
    const res = await fetch(`${url}/api/incidents/${id}/history`, { headers: auth });
    expect(res.status).toBe(200);
    return ((await res.json()) as { changes: ChangeBody[] }).changes;
  };
  const killedHigh = (f: { properties: IncidentDetailProps } | Incident | null) => {
    const claims = f && 'properties' in f ? f.properties.claims : f?.claims;
    return claims?.[0]?.casualties[0]?.killed?.high;
  };
  const remove = (id: string) => fetch(`${url}/api/incidents/${id}`, { method: 'DELETE', headers: auth });

  it('records who made each save and deletion, with each field changed, before and after; editors only', async () => {
    const id = `test-history-record-${url.slice(-4)}`;
    const first = copy(id);
    try {
      const created = await put(first);
      expect(created.status).toBe(201);
      expect(((await created.json()) as Feature<IncidentDetailProps>).properties.revision).toBe(1);
      const corrected = structuredClone(first);
      corrected.claims[0]!.casualties[0]!.killed = { low: 3, high: 5 };
      corrected.summary.en = 'A corrected summary for this test.';
      const saved = await put(corrected, { revision: 1 });
      expect(saved.status).toBe(200);
      expect(((await saved.json()) as Feature<IncidentDetailProps>).properties.revision).toBe(2);

      expect((await fetch(`${url}/api/incidents/${id}/history`)).status).toBe(401);
      const changes = await history(id);
      expect(changes.map((c) => c.action)).toEqual(['update', 'create']);
      expect(changes[0]!.seq).toBeGreaterThan(changes[1]!.seq);
      for (const c of changes) expect(c.author).toEqual({ kind: 'service', name: null });
      expect(changes[1]!.before).toBeNull();
      expect(changes[1]!.after?.title.en).toBe(first.title.en);
      expect(changes[0]!.revision).toBe(2);
      const paths = changes[0]!.fields.map((f) => f.path).sort();
      expect(paths).toEqual(
        [`claims.${id}-claim-0.casualties.0.killed.high`, `claims.${id}-claim-0.casualties.0.killed.low`, 'summary.en'].sort(),
      );
      const high = changes[0]!.fields.find((f) => f.path.endsWith('killed.high'))!;
      expect(high).toMatchObject({ before: killedHigh(first), after: 5 });
    } finally {
      await remove(id);
    }
    const gone = await history(id);
    expect(gone[0]).toMatchObject({ action: 'delete', after: null });
    expect(gone[0]!.before?.id).toBe(id);
  });

  it('reads the incident as it stood at a moment (asOf), before and after a correction and after its deletion', async () => {
    const id = `test-history-asof-${url.slice(-4)}`;
    const first = copy(id);
    expect((await put(first)).status).toBe(201);
    const corrected = structuredClone(first);
    corrected.claims[0]!.casualties[0]!.killed = { low: 7, high: 7 };
    expect((await put(corrected)).status).toBe(200);
    expect((await remove(id)).status).toBe(204);
    const [deleted, updated, created] = await history(id);

    const before = await read(id, new Date(Date.parse(created!.at) - 1000).toISOString());
    expect(before.status).toBe(404);
    const atCreation = await read(id, created!.at);
    expect(atCreation.status).toBe(200);
    expect(atCreation.body.asOf).toBe(created!.at);
    expect(killedHigh(atCreation.body)).toBe(killedHigh(first));
    expect(atCreation.body.properties.revision).toBe(1);
    const atCorrection = await read(id, updated!.at);
    expect(killedHigh(atCorrection.body)).toBe(7);
    expect((await read(id, deleted!.at)).status).toBe(404);
    expect((await read(id)).status).toBe(404);
    // a moment no change names, between two: what the earlier left
    // (a millisecond after the creation: \`at\` keeps microseconds, Date milliseconds)
    const between = new Date(Date.parse(created!.at) + 1).toISOString();
    expect(Date.parse(updated!.at) - Date.parse(created!.at)).toBeGreaterThan(2);
    expect(killedHigh((await read(id, between)).body)).toBe(killedHigh(first));

    const bad = await fetch(`${url}/api/incidents/${id}?asOf=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe('asOf');
    // the seed, unchanged by any editor since it was loaded, reads as it is now
    const seedNow = await read(QMINAS);
    const seedThen = await read(QMINAS, new Date().toISOString());
    expect(seedThen.status).toBe(200);
    expect(seedThen.body.properties.claims).toEqual(seedNow.body.properties.claims);
  });

  it('reads the list, its count, its briefs and a place as they stood at a moment (asOf), page by page', async () => {
    const tag = `asoflist-${url.slice(-4)}`;
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((k) => copy(`test-${tag}-${k}`)) as [Incident, Incident, Incident, Incident];
    const list = async (query: string) => {
      const res = await fetch(`${url}/api/incidents?q=${tag}&${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as {
        features: { id: string; properties: { killed?: { high: number } | null } }[];
        nextCursor: string | null;
        numberMatched?: number;
        asOf?: string;
        notKnownAsOf?: number;
      };
    };
    const pages = async (query: string) => {
      const ids: string[] = [];
      let next: string | null = null;
      do {
        const page = await list(`${query}&limit=1${next ? `&cursor=${next}` : ''}`);
        ids.push(...page.features.map((f) => f.id));
        next = page.nextCursor;
      } while (next);
      return ids;
    };
    const placeBody = async (query = '') => {
      const res = await fetch(`${url}/api/places/${a.place}${query}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        properties: { incidents: { id: string }[]; incidentTotal: number; casualties: unknown; byClaimant: unknown };
      };
      const { incidents, incidentTotal, casualties, byClaimant } = body.properties;
      return { incidents: incidents.map((i) => i.id), incidentTotal, casualties, byClaimant };
    };
    try {
      for (const i of [a, b, d]) expect((await put(i)).status).toBe(201);
      const placeThen = await placeBody();
      const [made] = await history(d.id);
      // a moment after the three were made, before anything below
      const moment = new Date(Date.parse(made!.at) + 1).toISOString();
      await new Promise((r) => setTimeout(r, 20));
      const corrected = structuredClone(a);
      corrected.claims[0]!.casualties[0]!.killed = { low: 30, high: 31 };
      expect((await put(corrected)).status).toBe(200);
      expect((await remove(b.id)).status).toBe(204);
      expect((await put(c)).status).toBe(201);

      const now = await list('');
      expect(now.features.map((f) => f.id)).toEqual([d.id, c.id, a.id]);
      const then = await list(`asOf=${encodeURIComponent(moment)}`);
      expect(then).toMatchObject({ asOf: moment, notKnownAsOf: 0, numberMatched: 3 });
      expect(then.features.map((f) => f.id)).toEqual([d.id, b.id, a.id]);
      expect(then.features[2]!.properties.killed?.high).toBe(killedHigh(a));
      expect(now.features[2]!.properties.killed?.high).toBe(31);
      // paged one at a time, the store's incident (d) and the history's (a, b) in one order
      expect(await pages(`asOf=${encodeURIComponent(moment)}`)).toEqual([d.id, b.id, a.id]);
      expect(await pages(`asOf=${encodeURIComponent(moment)}&order=oldest`)).toEqual([a.id, b.id, d.id]);
      const briefs = await list(`asOf=${encodeURIComponent(moment)}&fields=brief`);
      expect(briefs.features.map((f) => [f.id, f.properties.killed?.high])).toEqual([
        [d.id, killedHigh(d)],
        [b.id, killedHigh(b)],
        [a.id, killedHigh(a)],
      ]);
      const before = await list(`asOf=${encodeURIComponent(new Date(Date.parse(made!.at) - 60_000).toISOString())}`);
      expect(before).toMatchObject({ features: [], numberMatched: 0 });

      // the place: its incidents, count and toll then, not now
      expect(await placeBody(`?asOf=${encodeURIComponent(moment)}`)).toEqual(placeThen);
      expect(await placeBody()).not.toEqual(placeThen);

      const bad = await fetch(`${url}/api/incidents?asOf=2020-02-20`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe('asOf');
      // a route that does not read asOf says so rather than answer with today's data
      expect((await fetch(`${url}/api/histogram?asOf=${encodeURIComponent(moment)}`)).status).toBe(400);
      expect((await fetch(`${url}/api/places/${a.place}?asOf=soon`)).status).toBe(400);
    } finally {
      for (const i of [a, b, c, d]) await remove(i.id);
    }
  });

  it('restores an earlier version as a new change, and brings a deleted incident back', async () => {
    const id = `test-history-restore-${url.slice(-4)}`;
    const first = copy(id);
    try {
      expect((await put(first)).status).toBe(201);
      const corrected = structuredClone(first);
      corrected.claims[0]!.casualties[0]!.killed = { low: 40, high: 40 };
      expect((await put(corrected)).status).toBe(200);
      const [, created] = await history(id);

      const restore = (body: unknown) =>
        fetch(`${url}/api/incidents/${id}/restore`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(body),
        });
      expect((await fetch(`${url}/api/incidents/${id}/restore`, { method: 'POST', body: '{}' })).status).toBe(401);
      expect((await restore({ change: 999999999 })).status).toBe(422);
      // over a revision that is not the current one: refused
      expect((await restore({ change: created!.seq, revision: 1 })).status).toBe(409);
      const restored = await restore({ change: created!.seq, revision: 2 });
      expect(restored.status).toBe(200);
      const body = (await restored.json()) as Feature<IncidentDetailProps>;
      expect(killedHigh(body)).toBe(killedHigh(first));
      expect(body.properties.revision).toBe(3);
      const [last] = await history(id);
      expect(last).toMatchObject({ action: 'restore', restoredFrom: created!.seq });
      expect(last!.fields.map((f) => f.path)).toContain(`claims.${id}-claim-0.casualties.0.killed.high`);

      expect((await remove(id)).status).toBe(204);
      const [deleted] = await history(id);
      const back = await restore({ change: deleted!.seq, version: 'before' });
      expect(back.status).toBe(201);
      expect((await read(id)).status).toBe(200);
      expect((await history(id))[0]).toMatchObject({ action: 'restore', restoredFrom: deleted!.seq });
    } finally {
      await remove(id);
    }
  });

  it('refuses a save made on a stale revision with 409 and the current version; of two concurrent saves, one lands', async () => {
    const id = `test-history-conflict-${url.slice(-4)}`;
    const first = copy(id);
    try {
      expect((await put(first)).status).toBe(201);
      const mine = structuredClone(first);
      mine.summary.en = 'Mine.';
      const theirs = structuredClone(first);
      theirs.summary.en = 'Theirs.';
      expect((await put(theirs, { revision: 1 })).status).toBe(200);
      const stale = await put(mine, { revision: 1 });
      expect(stale.status).toBe(409);
      const problem = (await stale.json()) as { type: string; current: Feature<IncidentDetailProps> };
      expect(problem.type).toBe('/problems/edit-conflict');
      expect(problem.current.properties.summary.en).toBe('Theirs.');
      expect(problem.current.properties.revision).toBe(2);
      expect((await read(id)).body.properties.summary.en).toBe('Theirs.');
      expect((await put(mine, { revision: 'two' })).status).toBe(422);
      // a claim id another incident holds (claim ids are global): refused, nothing written
      const taken = structuredClone(first);
      taken.claims[0]!.id = 'air-strike-turkish-armed-forces';
      const clash = await put(taken);
      expect(clash.status).toBe(409);
      expect(((await clash.json()) as { type: string }).type).toBe('/problems/conflict');
      expect((await read(id)).body.properties.revision).toBe(2);

      // two editors save on revision 2 at once: one lands, the other is refused, nothing is lost unseen
      const a = structuredClone(first);
      a.summary.en = 'Editor A.';
      const b = structuredClone(first);
      b.summary.en = 'Editor B.';
      const results = await Promise.all([put(a, { revision: 2 }), put(b, { revision: 2 })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const landed = results[0]!.status === 200 ? 'Editor A.' : 'Editor B.';
      expect((await read(id)).body.properties.summary.en).toBe(landed);
      expect((await history(id)).filter((c) => c.action === 'update')).toHaveLength(2);
    } finally {
      await remove(id);
    }
  });

  it('records each change to a view: created, changed, published, taken down and deleted, by whom', async () => {
    const json = { 'content-type': 'application/json', ...auth };
    const made = await fetch(`${url}/api/views`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: { en: 'History of a view' } }),
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    expect(
      (
        await fetch(`${url}/api/views/${id}`, {
          method: 'PATCH',
          headers: json,
          body: JSON.stringify({ caption: { en: 'Now with a caption' } }),
        })
      ).status,
    ).toBe(200);
    expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'POST', headers: json, body: '{"pin": false}' })).status).toBe(200);
    expect((await fetch(`${url}/api/views/${id}/publish`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await fetch(`${url}/api/views/${id}/history`)).status).toBe(401);
    const before = ((await (await fetch(`${url}/api/views/${id}/history`, { headers: auth })).json()) as { changes: ChangeBody[] }).changes;
    expect(before.map((c) => c.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(before[2]!.fields.map((f) => f.path)).toContain('spec.caption.en');
    expect(before[2]!.fields.map((f) => f.path)).not.toContain('spec.title.en');
    expect(before[1]!.fields.map((f) => f.path)).toContain('publishedAt');
    expect(before[0]!.fields.find((f) => f.path === 'publishedAt')?.after).toBeNull();
    expect((await fetch(`${url}/api/views/${id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    const after = ((await (await fetch(`${url}/api/views/${id}/history`, { headers: auth })).json()) as { changes: ChangeBody[] }).changes;
    expect(after[0]).toMatchObject({ action: 'delete', after: null, author: { kind: 'service', name: null } });
    expect((after[0]!.before as unknown as { spec: { caption: { en: string } } }).spec.caption.en).toBe('Now with a caption');
  });
});
