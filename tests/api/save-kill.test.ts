/**
 * A server killed (SIGKILL) while editors' saves are under way, on PGlite and PostgreSQL: after
 * a restart on the same store, each save is all there or not at all, its history row included.
 * The incident's revision counts its saves, and its history holds exactly one change per
 * revision, the newest of which is the incident as it now is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feature, IncidentDetailProps } from '@/lib/incident/geojson';
import type { Incident } from '@/lib/domain/schema';
import { freshDatabase, requirePostgres } from '../pg';
import { startServer } from '../server';

const TOKEN = 'save-kill-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const seed = JSON.parse(fs.readFileSync('lib/seed/article-2020-02-20.json', 'utf8')) as { incidents: Incident[] };
const ID = 'test-save-kill';

function version(n: number): Incident {
  const i = structuredClone(seed.incidents.find((x) => x.id === 'idlib-2020-02-20-air-strike-turkish-soldiers') as Incident);
  return {
    ...i,
    id: ID,
    title: { en: 'Test copy for a killed save', fr: 'Copie de test pour une sauvegarde interrompue' },
    summary: { en: `Save number ${n}.`, fr: `Sauvegarde numéro ${n}.` },
    claims: i.claims.map((c, k) => ({
      ...c,
      id: `${ID}-claim-${k}`,
      casualties: c.casualties.map((l) => ({ ...l, killed: { low: n, high: n } })),
    })),
  };
}

describe('a server killed in the middle of saves', () => {
  it.for(['pglite', 'postgres'] as const)('on %s keeps each save whole, history included', { timeout: 240_000 }, async (engine, ctx) => {
    let env: Record<string, string>;
    if (engine === 'pglite') env = { PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'save-kill-')) };
    else if (await requirePostgres()) env = { DATABASE_URL: await freshDatabase('conflict_map_test_save_kill') };
    else return ctx.skip();
    const port = engine === 'pglite' ? 3324 : 3325;
    const put = (url: string, n: number) =>
      fetch(`${url}/api/incidents/${ID}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(version(n)),
      });

    const first = await startServer(port, { ...env, EDITOR_TOKEN: TOKEN });
    expect((await put(first.url, 0)).status).toBe(201);
    // saves one after another, four at a time, until the server dies under them
    let sent = 0;
    let answered = 0;
    const writer = async () => {
      for (;;) {
        const n = ++sent;
        try {
          const res = await put(first.url, n);
          if (res.ok) answered++;
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const writers = Promise.all([writer(), writer(), writer(), writer()]);
    await new Promise((r) => setTimeout(r, 1500 + Math.random() * 500));
    const exited = new Promise((r) => first.proc.once('exit', r));
    first.proc.kill('SIGKILL');
    await writers;
    await exited;
    expect(answered).toBeGreaterThan(3);

    const second = await startServer(port, { ...env, EDITOR_TOKEN: TOKEN });
    try {
      const now = (await (await fetch(`${second.url}/api/incidents/${ID}`)).json()) as Feature<IncidentDetailProps>;
      const history = (await (await fetch(`${second.url}/api/incidents/${ID}/history?limit=100`, { headers: auth })).json()) as {
        changes: { action: string; revision: number; after: Incident }[];
      };
      let all = history.changes;
      let before = (history as { nextBefore?: number | null }).nextBefore;
      while (before) {
        const page = (await (
          await fetch(`${second.url}/api/incidents/${ID}/history?limit=100&before=${before}`, { headers: auth })
        ).json()) as {
          changes: { action: string; revision: number; after: Incident }[];
          nextBefore: number | null;
        };
        all = [...all, ...page.changes];
        before = page.nextBefore;
      }
      // every save that answered is there (and perhaps one or more that were cut before they could answer)
      expect(now.properties.revision).toBeGreaterThanOrEqual(answered + 1);
      expect(all).toHaveLength(now.properties.revision);
      expect(all.map((c) => c.revision)).toEqual(Array.from({ length: now.properties.revision }, (_, k) => now.properties.revision - k));
      expect(all.at(-1)?.action).toBe('create');
      // the newest change is the incident as it is: its text and its figures, from one save
      const n = Number(/Save number (\d+)\./.exec(now.properties.summary.en)?.[1]);
      expect(all[0]?.after.summary.en).toBe(`Save number ${n}.`);
      expect(now.properties.claims[0]?.casualties[0]?.killed).toEqual({ low: n, high: n });
    } finally {
      await second.stop();
      if (env.PGLITE_DIR) fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
    }
  });
});
