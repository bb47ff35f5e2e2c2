/**
 * Summaries on write (lib/db/summaries.ts) against the rules they stand for
 * (lib/domain/casualties.ts): the figures stored beside each incident, the place tolls kept by
 * triggers and the totals by claimant must equal what the domain functions compute from the
 * claims themselves — on the seed, and on random incidents that count each other's dead,
 * rewritten and deleted, on both engines.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertIncidents } from '@/lib/db/bulk';
import { deleteIncident } from '@/lib/db/corrections';
import { getIncident } from '@/lib/db/incident-read';
import { getPlace } from '@/lib/db/places';
import type { Db } from '@/lib/db/store';
import { contestReasons, sumIncidents, summariseClaims, totalsByClaimant, type Range } from '@/lib/domain/casualties';
import type { Incident } from '@/lib/domain/schema';
import { seed } from '@/lib/db/seed';
import { storeEngines } from '../engines';

const range = (low: number | null, high: number | null): Range | null => (low === null || high === null ? null : { low, high });
const plain = (r: Range | null) => (r ? { low: r.low, high: r.high } : null);

interface Stored {
  id: string;
  place_id: string;
  killed_low: number | null;
  killed_high: number | null;
  wounded_low: number | null;
  wounded_high: number | null;
  net_killed_low: number | null;
  net_killed_high: number | null;
  net_wounded_low: number | null;
  net_wounded_high: number | null;
  contested_attribution: boolean;
  contested_toll: boolean;
  claim_count: number;
}

/** Everything stored for these incidents, checked against the domain's reading of their claims. */
async function expectSummariesMatch(db: Db, ids: readonly string[]) {
  const rows = await db.query<Stored>('SELECT * FROM incidents WHERE id = ANY($1::text[]) ORDER BY id', [ids]);
  const incidents = (await Promise.all(rows.map((r) => getIncident(db, r.id)))).flatMap((i) => (i ? [i] : []));
  expect(incidents.length).toBe(rows.length);
  for (const [k, row] of rows.entries()) {
    const inc = incidents[k];
    if (!inc) throw new Error('missing');
    const own = summariseClaims(inc.claims);
    expect({ id: row.id, killed: range(row.killed_low, row.killed_high), wounded: range(row.wounded_low, row.wounded_high) }).toEqual({
      id: inc.id,
      killed: plain(own.killed),
      wounded: plain(own.wounded),
    });
    const reasons = contestReasons(inc.claims);
    expect({ id: row.id, attribution: row.contested_attribution, toll: row.contested_toll, claims: row.claim_count }).toEqual({
      id: inc.id,
      attribution: reasons.includes('attribution'),
      toll: reasons.includes('toll'),
      claims: inc.claims.length,
    });
  }
  // the net reading: summed over the whole set, every victim once, as sumIncidents counts the set
  const net = sumIncidents(incidents);
  const add = (k: 'net_killed' | 'net_wounded') => {
    const with_ = rows.filter((r) => r[`${k}_low`] !== null);
    return with_.length === 0
      ? null
      : { low: with_.reduce((s, r) => s + (r[`${k}_low`] ?? 0), 0), high: with_.reduce((s, r) => s + (r[`${k}_high`] ?? 0), 0) };
  };
  expect({ killed: add('net_killed'), wounded: add('net_wounded') }).toEqual({ killed: plain(net.killed), wounded: plain(net.wounded) });

  // per place: the toll the triggers keep and the totals by claimant, as the domain reads the place's incidents
  for (const placeId of new Set(rows.map((r) => r.place_id))) {
    const atPlace = await db.query<{ id: string }>('SELECT id FROM incidents WHERE place_id = $1', [placeId]);
    const here = (await Promise.all(atPlace.map((r) => getIncident(db, r.id)))).flatMap((i) => (i ? [i] : []));
    const expected = sumIncidents(here);
    const [toll] = await db.query<{
      incidents: string;
      killed_n: string;
      killed_low: string;
      killed_high: string;
      wounded_n: string;
      wounded_low: string;
      wounded_high: string;
    }>('SELECT * FROM place_tolls WHERE place_id = $1', [placeId]);
    const stored = (n: string | undefined, low: string | undefined, high: string | undefined) =>
      Number(n) > 0 ? { low: Number(low), high: Number(high) } : null;
    expect({ place: placeId, n: Number(toll?.incidents), killed: stored(toll?.killed_n, toll?.killed_low, toll?.killed_high) }).toEqual({
      place: placeId,
      n: here.length,
      killed: plain(expected.killed),
    });
    expect(stored(toll?.wounded_n, toll?.wounded_low, toll?.wounded_high)).toEqual(plain(expected.wounded));
    const byClaimant = await db.query<{
      claimant_id: string;
      incidents: number;
      kl: number | null;
      kh: number | null;
      wl: number | null;
      wh: number | null;
    }>(
      `SELECT t.claimant_id, count(*) FILTER (WHERE t.has_account)::int AS incidents,
         sum(t.killed_low)::int AS kl, sum(t.killed_high)::int AS kh, sum(t.wounded_low)::int AS wl, sum(t.wounded_high)::int AS wh
       FROM incident_claimant_tolls t JOIN incidents i ON i.id = t.incident_id WHERE i.place_id = $1 GROUP BY t.claimant_id ORDER BY t.claimant_id`,
      [placeId],
    );
    const domain = totalsByClaimant(here)
      .map((t) => ({ claimant: t.claimant, incidents: t.incidents, killed: plain(t.killed), wounded: plain(t.wounded) }))
      .sort((a, b) => (a.claimant < b.claimant ? -1 : 1));
    expect(
      byClaimant.map((c) => ({ claimant: c.claimant_id, incidents: c.incidents, killed: range(c.kl, c.kh), wounded: range(c.wl, c.wh) })),
    ).toEqual(domain);
    // and the sums the triggers keep per place and claimant, which the place's details read
    const detail = await getPlace(db, placeId);
    expect(
      detail?.byClaimant.map((c) => ({ claimant: c.claimant, incidents: c.incidents, killed: plain(c.killed), wounded: plain(c.wounded) })),
    ).toEqual(domain);
    expect(detail?.casualties).toEqual({ killed: plain(expected.killed), wounded: plain(expected.wounded) });
  }
}

