/**
 * Importing ACLED and UCDP GED exports, on PGlite and PostgreSQL, from test files in every shape
 * real exports take (tests/fixtures/imports: invented rows, marked as test data).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedSince, incidentAsOf } from '@/lib/db/as-of';
import { getIncident } from '@/lib/db/incident-read';
import { getPlaceRecord } from '@/lib/db/places';
import { type Db, openPglite } from '@/lib/db/store';
import { parseDay, placeKey } from '@/lib/imports/text';
import { incidentsGeoJson } from '@/lib/exports/incidents';
import { importFile } from '@/lib/imports/file';
import { ImportError } from '@/lib/imports/report';
import { importCsv } from '@/lib/imports/run';
import { seeded, storeEngines } from '../engines';

const FIXTURES = 'tests/fixtures/imports';
const file = (name: string) => fs.createReadStream(path.join(FIXTURES, name));
const bytes = async function* (text: string) {
  yield new TextEncoder().encode(text);
};

describe('what exports spell many ways', () => {
  it('reads dates in the three formats, and refuses days that do not exist', () => {
    expect(parseDay('2020-05-09')).toBe('2020-05-09');
    expect(parseDay('2020-05-09 00:00:00.000')).toBe('2020-05-09');
    expect(parseDay('09 May 2020')).toBe('2020-05-09');
    expect(parseDay('9-May-20')).toBe('2020-05-09');
    expect(parseDay('9-May-98')).toBe('1998-05-09');
    expect(parseDay('9 Sept 2020')).toBe('2020-09-09');
    expect(parseDay('2020-02-31')).toBeNull();
    expect(parseDay('31-Feb-20')).toBeNull();
    expect(parseDay('May 9, 2020')).toBeNull();
  });
  it('folds place names across transliterations, the article and the kind of place', () => {
    expect(placeKey('Al-Nayrab')).toBe(placeKey('Nayrab'));
    expect(placeKey('an Nayrab')).toBe(placeKey('Nayrab'));
    expect(placeKey("Ma'arrat Misrin")).toBe(placeKey('Maarat Misrin'));
    expect(placeKey('Saraqib town')).toBe(placeKey('Saraqib'));
    expect(placeKey('Idleb Governorate')).toBe(placeKey('Idleb'));
    expect(placeKey('Saraqib')).not.toBe(placeKey('Sarmin'));
  });
});

const engines = storeEngines('import');

describe.each(engines)('importing on $name', ({ open }) => {
  let db: Db | null = null;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  const count = async () => Number((await (db as Db).query<{ n: number }>('SELECT count(*)::int AS n FROM incidents'))[0]?.n);

  it('writes nothing on a dry run, but reports what it would do', async (ctx) => {
    if (!db) return ctx.skip();
    const before = await count();
    const report = await importCsv(db, file('acled-current.csv'), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, rowsRead: 6, inserted: 4, rejectedCount: 2 });
    expect(await count()).toBe(before);
    expect((await db.query('SELECT id FROM places WHERE origin IS NOT NULL')).length).toBe(0);
  });

  it('imports ACLED’s current export: one claim by ACLED per row, places matched by name and distance', async (ctx) => {
    if (!db) return ctx.skip();
    const report = await importCsv(db, file('acled-current.csv'), { batchRows: 2 });
    expect(report).toMatchObject({
      format: 'acled-current',
      rowsRead: 6,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      rejectedCount: 2,
      reencodedLines: 1,
      placesCreated: 1,
    });
    expect(report.rejected).toEqual([
      { line: 6, id: null, reason: 'event_date "2020-02-31" is not a date' },
      { line: 7, id: null, reason: 'event_type "Skirmishes" is not an ACLED event type' },
    ]);
    const clash = await getIncident(db, 'acled-tst1001');
    // "Nayrab" at 35.87, 36.72 is the village by Idlib; the row named Nayrab by Aleppo airport is the other one
    expect(clash?.place.id).toBe('nayrab-idlib');
    expect((await getIncident(db, 'acled-tst1006'))?.place.id).toBe('nayrab-aleppo');
    expect((await getIncident(db, 'acled-tst1002'))?.place.id).toBe('saraqib');
    expect(clash).toMatchObject({
      date: '2020-02-20',
      datePrecision: 'day',
      eventType: 'battles',
      subEventType: 'armed-clash',
      geoPrecision: 1,
    });
    expect(clash?.reportedBy).toEqual(['src-test-monitor', 'src-test-wire']);
    expect(clash?.actors.map((a) => [a.actor, a.side, a.role])).toEqual([
      ['military-forces-of-syria-2000-2024', 'a', 'primary'],
      ['military-forces-of-russia-1991', 'a', 'associated'],
      ['militia-pro-government', 'a', 'associated'],
      ['hayat-tahrir-al-sham', 'b', 'primary'],
    ]);
    const claim = clash?.claims[0];
    expect(claim).toMatchObject({ id: 'acled-tst1001-coded', claimant: 'acled', via: 'src-test-wire', perpetrators: [], targets: [] });
    expect(claim?.casualties).toEqual([
      {
        group: 'all',
        label: { en: 'all parties (ACLED’s count)', fr: 'toutes parties (décompte d’ACLED)' },
        killed: { low: 4, high: 4 },
        wounded: null,
        countedIn: null,
      },
    ]);
    // the quoted notes keep their line break; the Windows-1252 byte is read as é
    expect(clash?.summary.en).toContain('\nSecond line of the notes');
    expect((await getIncident(db, 'acled-tst1002'))?.summary.en).toContain('accent: é.');
    // an air strike: ACLED's actor 1 is the one it says struck
    expect((await getIncident(db, 'acled-tst1002'))?.claims[0]).toMatchObject({
      perpetrators: ['military-forces-of-russia-1991'],
      targets: ['civilians-syria'],
    });
    // a place nobody knew: made, flagged as ACLED's
    const testville = (await getIncident(db, 'acled-tst1003'))?.place;
    expect(testville).toMatchObject({ kind: 'locality', name: { en: 'Testville', fr: 'Testville', ar: '' }, lat: 35.9, lon: 36.6 });
    expect((await db.query<{ origin: string }>('SELECT origin FROM places WHERE id = $1', [testville?.id]))[0]?.origin).toBe('acled');
    // never merged silently: the row that likely describes the seed's Al-Nayrab attack is listed, not folded in
    expect(report.candidates).toContainEqual({
      line: 3,
      claim: 'acled-tst1001-coded',
      incident: 'idlib-2020-02-20-nayrab-attack',
      distanceKm: 0.1,
    });
    expect((await getIncident(db, 'idlib-2020-02-20-nayrab-attack'))?.claims).toHaveLength(1);
    const open = await db.query<{ incident_id: string; status: string }>(
      "SELECT incident_id, status FROM import_candidates WHERE claim_id = 'acled-tst1001-coded'",
    );
    expect(open).toContainEqual({ incident_id: 'idlib-2020-02-20-nayrab-attack', status: 'open' });
  });

  it('changes nothing on a re-import of the same file, and updates in place from an updated one', async (ctx) => {
    if (!db) return ctx.skip();
    const again = await importCsv(db, file('acled-current.csv'));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, placesCreated: 0 });
    const updated = fs
      .readFileSync(path.join(FIXTURES, 'acled-current.csv'), 'latin1')
      .replace(',Saraqeb,35.8623,36.8006,1,Test Wire,', ',Saraqeb,35.8623,36.8006,1,Test Wire; Test Monitor,');
    const report = await importCsv(db, bytes(updated));
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    expect((await getIncident(db, 'acled-tst1002'))?.reportedBy).toEqual(['src-test-monitor', 'src-test-wire']);
  });

  it('keeps its changes in the history: each incident it made, each it rewrote with both versions; read as of before, known', async (ctx) => {
    if (!db) return ctx.skip();
    const d = db;
    const rows = await d.query<{ at: string; action: string; author_kind: string; author_name: string; made: boolean; left: boolean }>(
      `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, action, author_kind, author_name,
         before IS NOT NULL AS made, after IS NOT NULL AS left
       FROM changes WHERE kind = 'incident' AND entity_id = 'acled-tst1002' ORDER BY seq`,
    );
    // made by the first import (no copy of what it became: the next change's before), rewritten by the updated file
    expect(rows.map(({ at: _, ...r }) => r)).toEqual([
      { action: 'create', author_kind: 'import', author_name: 'acled', made: false, left: false },
      { action: 'update', author_kind: 'import', author_name: 'acled', made: true, left: true },
    ]);
    const [made, rewritten] = rows as [(typeof rows)[number], (typeof rows)[number]];
    const before = await changedSince(d, new Date(Date.parse(made.at) - 1).toISOString());
    expect(before.unknown).toEqual([]);
    expect(await incidentAsOf(d, before, 'acled-tst1002')).toEqual({ known: true, state: null });
    const between = await changedSince(d, made.at);
    const then = await incidentAsOf(d, between, 'acled-tst1002');
    expect(then.known && then.state?.reportedBy).toEqual(['src-test-wire']);
    expect(Date.parse(rewritten.at)).toBeGreaterThan(Date.parse(made.at));
    // the first file again: only the row it changes back is recorded, not the three unchanged
    const count = async () =>
      Number((await d.query<{ n: number }>("SELECT count(*)::int AS n FROM changes WHERE author_kind = 'import'"))[0]?.n);
    const n = await count();
    await importCsv(d, file('acled-current.csv'));
    expect(await count()).toBe(n + 1);
  });

  it('imports the older 31-column layout, with dates re-saved by a spreadsheet', async (ctx) => {
    if (!db) return ctx.skip();
    const report = await importCsv(db, file('acled-31.csv'));
    expect(report).toMatchObject({ format: 'acled-31', inserted: 1, rejectedCount: 0 });
    expect(await getIncident(db, 'acled-tst2001')).toMatchObject({
      date: '2020-02-09',
      datePrecision: 'week',
      eventType: 'violence-against-civilians',
      subEventType: 'attack',
    });
    expect((await getIncident(db, 'acled-tst2001'))?.place.id).toBe('ariha');
  });

  it('imports an old API dump: upper-case headers in alphabetical order, an index column, pre-2019 event types', async (ctx) => {
    if (!db) return ctx.skip();
    const report = await importCsv(db, file('acled-api-27.csv'), { format: 'acled' });
    expect(report).toMatchObject({ format: 'acled-api-27', inserted: 3, rejectedCount: 0 });
    expect(await getIncident(db, 'acled-tst3001')).toMatchObject({ date: '2016-02-09', eventType: 'battles', subEventType: 'armed-clash' });
    expect((await getIncident(db, 'acled-tst3001'))?.actors.map((a) => a.actor)).toContain('militia-pro-government');
    expect(await getIncident(db, 'acled-tst3002')).toMatchObject({
      eventType: 'explosions-remote-violence',
      subEventType: 'air-drone-strike',
    });
    expect(await getIncident(db, 'acled-tst3003')).toMatchObject({ eventType: 'protests', subEventType: 'peaceful-protest' });
  });

  it('imports UCDP GED: deaths per side as lines, low–high with best kept, precision codes folded', async (ctx) => {
    if (!db) return ctx.skip();
    const report = await importCsv(db, file('ucdp-ged.csv'));
    expect(report).toMatchObject({ format: 'ucdp-ged', inserted: 2, rejectedCount: 1 });
    expect(report.rejected[0]).toMatchObject({ line: 4, reason: 'low 2, best 2 and high 1 are not in order' });
    const clash = await getIncident(db, 'ucdp-990001');
    expect(clash).toMatchObject({ eventType: 'battles', geoPrecision: 1, datePrecision: 'day', date: '2020-02-20' });
    expect(clash?.place.id).toBe('saraqib');
    const claim = clash?.claims[0];
    expect(claim?.claimant).toBe('ucdp');
    expect(claim?.totalKilled).toEqual({ low: 7, best: 9, high: 12 });
    expect(claim?.casualties.map((l) => [l.group, l.killed?.low])).toEqual([
      ['government-of-syria', 3],
      ['test-armed-group', 5],
      ['civilians', 1],
      ['unknown', 0],
    ]);
    // source_article's "…";"…" list, read through the CSV's "" escapes
    expect(claim?.statement.en).toContain(
      'Test Wire,2020-02-21,Clashes near Saraqib (TEST DATA) · Test Monitor,2020-02-21,Toll (TEST DATA)',
    );
    const oneSided = await getIncident(db, 'ucdp-990002');
    expect(oneSided).toMatchObject({ eventType: 'violence-against-civilians', geoPrecision: 3, datePrecision: 'month' });
    expect(oneSided?.place.id).toBe('idlib-governorate');
    expect(oneSided?.claims[0]?.perpetrators).toEqual(['test-armed-group']);
  });

  it('refuses a file that is no export it knows, or a format that is not its own, as a whole', async (ctx) => {
    if (!db) return ctx.skip();
    await expect(importCsv(db, bytes('a,b,c\n1,2,3\n'))).rejects.toThrow(ImportError);
    await expect(importCsv(db, file('ucdp-ged.csv'), { format: 'acled' })).rejects.toThrow(
      /--format acled was asked, but the header is a ucdp-ged file/,
    );
    await expect(importCsv(db, bytes(''))).rejects.toThrow(ImportError);
  });

  it('round-trips GeoJSON: what /api/incidents.geojson writes loads into another store, whole, once', async (ctx) => {
    if (!db) return ctx.skip();
    const exported = await new Response(incidentsGeoJson(db, { limit: 0 }, { test: true })).text();
    const total = await count();
    expect(exported.split('\n').length).toBeGreaterThan(total);
    const other = await seeded(await openPglite(fs.mkdtempSync(path.join(os.tmpdir(), 'import-geojson-'))));
    try {
      const first = await importFile(other, bytes(exported), {});
      // the seed's six were there already (written again, the same); the imported ones and their places arrive
      expect(first).toMatchObject({ format: 'geojson', rowsRead: total, inserted: total - 6, updated: 6, rejectedCount: 0 });
      expect(first.placesCreated).toBeGreaterThan(0);
      const back = await getIncident(other, 'acled-tst1003');
      const here = await getIncident(db, 'acled-tst1003');
      expect(back?.claims).toEqual(here?.claims);
      expect(back?.place).toMatchObject({ id: here?.place.id, kind: 'locality', lat: here?.place.lat, lon: here?.place.lon });
      expect(await importFile(other, bytes(exported), {})).toMatchObject({ inserted: 0, updated: 0, unchanged: total });
      // a collection on one line (as other tools write it), and features this product cannot take
      const oneLine = JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', id: 'x1', geometry: null, properties: { name: 'a town' } }],
      });
      const foreign = await importFile(other, bytes(oneLine), {});
      expect(foreign).toMatchObject({ rowsRead: 1, rejectedCount: 1 });
      expect(foreign.rejected[0]?.reason).toMatch(/not an incident in this product’s shape/);
      await expect(importFile(other, bytes('{"type": "Feature", '), { format: 'geojson' })).rejects.toThrow(ImportError);
    } finally {
      await other.close();
    }
  });

  it('keeps the places a dataset made apart from the gazetteer’s', async (ctx) => {
    if (!db) return ctx.skip();
    expect((await getPlaceRecord(db, 'nayrab-idlib'))?.kind).toBe('town');
  });
});
