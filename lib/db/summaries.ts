/**
 * Summaries on write. Every write of incidents or claims ends by refreshing, in its own
 * transaction, what reads use instead of summing casualty lines (migration 7):
 *
 * - per incident, three readings of its toll (ranges, `null` = nobody gave a figure):
 *   `killed_*`/`wounded_*` the incident alone, `net_*` with every line counted in another
 *   incident moved there (a sum over any set counts each victim once), `place_*` moved only
 *   within the same place (a place's toll, as `sumIncidents` reads that place's incidents);
 * - whether it is contested (attribution, toll) and how many claims it has;
 * - per incident and claimant, the place reading (a place's totals by source).
 * `place_tolls` follows from `place_*` by triggers. The rules are those of
 * lib/domain/casualties.ts, written in SQL; tests hold the two to the same results.
 */
import 'server-only';
import type { Db } from './store';

type Tx = Pick<Db, 'query'>;

const SUMMARY_LOCK = 720_2021;

/**
 * The incidents whose summaries depend on these ones: those their lines are counted in, and
 * those with lines counted in them. Read it before a write that may drop such links (a
 * rewrite, a delete) and hand it to `refreshSummaries` after.
 */
export async function summaryDependents(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `SELECT cc.counted_in AS id FROM claims c JOIN claim_casualties cc ON cc.claim_id = c.id
       WHERE c.incident_id = ANY($1::text[]) AND cc.counted_in IS NOT NULL
     UNION
     SELECT c.incident_id FROM claim_casualties cc JOIN claims c ON c.id = cc.claim_id WHERE cc.counted_in = ANY($1::text[])`,
    [ids],
  );
  return rows.map((r) => r.id);
}

// Each toll line, in each reading (0 alone, 1 net, 2 place), under the incident that counts it
// and the claim it stands in: a line moved to another incident is a claim of its own there.
const readings = (scoped: boolean) => `
line AS (
  SELECT c.incident_id AS src, c.id AS claim_id, c.claimant_id, cc.position, cc.group_id,
    cc.killed_low AS kl, cc.killed_high AS kh, cc.wounded_low AS wl, cc.wounded_high AS wh,
    t.id AS target, t.place_id = si.place_id AS same_place
  FROM ${
    scoped
      ? // the lines of these incidents' claims, and those counted in them: each through its index (an OR of the two
        // would read every line of the store, each time)
        `(SELECT cc.* FROM claims c JOIN claim_casualties cc ON cc.claim_id = c.id WHERE c.incident_id IN (SELECT id FROM r)
          UNION SELECT cc.* FROM claim_casualties cc WHERE cc.counted_in IN (SELECT id FROM r))`
      : 'claim_casualties'
  } cc
  JOIN claims c ON c.id = cc.claim_id
  JOIN incidents si ON si.id = c.incident_id
  LEFT JOIN incidents t ON t.id = cc.counted_in AND t.id <> c.incident_id
),
eff AS (
  SELECT * FROM (
    SELECT src AS incident_id, 0 AS reading, claim_id, -1 AS mpos, claimant_id, group_id, kl, kh, wl, wh FROM line
    UNION ALL
    SELECT coalesce(target, src), 1, claim_id, CASE WHEN target IS NULL THEN -1 ELSE position END, claimant_id, group_id, kl, kh, wl, wh FROM line
    UNION ALL
    SELECT CASE WHEN same_place THEN target ELSE src END, 2, claim_id, CASE WHEN same_place THEN position ELSE -1 END,
      claimant_id, group_id, kl, kh, wl, wh FROM line
  ) e ${scoped ? 'WHERE incident_id IN (SELECT id FROM r)' : ''}
),
-- a claim's figure for a group: its lines add up
per_claim AS (
  SELECT incident_id, reading, claim_id, mpos, claimant_id, group_id, sum(kl) AS kl, sum(kh) AS kh, sum(wl) AS wl, sum(wh) AS wh
  FROM eff GROUP BY incident_id, reading, claim_id, mpos, claimant_id, group_id
)`;

// per group, the range across claims; the incident's total adds the groups, and the group of
// all the dead ('all') widens that total instead of adding to it
const total = (g: string, p = '') => `
  SELECT incident_id, ${p} reading,
    LEAST(sum(kl) FILTER (WHERE group_id <> 'all'), min(kl) FILTER (WHERE group_id = 'all')) AS kl,
    GREATEST(sum(kh) FILTER (WHERE group_id <> 'all'), max(kh) FILTER (WHERE group_id = 'all')) AS kh,
    LEAST(sum(wl) FILTER (WHERE group_id <> 'all'), min(wl) FILTER (WHERE group_id = 'all')) AS wl,
    GREATEST(sum(wh) FILTER (WHERE group_id <> 'all'), max(wh) FILTER (WHERE group_id = 'all')) AS wh,
    coalesce(bool_or(disagree), false) AS disagree
  FROM ${g} GROUP BY incident_id, ${p} reading`;