/**
 * The narrow map table holds every incident with its filters' arrays, and the grid and the
 * calendar kept by triggers equal the same counts taken afresh from it.
 */
async function expectAggregatesMatch(db: Db) {
  const diff = async (sql: string) => db.query<Record<string, unknown>>(sql);
  // one narrow row an incident, each with the actors and sources the incident names anywhere
  expect(
    await diff(`SELECT i.id FROM incidents i LEFT JOIN incident_points p ON p.id = i.id
      WHERE p.id IS NULL OR p.lon <> i.lon OR p.lat <> i.lat OR p.date <> i.date OR p.event_type <> i.event_type OR p.place_id <> i.place_id
        OR p.net_killed_low IS DISTINCT FROM i.net_killed_low OR p.net_killed_high IS DISTINCT FROM i.net_killed_high
        OR p.actors <> ARRAY(SELECT actor_id FROM incident_actors WHERE incident_id = i.id
             UNION SELECT unnest(perpetrators || targets) FROM claims WHERE incident_id = i.id ORDER BY 1)
        OR p.sources <> ARRAY(SELECT source_id FROM incident_sources WHERE incident_id = i.id
             UNION SELECT claimant_id FROM claims WHERE incident_id = i.id
             UNION SELECT via_id FROM claims WHERE incident_id = i.id AND via_id IS NOT NULL ORDER BY 1)`),
  ).toEqual([]);
  expect(await diff('SELECT p.id FROM incident_points p LEFT JOIN incidents i ON i.id = p.id WHERE i.id IS NULL')).toEqual([]);
  const fresh = `SELECT floor(lon / 0.02)::int AS gx, floor(lat / 0.02)::int AS gy, date_trunc('month', date)::date AS month, event_type,
      count(*)::bigint AS n, count(net_killed_low)::bigint AS kn, coalesce(sum(net_killed_low), 0)::bigint AS kl,
      coalesce(sum(net_killed_high), 0)::bigint AS kh, (count(*) FILTER (WHERE contested))::bigint AS contested
    FROM incident_points GROUP BY 1, 2, 3, 4`;
  const kept = 'SELECT gx, gy, month, event_type, n, killed_n, killed_low, killed_high, contested FROM incident_grid WHERE n <> 0';
  expect(await diff(`(${fresh}) EXCEPT (${kept})`)).toEqual([]);
  expect(await diff(`(${kept}) EXCEPT (${fresh})`)).toEqual([]);
  const freshDays = `SELECT date AS day, event_type, count(*)::bigint AS n, count(net_killed_low)::bigint AS kn,
      coalesce(sum(net_killed_low), 0)::bigint AS kl, coalesce(sum(net_killed_high), 0)::bigint AS kh FROM incident_points GROUP BY 1, 2`;
  const keptDays = 'SELECT day, event_type, n, killed_n, killed_low, killed_high FROM incident_days WHERE n <> 0';
  expect(await diff(`(${freshDays}) EXCEPT (${keptDays})`)).toEqual([]);
  expect(await diff(`(${keptDays}) EXCEPT (${freshDays})`)).toEqual([]);
  const freshActors = `SELECT a AS actor_id, date AS day, event_type, count(*)::bigint AS n, count(net_killed_low)::bigint AS kn,
      coalesce(sum(net_killed_low), 0)::bigint AS kl, coalesce(sum(net_killed_high), 0)::bigint AS kh
    FROM incident_points CROSS JOIN LATERAL unnest(actors) AS a GROUP BY 1, 2, 3`;
  const keptActors = 'SELECT actor_id, day, event_type, n, killed_n, killed_low, killed_high FROM incident_actor_days WHERE n <> 0';
  expect(await diff(`(${freshActors}) EXCEPT (${keptActors})`)).toEqual([]);
  expect(await diff(`(${keptActors}) EXCEPT (${freshActors})`)).toEqual([]);
  const freshStacks = `SELECT lon, lat, event_type, count(*)::bigint AS n, count(net_killed_low)::bigint AS kn,
      coalesce(sum(net_killed_low), 0)::bigint AS kl, coalesce(sum(net_killed_high), 0)::bigint AS kh,
      (count(*) FILTER (WHERE contested))::bigint AS contested FROM incident_points GROUP BY 1, 2, 3`;
  const keptStacks = 'SELECT lon, lat, event_type, n, killed_n, killed_low, killed_high, contested FROM incident_stacks WHERE n <> 0';
  expect(await diff(`(${freshStacks}) EXCEPT (${keptStacks})`)).toEqual([]);
  expect(await diff(`(${keptStacks}) EXCEPT (${freshStacks})`)).toEqual([]);
  const freshCoarse = fresh.replaceAll('0.02', '0.16');
  const keptCoarse = kept.replace('incident_grid', 'incident_grid_coarse');
  expect(await diff(`(${freshCoarse}) EXCEPT (${keptCoarse})`)).toEqual([]);
  expect(await diff(`(${keptCoarse}) EXCEPT (${freshCoarse})`)).toEqual([]);
  // no cell's count below zero, and the centroid sums of an empty cell back to (about) nothing
  expect(await diff('SELECT * FROM incident_grid WHERE n < 0 OR (n = 0 AND (abs(sum_lon) > 1e-6 OR abs(sum_lat) > 1e-6))')).toEqual([]);
}

