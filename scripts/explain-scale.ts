/**
 * npm run bench:explain — EXPLAIN ANALYZE of the list's statements before and after the narrow
 * table and its indexes (migration 8), on a filled PostgreSQL store (default the 1M one of
 * bench:scale; EXPLAIN_DB names another). "Before" is the statement as it was written against
 * the wide incidents table (and, for text search, without the trigram index, dropped inside a
 * transaction that is rolled back); "after" is today's. Each is run three times; the last plan
 * is printed, shortened to its nodes and timings.
 */
import pg from 'pg';
import { ADMIN_URL } from '../tests/pg';

const url = new URL(ADMIN_URL);
url.pathname = `/${process.env.EXPLAIN_DB ?? 'conflict_map_bench_1000000'}`;
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();

const [busy] = (
  await client.query<{ lon: number; lat: number }>(
    'SELECT p.lon, p.lat FROM places p JOIN place_tolls t ON t.place_id = p.id ORDER BY t.incidents DESC LIMIT 1',
  )
).rows;
const [quiet] = (
  await client.query<{ lon: number; lat: number }>(
    "SELECT p.lon, p.lat FROM places p JOIN place_tolls t ON t.place_id = p.id WHERE t.incidents > 0 AND p.kind = 'locality' ORDER BY t.incidents, p.id LIMIT 1",
  )
).rows;
if (!busy || !quiet) throw new Error('an empty store');
const box = [busy.lon - 0.25, busy.lat - 0.2, busy.lon + 0.25, busy.lat + 0.2];
const month = ['2019-06-01', '2019-06-30'];

