/**
 * Files as an unlucky newsroom or an attacker sends them, imported on PGlite and PostgreSQL: a
 * stray quote in a field, an unclosed quote, an image renamed .csv, UTF-16 in either byte order
 * with and without its mark, a line of megabytes, a GeoJSON feature at latitude 999 or nested
 * 100,000 arrays deep, a geometry of a million positions, and a file that fails after some
 * batches were written. Each broken row is rejected alone with its line; a file that is not text
 * or too long a line is refused whole with the status that says why; what was written before a
 * fault is said. Rows are generated here, marked as test data.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/store';
import { importFile } from '@/lib/imports/file';
import { ImportError, type ImportReport, ImportStopped } from '@/lib/imports/report';
import { storeEngines } from '../engines';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
/** An ACLED row of test data at Saraqib; `notes` as given (quoted or not). */
const row = (id: string, notes = 'TEST DATA invented for the hostile-file tests', day = 20) =>
  `${id},2020-02-${day},2020,1,Political violence,Battles,Armed clash,Military Forces of Syria (2000-2024),,State forces,Hayat Tahrir al Sham,,Rebel group,State forces-Rebel group,,760,Middle East,Syria,Idleb,Idleb,,Saraqib,35.8644,36.8059,1,Test Wire,National,${notes},1,,1582502400`;
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;
const once = async function* (bytes: Uint8Array) {
  yield bytes;
};
const utf8 = (text: string) => once(new TextEncoder().encode(text));
/** UTF-16 bytes of a text, in either byte order, with or without the byte-order mark. */
function utf16(text: string, endian: 'le' | 'be', bom: boolean): AsyncIterable<Uint8Array> {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))];
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    const [hi, lo] = [u >> 8, u & 0xff];
    out[2 * i] = endian === 'le' ? lo : hi;
    out[2 * i + 1] = endian === 'le' ? hi : lo;
  });
  // sent in chunks of odd sizes: a character split between two chunks is read whole
  return (async function* () {
    for (let i = 0; i < out.length; i += 333) yield out.subarray(i, i + 333);
  })();
}

describe.each(storeEngines('hostile'))('hostile and broken files on $name', ({ open }) => {
  const withDb = (fn: (db: Db) => Promise<void>) => async (ctx: { skip: () => void }) => {
    const db = await open();
    if (!db) return ctx.skip();
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  };
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  };
  const incidents = async (db: Db, like: string) =>
    Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents WHERE id LIKE $1', [like]))[0]?.n);

  it(
    'keeps a quote inside a field as written, and rejects a record whose quote never closes, alone, with its line',
    withDb(async (db) => {
      const report = await importFile(
        db,
        utf8(csv(row('TSTQ1', 'He said "hello" there'), row('TSTQ2'), row('TSTQ3', '"never closed'), row('TSTQ4'))),
        {},
      );
      expect(report.inserted).toBe(2);
      const [said] = await db.query<{ statement: string }>("SELECT statement_en AS statement FROM claims WHERE id LIKE 'acled-tstq1%'");
      expect(said?.statement).toContain('He said "hello" there');
      expect(report.rejected).toHaveLength(1);
      expect(report.rejected[0]?.reason).toMatch(/^not readable as CSV: Quote Not Closed/);
      expect(report.rejected[0]?.line).toBeGreaterThanOrEqual(4);
    }),
  );

  it(
    'refuses an image renamed .csv with 415, saying what it looks like, and writes nothing',
    withDb(async (db) => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
      const err = await refusal(importFile(db, once(png), {}));
      expect(err.status).toBe(415);
      expect(err.message).toBe('The file is not text: it looks like a PNG image. Send a CSV or GeoJSON export.');
      const binary = await refusal(importFile(db, once(new Uint8Array([1, 2, 3, 0, 0, 7, 200, 14, 15, 16, 0, 0])), {}));
      expect(binary.status).toBe(415);
    }),
  );

  it(
    'reads UTF-16 in either byte order, with or without its mark, as it reads UTF-8',
    withDb(async (db) => {
      for (const [n, [endian, bom]] of (
        [
          ['le', true],
          ['le', false],
          ['be', true],
          ['be', false],
        ] as const
      ).entries()) {
        const report = await importFile(db, utf16(csv(row(`TSTU${n}A`, 'Idlib – “quoted” é'), row(`TSTU${n}B`)), endian, bom), {});
        expect(report, `${endian} ${bom}`).toMatchObject({ rowsRead: 2, inserted: 2, rejectedCount: 0 });
        const [s] = await db.query<{ statement: string }>('SELECT statement_en AS statement FROM claims WHERE id LIKE $1', [
          `acled-tstu${n}a%`,
        ]);
        expect(s?.statement).toContain('Idlib – “quoted” é');
      }
    }),
  );

  it(
    'refuses a line of megabytes with 413 without holding the file in memory, and writes nothing',
    withDb(async (db) => {
      async function* endless() {
        // 64 MiB with no line break, sent in 1 MiB chunks: refused long before the end
        const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
        for (let i = 0; i < 64; i++) yield chunk;
      }
      const before = process.memoryUsage().rss;
      const err = await refusal(importFile(db, endless(), {}));
      expect(err.status).toBe(413);
      expect(err.message).toMatch(/^Line 1 is longer than 1 MiB/);
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    }),
  );

  it(
    'says what was written when a fault stops the file part-way: a later fault never hides an earlier commit',
    withDb(async (db) => {
      const rows = Array.from({ length: 1300 }, (_, i) => row(`TSTP${i}`));
      // after 1,300 rows, a line no export holds
      const text = `${csv(...rows)}${'y'.repeat(2 * 1024 * 1024)}\n${row('TSTPLAST')}\n`;
      const err = await importFile(db, utf8(text), { batchRows: 500 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImportStopped);
      const { report, reason } = err as ImportStopped;
      expect(reason).toBeInstanceOf(ImportError);
      expect((reason as ImportError).status).toBe(413);
      // every row before the fault written, and said; exactly what the store holds
      expect(report.inserted).toBe(1300);
      expect(await incidents(db, 'acled-tstp%')).toBe(report.inserted);
    }),
  );
});

