/**
 * npm run bench:history — what keeping the history costs, on a 100k-incident store, PostgreSQL
 * and PGlite, in one run:
 *
 * - a save with its history row (lib/db/corrections.ts saveIncident: the incident locked, read
 *   before, written, read after, the change recorded) against the same save without history
 *   (locked, written, then read back as the API answers), alternating, on the same incidents;
 * - reading an incident as of a past moment (`?asOf=`, from its history) and as of now (no change
 *   since: the history is asked, then the store) against the current read.
 *
 * Targets (issue 13): a save with history ≤ 1.5× one without; asOf ≤ 2× the current read.
 * The stores are copies of bench:scale's 100k stores (PostgreSQL conflict_map_bench_100000 as a
 * template, PGlite bench-results/scale/pglite-100000), filled by `npm run bench:scale` or here
 * with `npm run data:synthetic` when missing, and thrown away afterwards: the saves write.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { codedRecord, saveIncident } from '../lib/db/corrections';
import { changedSince, countIncidentsAsOf, getPlaceAsOf, incidentAsOf, listIncidentsAsOf } from '../lib/db/as-of';
import { migrate } from '../lib/db/migrate';
import { countIncidents, listIncidents } from '../lib/db/incident-lists';
import { getIncident } from '../lib/db/incident-read';
import type { IncidentView } from '@/lib/incident/view';
import { getPlace } from '../lib/db/places';
import type { IncidentFilter } from '../lib/db/incident-filter';
import { upsertIncidents } from '@/lib/db/bulk';
import { type Db, openStore } from '../lib/db/store';
import { ADMIN_URL } from '../tests/pg';

const SIZE = 100_000;
const N = Number(process.env.BENCH_HISTORY_SAVES ?? 60);
const OUT = path.resolve('bench-results/history');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))]!;
const ms = (t: number) => `${t.toFixed(1)} ms`;

function fill(env: Record<string, string>) {
  execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/data-synthetic.ts', '--count', String(SIZE)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function postgresCopy(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = 'conflict_map_bench_history';
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const source = `conflict_map_bench_${SIZE}`;
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [source])).rowCount;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (exists) await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  else {
    await admin.query(`CREATE DATABASE ${name}`);
    fill({ DATABASE_URL: url.toString() });
  }
  await admin.end();
  const db = await openStore({ databaseUrl: url.toString(), pgliteDir: '' });
  return {
    db,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

async function pgliteCopy(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const dir = path.join(OUT, 'pglite');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const source = path.resolve(`bench-results/scale/pglite-${SIZE}`);
  if (fs.existsSync(path.join(source, '.bench-filled'))) fs.cpSync(source, dir, { recursive: true });
  else {
    fs.mkdirSync(dir, { recursive: true });
    fill({ PGLITE_DIR: dir });
  }
  const db = await openStore({ pgliteDir: dir });
  return {
    db,
    drop: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The save as it was before the history: the incident locked, written, then read back as PUT answers. */
async function saveWithoutHistory(db: Db, inc: ReturnType<typeof codedRecord>): Promise<IncidentView | null> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [inc.id]);
    await upsertIncidents(tx, [inc]);
  });
  return getIncident(db, inc.id);
}

