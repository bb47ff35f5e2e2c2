/**
 * The store on the real engines: PGlite in a fresh directory, and PostgreSQL in a fresh
 * database where a server is reachable (required in CI).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate';
import { migrations } from '@/lib/db/migrations';
import { saveIncident } from '@/lib/db/corrections';
import { createView, getView, updateView } from '@/lib/db/views';
import { contentHash, publish, viewIncidents, viewSnapshot } from '@/lib/views/incidents';
import { storeVersion } from '@/lib/db/version';
import { viewSpecSchema } from '@/lib/domain/view';
import { seed } from '@/lib/db/seed';
import { getPlace, listPlaceRecords } from '@/lib/db/places';
import { listIncidents } from '@/lib/db/incident-lists';
import { applySeed } from '@/lib/db/seed';
import { openPglite, openPostgres, type Db } from '@/lib/db/store';
import { freshDatabase, requirePostgres } from '../pg';

const engines: { name: string; open: () => Promise<Db | null> }[] = [
  { name: 'pglite', open: async () => openPglite(fs.mkdtempSync(path.join(os.tmpdir(), 'store-test-'))) },
  { name: 'postgres', open: async () => ((await requirePostgres()) ? openPostgres(await freshDatabase('conflict_map_test_store')) : null) },
];

describe.each(engines)('store on $name', ({ open }) => {
  let db: Db | null = null;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('migrates once, then finds nothing to do', async (ctx) => {
    if (!db) return ctx.skip();
    expect(await migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
  });

  it('drops a view filter date outside the accepted range (saved before dates were bounded), so the view reads again', async (ctx) => {
    if (!db) return ctx.skip();
    const spec = { title: { en: 'Old view' }, caption: {}, credit: {}, bounds: null, highlighted: [], lang: 'en', theme: 'auto' };
    await db.query(`INSERT INTO views (id, spec) VALUES ('oldview234', $1), ('oldview567', $2)`, [
      JSON.stringify({ ...spec, filters: { from: '0000-01-01', to: '2020-02-20' } }),
      JSON.stringify({ ...spec, filters: { from: '2020-02-20', to: '9999-12-31' } }),
    ]);
    await expect(getView(db, 'oldview234')).rejects.toThrow();
    const fix = migrations.find((m) => m.version === 4);
    await db.exec(fix?.sql ?? '');
    expect((await getView(db, 'oldview234'))?.spec.filters).toEqual({ to: '2020-02-20' });
    expect((await getView(db, 'oldview567'))?.spec.filters).toEqual({ from: '2020-02-20' });
    await db.query(`DELETE FROM views WHERE id IN ('oldview234', 'oldview567')`);
  });

  it('seeds idempotently: same rows after a second and a forced run', async (ctx) => {
    if (!db) return ctx.skip();
    expect(await applySeed(db)).toBe('applied');
    const count = async () =>
      (
        await db!.query<{ i: number; c: number; l: number }>(
          'SELECT (SELECT count(*)::int FROM incidents) AS i, (SELECT count(*)::int FROM claims) AS c, (SELECT count(*)::int FROM claim_casualties) AS l',
        )
      )[0];
    const before = await count();
    expect(before).toEqual({ i: 6, c: 8, l: 7 });
    expect(await applySeed(db)).toBe('unchanged');
    expect(await applySeed(db, { force: true })).toBe('applied');
    expect(await count()).toEqual(before);
  });

  it('rolls back a failed seed whole', async (ctx) => {
    if (!db) return ctx.skip();
    await expect(
      db.transaction(async (tx) => {
        await tx.query("UPDATE incidents SET title_en = 'changed' WHERE id = 'idlib-2020-02-20-qminas-attack'");
        await tx.query('INSERT INTO incidents (id) VALUES (NULL)');
      }),
    ).rejects.toThrow();
    const [row] = await db.query<{ title_en: string }>("SELECT title_en FROM incidents WHERE id = 'idlib-2020-02-20-qminas-attack'");
    expect(row!.title_en).toBe('Attacks on government positions around Qaminas');
  });

  it('filters and pages in SQL', async (ctx) => {
    if (!db) return ctx.skip();
    const all = await listIncidents(db, { limit: 100, order: 'oldest' });
    expect(all.incidents.map((i) => i.id)).toEqual([...all.incidents.map((i) => i.id)].sort());
    const first = await listIncidents(db, { limit: 5 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listIncidents(db, { limit: 5, cursor: first.nextCursor! });
    expect(second.incidents).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    // LIKE wildcards in a text query are literal
    expect((await listIncidents(db, { limit: 10, q: '%' })).incidents).toHaveLength(0);
    expect((await listIncidents(db, { limit: 10, q: 'saraqib' })).incidents).toHaveLength(0);
    expect((await listIncidents(db, { limit: 10, q: 'nairab' })).incidents.map((i) => i.place.id)).toEqual([
      'nayrab-idlib',
      'nayrab-idlib',
    ]);
  });

  it('gives a place with its own incidents and the province-wide ones apart', async (ctx) => {
    if (!db) return ctx.skip();
    const p = await getPlace(db, 'idlib-city');
    expect(p!.incidents).toEqual({ items: [], total: 0, next: null });
    expect(p!.areaIncidents.items).toHaveLength(3);
    expect(p!.areaIncidents.total).toBe(3);
    expect(p!.casualties).toEqual({ killed: null, wounded: null });
    expect(await getPlace(db, 'nowhere')).toBeNull();
    const records = await listPlaceRecords(db);
    expect(records).toHaveLength(24);
    expect(records.find((r) => r.id === 'nayrab-idlib')).toMatchObject({
      lon: 36.71867,
      lat: 35.86955,
      geonamesId: 166357,
      name: { ar: 'النيرب' },
    });
    // the namesake near Aleppo is in another governorate: no Idlib province incidents there
    expect((await getPlace(db, 'nayrab-aleppo'))!.areaIncidents).toEqual({ items: [], total: 0, totalExact: true, next: null });
  });

  it('stores views, and a pinned view keeps its snapshot while the data changes', async (ctx) => {
    if (!db) return ctx.skip();
    const spec = viewSpecSchema.parse({ title: { en: 'Qaminas' }, filters: { places: ['qminas'] } });
    const view = await createView(db, spec);
    expect((await viewIncidents(db, spec)).map((f) => f.id)).toEqual(['idlib-2020-02-20-qminas-attack']);
    const published = await publish(db, view, true);
    expect(published!.pinned).toBe(true);
    const snap = await viewSnapshot(db, view.id);
    expect(snap!.incidents).toHaveLength(1);
    expect(contentHash(await viewIncidents(db, spec))).toBe(snap!.hash);
    // a new incident at Qaminas: the live view changes, the snapshot does not
    const extra = structuredClone(seed.incidents.find((i) => i.id.endsWith('qminas-attack'))!);
    extra.id = 'test-qminas-extra';
    extra.claims = extra.claims.map((c) => ({ ...c, id: `${c.id}-extra` }));
    expect((await saveIncident(db, extra, { author: { kind: 'service' } })).created).toBe(true);
    expect((await saveIncident(db, extra, { author: { kind: 'service' } })).created).toBe(false);
    expect(contentHash(await viewIncidents(db, spec))).not.toBe(snap!.hash);
    expect((await viewSnapshot(db, view.id))!.incidents).toHaveLength(1);
    await db.query("DELETE FROM incidents WHERE id = 'test-qminas-extra'");
    expect(contentHash(await viewIncidents(db, spec))).toBe(snap!.hash);
  });

  it('raises its version with every committed write to the data or the views, not with a rolled-back one', async (ctx) => {
    if (!db) return ctx.skip();
    const version = async () => BigInt(await storeVersion(db!));
    let last = await version();
    const raised = async (what: string) => {
      const now = await version();
      expect(now, what).toBeGreaterThan(last);
      last = now;
    };
    const corrected = structuredClone(seed.incidents.find((i) => i.id.endsWith('qminas-attack'))!);
    corrected.title.en = 'Corrected title';
    expect((await saveIncident(db, corrected, { author: { kind: 'service' } })).created).toBe(false); // an update, not a new incident
    await raised('a correction');
    const view = await createView(db, viewSpecSchema.parse({ title: { en: 'Version' } }));
    await raised('a new view');
    await updateView(db, view.id, viewSpecSchema.parse({ title: { en: 'Version, changed' } }));
    await raised('a changed view');
    await publish(db, view, false);
    await raised('a publication');
    await expect(
      db.transaction(async (tx) => {
        await tx.query("UPDATE incidents SET title_en = 'never' WHERE id = $1", [corrected.id]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version(), 'a rolled-back write').toBe(last);
    await applySeed(db, { force: true });
    await raised('the seed applied again');
    // editors' sessions, failed sign-ins and the first administrator's setup link change no page a reader sees (signing
    // in keeps every cache); each history row comes with a write to the record it changes, which raises the version
    const PRIVATE = ['editor_sessions', 'sign_in_failures', 'changes', 'setup_links'];
    for (const table of PRIVATE) {
      await db.query(`DELETE FROM ${table} WHERE false`);
      expect(await version(), table).toBe(last);
    }
    // every other table readers see raises it, whatever writes to it (the schema's tables, listed by the engine)
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('meta', 'schema_migrations', ${PRIVATE.map((t) => `'${t}'`).join(', ')})`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const { table_name } of tables) {
      await db.query(`DELETE FROM ${table_name} WHERE false`);
      await raised(table_name);
    }
  });
});