const SOURCES = seed.sources.map((s) => s.id);
const PLACES = ['nayrab-idlib', 'saraqib', 'idlib-governorate'];
const GROUPS = ['civilians', 'all', 'syrian-government-forces', 'turkish-armed-forces'];
const template = seed.incidents[0] as Incident;

const rangeArb = fc.option(
  fc.tuple(fc.nat(30), fc.nat(30)).map(([a, b]) => ({ low: Math.min(a, b), high: Math.max(a, b) })),
  { nil: null, freq: 3 },
);
/** A set of incidents of random claims whose lines may be counted in another incident of the set. */
const incidentsArb = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, k) =>
      fc.record({
        place: fc.constantFrom(...PLACES),
        claims: fc.array(
          fc.record({
            claimant: fc.constantFrom(...SOURCES),
            perpetrators: fc.subarray(['armed-opposition-groups', 'syrian-government-forces', 'turkish-armed-forces']),
            casualties: fc.array(
              fc.record({
                group: fc.constantFrom(...GROUPS),
                killed: rangeArb,
                wounded: rangeArb,
                countedIn: fc.option(
                  fc.integer({ min: 0, max: n - 1 }).filter((t) => t !== k),
                  { nil: null, freq: 2 },
                ),
              }),
              { maxLength: 3 },
            ),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    ),
  ),
);

function toIncidents(
  run: number,
  drawn: {
    place: string;
    claims: {
      claimant: string;
      perpetrators: string[];
      casualties: { group: string; killed: Range | null; wounded: Range | null; countedIn: number | null }[];
    }[];
  }[],
): Incident[] {
  return drawn.map((d, k) => ({
    ...template,
    id: `sum-${run}-${k}`,
    place: d.place,
    claims: d.claims.map((c, j) => ({
      ...(template.claims[0] as Incident['claims'][number]),
      id: `sum-${run}-${k}-${j}`,
      claimant: c.claimant,
      via: null,
      perpetrators: c.perpetrators,
      targets: [],
      equipment: [],
      casualties: c.casualties.map((l) => ({
        group: l.group,
        label: { en: l.group, fr: l.group },
        killed: l.killed,
        wounded: l.wounded,
        countedIn: l.countedIn === null ? null : `sum-${run}-${l.countedIn}`,
      })),
    })),
  }));
}

describe.each(storeEngines('summaries'))('summaries on write on $name', ({ name, open }) => {
  let db: Db | null = null;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('give the seed the tolls, contested marks, place tolls and totals by source the domain rules give it', async (ctx) => {
    if (!db) return ctx.skip();
    const ids = seed.incidents.map((i) => i.id);
    await expectSummariesMatch(db, ids);
    await expectAggregatesMatch(db);
    // and the figures are the article's, not merely equal to themselves
    const [toll] = await db.query<{ killed_n: string }>("SELECT killed_n FROM place_tolls WHERE place_id = 'idlib-governorate'");
    expect(Number(toll?.killed_n)).toBeGreaterThan(0);
  });

  it('stay equal to the domain rules through random writes, rewrites that move incidents between places, and deletes', async (ctx) => {
    if (!db) return ctx.skip();
    const store = db;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(incidentsArb, incidentsArb, fc.nat(), async (first, second, victim) => {
        run++;
        const a = toIncidents(run, first);
        await store.transaction((tx) => upsertIncidents(tx, a));
        await expectSummariesMatch(
          store,
          a.map((i) => i.id),
        );
        // the same ids rewritten with other claims and places (as far as the second draw reaches)
        const b = toIncidents(run, second).slice(0, a.length);
        const rewritten = a
          .map((i, k) => b[k] ?? i)
          .map((i) => ({
            ...i,
            claims: i.claims.map((c) => ({
              ...c,
              casualties: c.casualties.map((l) =>
                l.countedIn && Number(l.countedIn.split('-').at(-1)) >= a.length ? { ...l, countedIn: null } : l,
              ),
            })),
          }));
        await store.transaction((tx) => upsertIncidents(tx, rewritten));
        await expectSummariesMatch(
          store,
          rewritten.map((i) => i.id),
        );
        await expectAggregatesMatch(store);
        const gone = rewritten[victim % rewritten.length]?.id ?? '';
        expect(await deleteIncident(store, gone, { author: { kind: 'service' } })).toBe(true);
        await expectSummariesMatch(
          store,
          rewritten.map((i) => i.id).filter((id) => id !== gone),
        );
        for (const i of rewritten) if (i.id !== gone) await deleteIncident(store, i.id, { author: { kind: 'service' } });
        // nothing left behind: the places are back to the seed's tolls
        await expectSummariesMatch(
          store,
          seed.incidents.map((i) => i.id),
        );
        await expectAggregatesMatch(store);
      }),
      { numRuns: name === 'pglite' ? 25 : 15 },
    );
  });
});