async function run(label: string, open: () => Promise<{ db: Db; drop: () => Promise<void> }>) {
  const { db, drop } = await open();
  try {
    await migrate(db);
    const ids = (
      await db.query<{ id: string }>("SELECT id FROM incidents WHERE id LIKE 'syn-1-%' ORDER BY id LIMIT $1 OFFSET 5000", [N])
    ).map((r) => r.id);
    const records = await Promise.all(ids.map(async (id) => codedRecord((await getIncident(db, id))!)));
    // warm both paths
    for (const r of records.slice(0, 5)) {
      await saveWithoutHistory(db, r);
      await saveIncident(db, r, { author: { kind: 'service' } });
    }
    const without: number[] = [];
    const withHistory: number[] = [];
    const ratios: number[] = [];
    let between = '';
    for (const [i, r] of records.entries()) {
      const a = async () => {
        const t = performance.now();
        await saveWithoutHistory(db, r);
        return performance.now() - t;
      };
      const b = async () => {
        const t = performance.now();
        await saveIncident(db, r, { author: { kind: 'service' } });
        return performance.now() - t;
      };
      // alternate which goes first, so that neither always finds the pages warm
      let ta: number;
      let tb: number;
      if (i % 2) {
        ta = await a();
        tb = await b();
      } else {
        tb = await b();
        ta = await a();
      }
      without.push(ta);
      withHistory.push(tb);
      ratios.push(tb / ta);
      if (i === Math.floor(records.length / 2)) {
        const [row] = await db.query<{ at: string }>('SELECT to_char(now() AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\') AS at');
        between = row!.at;
      }
    }
    // one more save of the first half, so that `between` falls between two recorded changes of theirs
    for (const r of records.slice(0, records.length / 2)) await saveIncident(db, r, { author: { kind: 'service' } });
    const current: number[] = [];
    const past: number[] = [];
    const now: number[] = [];
    const nowIso = new Date(Date.now() + 60_000).toISOString();
    // one incident, as GET /api/incidents/{id}?asOf= reads it
    const asOfOne = async (id: string, at: string) => incidentAsOf(db, await changedSince(db, at, [id]), id);
    for (const id of ids) {
      let t = performance.now();
      await getIncident(db, id);
      current.push(performance.now() - t);
      t = performance.now();
      const then = await asOfOne(id, between);
      past.push(performance.now() - t);
      if (!then.known || !then.state) throw new Error(`${id} has no state as of ${between}`);
      t = performance.now();
      await asOfOne(id, nowIso);
      now.push(performance.now() - t);
    }
    // lists and a place, as GET /api/incidents?asOf= and /api/places/{id}?asOf= read them: the
    // first page and its count, now and as of the moment between the saves (with the changes since)
    const some = (await getIncident(db, ids[0]!))!;
    const lists: [string, Omit<IncidentFilter, 'limit'>][] = [
      ['list, no filter', {}],
      [
        'list, a type and a year',
        { types: [some.eventType], from: `${some.date.slice(0, 4)}-01-01`, to: `${some.date.slice(0, 4)}-12-31` },
      ],
      ['list, a box', { bbox: [some.lon - 0.2, some.lat - 0.2, some.lon + 0.2, some.lat + 0.2] }],
      ['list, a place', { places: [some.place.id], order: 'oldest' }],
    ];
    const listRows: string[] = [];
    for (const [name, f] of lists) {
      const cur: number[] = [];
      const then: number[] = [];
      for (let k = 0; k < 15; k++) {
        let t = performance.now();
        await Promise.all([listIncidents(db, { ...f, limit: 200 }), countIncidents(db, f)]);
        cur.push(performance.now() - t);
        t = performance.now();
        const since = await changedSince(db, between);
        await Promise.all([listIncidentsAsOf(db, since, { ...f, limit: 200 }), countIncidentsAsOf(db, since, f)]);
        then.push(performance.now() - t);
      }
      const r = median(then) / median(cur);
      listRows.push(
        `  ${name.padEnd(26)} now ${ms(median(cur))}, asOf ${ms(median(then))}  ${r.toFixed(2)}× (target ≤ 2×: ${r <= 2 ? 'met' : 'NOT met'})`,
      );
    }
    const placeCur: number[] = [];
    const placeThen: number[] = [];
    for (let k = 0; k < 7; k++) {
      let t = performance.now();
      await getPlace(db, some.place.id);
      placeCur.push(performance.now() - t);
      t = performance.now();
      await getPlaceAsOf(db, await changedSince(db, between), some.place.id, { limit: 50 });
      placeThen.push(performance.now() - t);
    }
    const placeRatio = median(placeThen) / median(placeCur);
    const [{ here }] = (await db.query<{ here: number }>('SELECT count(*)::int AS here FROM incidents WHERE place_id = $1', [
      some.place.id,
    ])) as [{ here: number }];
    listRows.push(
      `  ${`place (${here.toLocaleString('en')} incidents)`.padEnd(26)} now ${ms(median(placeCur))}, asOf ${ms(median(placeThen))}  ${placeRatio.toFixed(2)}× (target ≤ 2×: ${placeRatio <= 2 ? 'met' : 'NOT met'})`,
    );
    const changed = (await changedSince(db, between)).versions.size;
    const [{ n }] = (await db.query<{ n: string }>('SELECT count(*) AS n FROM incidents')) as [{ n: string }];
    const saveRatio = median(withHistory) / median(without);
    const pastRatio = median(past) / median(current);
    const nowRatio = median(now) / median(current);
    console.log(`\n${label}, ${Number(n).toLocaleString('en')} incidents, ${ids.length} saves each way (median / p95)`);
    console.log(`  save without history   ${ms(median(without))} / ${ms(p95(without))}`);
    console.log(`  save with history      ${ms(median(withHistory))} / ${ms(p95(withHistory))}`);
    console.log(
      `  ratio ${saveRatio.toFixed(2)}× (paired median ${median(ratios).toFixed(2)}×; target ≤ 1.5×: ${saveRatio <= 1.5 ? 'met' : 'NOT met'})`,
    );
    console.log(`  current read           ${ms(median(current))} / ${ms(p95(current))}`);
    console.log(
      `  asOf a past moment     ${ms(median(past))} / ${ms(p95(past))}  ${pastRatio.toFixed(2)}× (target ≤ 2×: ${pastRatio <= 2 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  asOf now (no change)   ${ms(median(now))} / ${ms(p95(now))}  ${nowRatio.toFixed(2)}× (target ≤ 2×: ${nowRatio <= 2 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  lists and a place as of the moment between the saves (${changed} incidents changed since; first page of 200 and count, median of 15):`,
    );
    for (const row of listRows) console.log(row);
  } finally {
    await drop();
  }
}

await run('PostgreSQL', postgresCopy);
await run('PGlite', pgliteCopy);