describe.each(storeEngines('hostile_geo'))('hostile GeoJSON on $name', ({ open }) => {
  const feature = (id: string, place: object, geometry: unknown = null) =>
    JSON.stringify({
      type: 'Feature',
      id,
      geometry,
      properties: {
        id,
        date: '2020-02-20',
        datePrecision: 'day',
        geoPrecision: 1,
        locationNote: null,
        eventType: 'battles',
        subEventType: 'armed-clash',
        scope: 'event',
        title: { en: 'TEST DATA: a clash', fr: 'DONNÉES DE TEST : un affrontement' },
        summary: { en: 'Invented for the hostile-file tests.', fr: 'Inventé pour les tests.' },
        actorRoles: [{ actor: 'syrian-government-forces', side: 'a', role: 'primary' }],
        reportedBy: ['afp'],
        claims: [
          {
            id: `${id}-claim`,
            claimant: 'afp',
            via: null,
            claimedOn: '2020-02-20',
            perpetrators: [],
            targets: [],
            attribution: { en: 'None given.', fr: 'Aucune.' },
            casualties: [],
            equipment: [],
            statement: { en: 'Test data.', fr: 'Données de test.' },
          },
        ],
        place,
        sources: [],
        actorIndex: [],
      },
    });
  const place = (id: string, lat: number, lon = 36.8) => ({ id, name: { en: `Test place ${id}`, fr: `Lieu de test ${id}` }, lat, lon });

  it('rejects a feature at latitude 999 or nested 100,000 deep alone, with its line; notes geometries set aside', async (ctx) => {
    const db = await open();
    if (!db) return ctx.skip();
    try {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const million = { type: 'LineString', coordinates: Array.from({ length: 1_000_000 }, (_, i) => [36 + i / 1e7, 35.8]) };
      const lines = [
        feature('test-hostile-ok', place('test-place-ok', 35.9)),
        feature('test-hostile-lat', place('test-place-lat', 999)),
        deep,
        feature('test-hostile-far', place('test-place-far', 35.95), { type: 'Point', coordinates: [36.8, 999] }),
        feature('test-hostile-long', place('test-place-long', 35.96), million),
      ];
      const report: ImportReport = await importFile(
        db,
        (async function* () {
          yield new TextEncoder().encode(`${lines.join('\n')}\n`);
        })(),
        {},
      );
      expect(report).toMatchObject({ rowsRead: 5, inserted: 3, rejectedCount: 2 });
      expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
        [2, 'place.lat: Too big: expected number to be <=90'],
        [3, 'not valid JSON (nested deeper than 64 arrays and objects)'],
      ]);
      expect(report.notes.map((n) => [n.line, n.id])).toEqual([
        [4, 'test-hostile-far'],
        [5, 'test-hostile-long'],
      ]);
      expect(report.notes[0]?.note).toMatch(/^its geometry is not a position on Earth/);
      expect(report.notes[1]?.note).toMatch(
        /^its geometry \(LineString, 1,000,000 positions\) is not kept: the incident stands at its place/,
      );
      const [stored] = await db.query<{ lat: number }>("SELECT lat FROM incidents WHERE id = 'test-hostile-far'");
      expect(stored?.lat).toBe(35.95);
    } finally {
      await db.close();
    }
  });
});

describe('npm run import, as an operator runs it', () => {
  it('writes the rejected rows beside the input (or where --report says), not into the current directory; refuses an image in one line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-cli-'));
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-cwd-'));
    try {
      const input = path.join(dir, 'export.csv');
      fs.writeFileSync(input, csv(row('TSTC1'), row('TSTC2', '"never closed')));
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts/import.ts'), ...args], {
          cwd: ROOT,
          env: { ...process.env, PGLITE_DIR: path.join(dir, 'store'), DATABASE_URL: '' },
          encoding: 'utf8',
          timeout: 120_000,
        });
      const r = run(input);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('rejected 1');
      expect(fs.readFileSync(path.join(dir, 'export.rejected.csv'), 'utf8')).toMatch(
        /^line,id,reason\n\d+,,not readable as CSV: Quote Not Closed/,
      );
      expect(fs.existsSync(path.join(ROOT, 'export.rejected.csv'))).toBe(false);
      const elsewhere = path.join(cwd, 'mine.csv');
      expect(run(input, '--report', elsewhere).status).toBe(0);
      expect(fs.existsSync(elsewhere)).toBe(true);
      // an image renamed .csv: one line saying why, exit 1, no stack trace
      const png = path.join(dir, 'photo.csv');
      fs.writeFileSync(png, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      const refused = run(png);
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim()).toBe(
        `Cannot import ${png}: The file is not text: it looks like a PNG image. Send a CSV or GeoJSON export.`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