/**
 * Recomputes the summaries of these incidents and of every incident that depends on them
 * (`extra`: what `summaryDependents` said before the write). Incidents that no longer exist
 * are skipped; place tolls follow by trigger.
 */
export async function refreshSummaries(tx: Tx, ids: readonly string[], extra: readonly string[] = []): Promise<void> {
  if (ids.length === 0 && extra.length === 0) return;
  const all = [...new Set([...ids, ...extra, ...(await summaryDependents(tx, ids))])];
  await refresh(tx, 'SELECT i.id FROM incidents i WHERE i.id = ANY($1::text[])', [all], true);
}

/** Recomputes every incident's summaries (after migration 7, or a bulk load that wrote none). */
export async function refreshAllSummaries(tx: Tx): Promise<void> {
  await refresh(tx, 'SELECT i.id FROM incidents i', [], false);
}

/** Fills the summaries once when a migration asked for it (meta 'summaries_stale'), under the migration lock. */
export async function ensureSummaries(db: Pick<Db, 'transaction'>): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SUMMARY_LOCK]);
    const [stale] = await tx.query<{ value: string }>("SELECT value FROM meta WHERE key = 'summaries_stale'");
    if (stale?.value !== '1') return false;
    await refreshAllSummaries(tx);
    await tx.query("DELETE FROM meta WHERE key = 'summaries_stale'");
    return true;
  });
}