const cases: { name: string; before: string; after: string; params: unknown[]; beforeSetup?: string }[] = [
  {
    name: 'viewport: a dense box (50 × 40 km), one month, newest 201',
    params: [...box, ...month],
    before: `SELECT i.id FROM incidents i WHERE i.lon BETWEEN $1 AND $3 AND i.lat BETWEEN $2 AND $4
      AND i.date_end >= $5::date AND i.date <= $6::date ORDER BY i.date DESC, i.id DESC LIMIT 201`,
    // the page looked for among the newest rows first (listIncidents): a dense box fills it there
    after: `SELECT x.id FROM (SELECT p.id, p.date, p.lon, p.lat FROM incident_points p
      WHERE p.date_end >= $5::date AND p.date >= $5::date - 31 AND p.date <= $6::date ORDER BY p.date DESC, p.id DESC LIMIT 20000) x
      WHERE x.lon BETWEEN $1 AND $3 AND x.lat BETWEEN $2 AND $4 ORDER BY x.date DESC, x.id DESC LIMIT 201`,
  },
  {
    name: 'viewport: the same dense box, all time, newest 201',
    params: box,
    before: `SELECT i.id FROM incidents i WHERE i.lon BETWEEN $1 AND $3 AND i.lat BETWEEN $2 AND $4 ORDER BY i.date DESC, i.id DESC LIMIT 201`,
    after: `SELECT x.id FROM (SELECT p.id, p.date, p.lon, p.lat FROM incident_points p ORDER BY p.date DESC, p.id DESC LIMIT 20000) x
      WHERE x.lon BETWEEN $1 AND $3 AND x.lat BETWEEN $2 AND $4 ORDER BY x.date DESC, x.id DESC LIMIT 201`,
  },
  {
    name: 'viewport: a sparse box (2 × 2 km around the quietest locality: the newest rows hold too few), all time, newest 201',
    params: [quiet.lon - 0.01, quiet.lat - 0.01, quiet.lon + 0.01, quiet.lat + 0.01],
    before: `SELECT i.id FROM incidents i WHERE i.lon BETWEEN $1 AND $3 AND i.lat BETWEEN $2 AND $4 ORDER BY i.date DESC, i.id DESC LIMIT 201`,
    after: `SELECT p.id FROM incident_points p WHERE p.lon BETWEEN $1 AND $3 AND p.lat BETWEEN $2 AND $4
      ORDER BY p.date DESC, p.id DESC LIMIT 201`,
  },
  {
    name: 'viewport: the dense box, one month, counted (to 10,001): the box as point <@ box on a GiST index (migrations 8–10), then as ranges',
    params: [...box, ...month],
    beforeSetup: 'CREATE INDEX incident_points_point ON incident_points USING gist (point(lon, lat))',
    before: `SELECT count(*) FROM (SELECT 1 FROM incident_points p WHERE point(p.lon, p.lat) <@ box(point($1, $2), point($3, $4))
      AND p.date_end >= $5::date AND p.date >= $5::date - 31 AND p.date <= $6::date LIMIT 10001) x`,
    after: `SELECT count(*) FROM (SELECT 1 FROM incident_points p WHERE p.lon BETWEEN $1 AND $3 AND p.lat BETWEEN $2 AND $4
      AND p.date_end >= $5::date AND p.date >= $5::date - 31 AND p.date <= $6::date LIMIT 10001) x`,
  },
  {
    name: 'text search q (no match), newest 201',
    params: ['%zzqx%'],
    beforeSetup: 'DROP INDEX incidents_search_trgm',
    before: 'SELECT i.id FROM incidents i WHERE i.search_text LIKE $1 ORDER BY i.date DESC, i.id DESC LIMIT 201',
    after: `SELECT p.id FROM incident_points p WHERE EXISTS (SELECT 1 FROM incidents x WHERE x.id = p.id AND x.search_text LIKE $1)
      ORDER BY p.date DESC, p.id DESC LIMIT 201`,
  },
  {
    name: 'an actor, newest 201',
    params: [['synthetic-militia']],
    before: `SELECT i.id FROM incidents i WHERE (EXISTS (SELECT 1 FROM incident_actors ia WHERE ia.incident_id = i.id AND ia.actor_id = ANY($1::text[]))
      OR EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id AND (c.perpetrators && $1::text[] OR c.targets && $1::text[])))
      ORDER BY i.date DESC, i.id DESC LIMIT 201`,
    after: 'SELECT p.id FROM incident_points p WHERE p.actors && $1::text[] ORDER BY p.date DESC, p.id DESC LIMIT 201',
  },
  {
    name: 'an actor, counted (to 10,001)',
    params: [['synthetic-militia']],
    before: `SELECT count(*) FROM incidents i WHERE (EXISTS (SELECT 1 FROM incident_actors ia WHERE ia.incident_id = i.id AND ia.actor_id = ANY($1::text[]))
      OR EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id AND (c.perpetrators && $1::text[] OR c.targets && $1::text[])))`,
    after: 'SELECT count(*) FROM (SELECT 1 FROM incident_points p WHERE p.actors && $1::text[] LIMIT 10001) x',
  },
  {
    name: 'a source, newest 201',
    params: [['synthetic-ministry']],
    before: `SELECT i.id FROM incidents i WHERE (EXISTS (SELECT 1 FROM incident_sources x WHERE x.incident_id = i.id AND x.source_id = ANY($1::text[]))
      OR EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id AND (c.claimant_id = ANY($1::text[]) OR c.via_id = ANY($1::text[]))))
      ORDER BY i.date DESC, i.id DESC LIMIT 201`,
    after: 'SELECT p.id FROM incident_points p WHERE p.sources && $1::text[] ORDER BY p.date DESC, p.id DESC LIMIT 201',
  },
  {
    name: 'one month, all places, counted',
    params: month,
    before: 'SELECT count(*) FROM incidents i WHERE i.date_end >= $1::date AND i.date <= $2::date',
    after: `SELECT coalesce((SELECT sum(d.n) FROM incident_days d WHERE d.n <> 0 AND d.day >= $1::date AND d.day <= $2::date), 0)
      + (SELECT count(*) FROM incident_points p WHERE p.date_end >= $1::date AND p.date >= $1::date - 31 AND p.date <= $2::date
        AND p.date < $1::date)`,
  },
];

async function plan(sql: string, params: unknown[], setup?: string): Promise<string[]> {
  let lines: string[] = [];
  for (let i = 0; i < 3; i++) {
    await client.query('BEGIN');
    try {
      if (setup) await client.query(setup);
      const r = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${sql}`, params);
      lines = r.rows.map((row) => String(row['QUERY PLAN']));
    } finally {
      await client.query('ROLLBACK');
    }
  }
  return lines
    .filter((l) => !/^\s*(Sort Method|Heap Blocks|Rows Removed by Index Recheck|Planning Time)/.test(l))
    .map((l) => l.slice(0, 150));
}

const count = (await client.query('SELECT count(*)::int AS n FROM incidents')).rows[0].n;
console.log(
  `EXPLAIN ANALYZE on ${url.pathname.slice(1)} (${count.toLocaleString('en')} incidents), box around ${busy.lon.toFixed(3)}, ${busy.lat.toFixed(3)}\n`,
);
for (const c of cases) {
  console.log(
    `### ${c.name}\n-- before\n${(await plan(c.before, c.params, c.beforeSetup)).join('\n')}\n-- after\n${(await plan(c.after, c.params)).join('\n')}\n`,
  );
}
await client.end();