async function refresh(tx: Tx, which: string, params: unknown[], scoped: boolean): Promise<void> {
  // the groupings below hash in memory rather than sort text on disk (this transaction only)
  await tx.query("SELECT set_config('work_mem', '64MB', true)");
  await tx.query(
    `WITH r AS (${which}),
     ${readings(scoped)},
     per_group AS (
       SELECT incident_id, reading, group_id, min(kl) AS kl, max(kh) AS kh, min(wl) AS wl, max(wh) AS wh,
         (max(kl) > min(kh) OR max(wl) > min(wh)) AS disagree
       FROM per_claim GROUP BY incident_id, reading, group_id
     ),
     per_incident AS (${total('per_group')}),
     attribution AS (
       SELECT c.incident_id, count(*) AS claims,
         count(DISTINCT array_to_string(ARRAY(SELECT x FROM unnest(c.perpetrators) x ORDER BY x COLLATE "C"), chr(31)))
           FILTER (WHERE cardinality(c.perpetrators) > 0) > 1 AS contested
       FROM claims c WHERE c.incident_id IN (SELECT id FROM r) GROUP BY c.incident_id
     ),
     -- the three readings side by side: one row an incident (each reading has at most one)
     s AS (
       SELECT r.id, a.claims, a.contested,
         max(o.kl) FILTER (WHERE o.reading = 0) AS kl, max(o.kh) FILTER (WHERE o.reading = 0) AS kh,
         max(o.wl) FILTER (WHERE o.reading = 0) AS wl, max(o.wh) FILTER (WHERE o.reading = 0) AS wh,
         bool_or(o.disagree) FILTER (WHERE o.reading = 0) AS disagree,
         max(o.kl) FILTER (WHERE o.reading = 1) AS nkl, max(o.kh) FILTER (WHERE o.reading = 1) AS nkh,
         max(o.wl) FILTER (WHERE o.reading = 1) AS nwl, max(o.wh) FILTER (WHERE o.reading = 1) AS nwh,
         max(o.kl) FILTER (WHERE o.reading = 2) AS pkl, max(o.kh) FILTER (WHERE o.reading = 2) AS pkh,
         max(o.wl) FILTER (WHERE o.reading = 2) AS pwl, max(o.wh) FILTER (WHERE o.reading = 2) AS pwh
       FROM r LEFT JOIN attribution a ON a.incident_id = r.id LEFT JOIN per_incident o ON o.incident_id = r.id
       GROUP BY r.id, a.claims, a.contested
     )
     UPDATE incidents i SET claim_count = coalesce(s.claims, 0), contested_attribution = coalesce(s.contested, false),
       contested_toll = coalesce(s.disagree, false),
       killed_low = s.kl, killed_high = s.kh, wounded_low = s.wl, wounded_high = s.wh,
       net_killed_low = s.nkl, net_killed_high = s.nkh, net_wounded_low = s.nwl, net_wounded_high = s.nwh,
       place_killed_low = s.pkl, place_killed_high = s.pkh, place_wounded_low = s.pwl, place_wounded_high = s.pwh
     FROM s WHERE i.id = s.id
       AND (i.claim_count, i.contested_attribution, i.contested_toll, i.killed_low, i.killed_high, i.wounded_low, i.wounded_high,
         i.net_killed_low, i.net_killed_high, i.net_wounded_low, i.net_wounded_high,
         i.place_killed_low, i.place_killed_high, i.place_wounded_low, i.place_wounded_high)
       IS DISTINCT FROM (coalesce(s.claims, 0), coalesce(s.contested, false), coalesce(s.disagree, false), s.kl::int, s.kh::int,
         s.wl::int, s.wh::int, s.nkl::int, s.nkh::int, s.nwl::int, s.nwh::int, s.pkl::int, s.pkh::int, s.pwl::int, s.pwh::int)`,
    params,
  );
  // the narrow row the map and the filters read (the grid and the calendar follow by trigger)
  await tx.query(
    `WITH r AS (${which})
     INSERT INTO incident_points (id, lon, lat, date, date_end, event_type, geo_precision, place_id, killed_high, net_killed_low, net_killed_high, contested, actors, sources)
     SELECT i.id, i.lon, i.lat, i.date, i.date_end, i.event_type, i.geo_precision, i.place_id, i.killed_high, i.net_killed_low,
       i.net_killed_high, i.contested_attribution OR i.contested_toll,
       ARRAY(SELECT actor_id FROM incident_actors WHERE incident_id = i.id
             UNION SELECT unnest(c.perpetrators || c.targets) FROM claims c WHERE c.incident_id = i.id ORDER BY 1),
       ARRAY(SELECT s FROM (SELECT source_id FROM incident_sources WHERE incident_id = i.id
             UNION SELECT claimant_id FROM claims WHERE incident_id = i.id
             UNION SELECT via_id FROM claims WHERE incident_id = i.id AND via_id IS NOT NULL) x(s) ORDER BY 1)
     FROM incidents i WHERE i.id IN (SELECT id FROM r)
     ON CONFLICT (id) DO UPDATE SET lon = EXCLUDED.lon, lat = EXCLUDED.lat, date = EXCLUDED.date, date_end = EXCLUDED.date_end, event_type = EXCLUDED.event_type, geo_precision = EXCLUDED.geo_precision, place_id = EXCLUDED.place_id, killed_high = EXCLUDED.killed_high, net_killed_low = EXCLUDED.net_killed_low, net_killed_high = EXCLUDED.net_killed_high, contested = EXCLUDED.contested, actors = EXCLUDED.actors, sources = EXCLUDED.sources
     WHERE (incident_points.lon, incident_points.lat, incident_points.date, incident_points.date_end, incident_points.event_type, incident_points.geo_precision, incident_points.place_id, incident_points.killed_high, incident_points.net_killed_low, incident_points.net_killed_high, incident_points.contested, incident_points.actors, incident_points.sources) IS DISTINCT FROM (EXCLUDED.lon, EXCLUDED.lat, EXCLUDED.date, EXCLUDED.date_end, EXCLUDED.event_type, EXCLUDED.geo_precision, EXCLUDED.place_id, EXCLUDED.killed_high, EXCLUDED.net_killed_low, EXCLUDED.net_killed_high, EXCLUDED.contested, EXCLUDED.actors, EXCLUDED.sources)`,
    params,
  );
  await tx.query(`DELETE FROM incident_claimant_tolls WHERE incident_id IN (${which})`, params);
  await tx.query(
    `WITH r AS (${which}),
     ${readings(scoped)},
     per_group AS (
       SELECT incident_id, claimant_id, reading, group_id, min(kl) AS kl, max(kh) AS kh, min(wl) AS wl, max(wh) AS wh, NULL::boolean AS disagree
       FROM per_claim WHERE reading = 2 GROUP BY incident_id, claimant_id, reading, group_id
     ),
     per_claimant AS (${total('per_group', 'claimant_id,')}),
     accounts AS (SELECT DISTINCT incident_id, claimant_id FROM claims WHERE incident_id IN (SELECT id FROM r))
     INSERT INTO incident_claimant_tolls (incident_id, place_id, claimant_id, has_account, killed_low, killed_high, wounded_low, wounded_high)
     SELECT i.id, i.place_id, x.claimant_id, x.has_account, x.kl, x.kh, x.wl, x.wh
     FROM (SELECT coalesce(t.incident_id, a.incident_id) AS incident_id, coalesce(t.claimant_id, a.claimant_id) AS claimant_id,
             a.incident_id IS NOT NULL AS has_account, t.kl, t.kh, t.wl, t.wh
           FROM per_claimant t FULL JOIN accounts a ON a.incident_id = t.incident_id AND a.claimant_id = t.claimant_id) x
     JOIN incidents i ON i.id = x.incident_id`,
    params,
  );
}
