/**
 * Schema migrations, in order. Plain PostgreSQL that runs unchanged on PGlite and on a
 * PostgreSQL server. Append new migrations; never edit one that has shipped.
 */
import 'server-only';
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'incidents, claims and places',
    sql: `
CREATE TABLE places (
  id text PRIMARY KEY,
  name_en text NOT NULL,
  name_fr text NOT NULL,
  name_ar text NOT NULL,
  aliases text[] NOT NULL DEFAULT '{}',
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  geonames_id integer UNIQUE,
  admin1 text NOT NULL,
  admin2 text,
  kind text NOT NULL,
  coordinate_note text NOT NULL
);

CREATE TABLE sources (
  id text PRIMARY KEY,
  name_en text NOT NULL,
  name_fr text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('news agency', 'government', 'military', 'monitor', 'ngo')),
  language text NOT NULL,
  url text
);

CREATE TABLE actors (
  id text PRIMARY KEY,
  name_en text NOT NULL,
  name_fr text NOT NULL,
  kind text NOT NULL
);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  date date NOT NULL,
  date_end date NOT NULL,
  date_precision text NOT NULL CHECK (date_precision IN ('day', 'week', 'month')),
  place_id text NOT NULL REFERENCES places (id),
  geo_precision smallint NOT NULL CHECK (geo_precision BETWEEN 1 AND 3),
  location_note_en text,
  location_note_fr text,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('event', 'tally')),
  title_en text NOT NULL,
  title_fr text NOT NULL,
  summary_en text NOT NULL,
  summary_fr text NOT NULL,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  search_text text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (date_end >= date)
);
CREATE INDEX incidents_date_id ON incidents (date DESC, id DESC);
CREATE INDEX incidents_place ON incidents (place_id);
CREATE INDEX incidents_lon_lat ON incidents (lon, lat);

CREATE TABLE incident_actors (
  incident_id text NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  actor_id text NOT NULL REFERENCES actors (id),
  side text NOT NULL CHECK (side IN ('a', 'b')),
  role text NOT NULL CHECK (role IN ('primary', 'associated')),
  PRIMARY KEY (incident_id, actor_id)
);
CREATE INDEX incident_actors_actor ON incident_actors (actor_id);

CREATE TABLE incident_sources (
  incident_id text NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  source_id text NOT NULL REFERENCES sources (id),
  PRIMARY KEY (incident_id, source_id)
);

CREATE TABLE claims (
  id text PRIMARY KEY,
  incident_id text NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  position integer NOT NULL,
  claimant_id text NOT NULL REFERENCES sources (id),
  via_id text REFERENCES sources (id),
  claimed_on date NOT NULL,
  perpetrators text[] NOT NULL DEFAULT '{}',
  targets text[] NOT NULL DEFAULT '{}',
  attribution_en text NOT NULL,
  attribution_fr text NOT NULL,
  statement_en text NOT NULL,
  statement_fr text NOT NULL
);
CREATE INDEX claims_incident ON claims (incident_id);

CREATE TABLE claim_casualties (
  claim_id text NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  position integer NOT NULL,
  group_id text NOT NULL,
  label_en text NOT NULL,
  label_fr text NOT NULL,
  killed_low integer CHECK (killed_low >= 0),
  killed_high integer CHECK (killed_high >= killed_low),
  wounded_low integer CHECK (wounded_low >= 0),
  wounded_high integer CHECK (wounded_high >= wounded_low),
  counted_in text REFERENCES incidents (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (claim_id, position),
  CHECK ((killed_low IS NULL) = (killed_high IS NULL)),
  CHECK ((wounded_low IS NULL) = (wounded_high IS NULL))
);

CREATE TABLE claim_equipment (
  claim_id text NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  position integer NOT NULL,
  item_en text NOT NULL,
  item_fr text NOT NULL,
  count_low integer NOT NULL CHECK (count_low >= 0),
  count_high integer NOT NULL CHECK (count_high >= count_low),
  owner_id text,
  PRIMARY KEY (claim_id, position)
);

CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'saved views for embeds',
    sql: `
CREATE TABLE views (
  id text PRIMARY KEY,
  spec jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  pinned boolean NOT NULL DEFAULT false,
  snapshot jsonb,
  snapshot_hash text,
  CHECK (NOT pinned OR (snapshot IS NOT NULL AND snapshot_hash IS NOT NULL AND published_at IS NOT NULL))
);
`,
  },
  {
    version: 3,
    name: 'store version',
    // Any committed write to what readers see (the data or the views) raises one counter, in the
    // writing transaction, so a reader can tell in one small query whether a page it rendered
    // earlier is still current. Statement-level: a seed of a thousand rows raises it a few times.
    sql: `
INSERT INTO meta (key, value) VALUES ('store_version', '1') ON CONFLICT (key) DO NOTHING;

CREATE FUNCTION bump_store_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'store_version';
  RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['places', 'sources', 'actors', 'incidents', 'incident_actors', 'incident_sources', 'claims', 'claim_casualties', 'claim_equipment', 'views'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version()', t || '_store_version', t);
  END LOOP;
END
$$;
`,
  },
  {
    version: 4,
    name: 'views: drop filter dates outside the accepted range',
    // Before dates were bounded (1900-01-01 to 2100-12-31), a view could be saved with a filter
    // date PostgreSQL cannot compare (year 0), and its embed then failed on every request. Such a
    // date filtered nothing a reader could see; it is dropped, so the view reads and draws again.
    sql: `
UPDATE views SET spec = jsonb_set(spec, '{filters}', (spec->'filters') - 'from')
WHERE spec->'filters' ? 'from' AND (spec->'filters'->>'from' < '1900-01-01' OR spec->'filters'->>'from' > '2100-12-31');
UPDATE views SET spec = jsonb_set(spec, '{filters}', (spec->'filters') - 'to')
WHERE spec->'filters' ? 'to' AND (spec->'filters'->>'to' < '1900-01-01' OR spec->'filters'->>'to' > '2100-12-31');
`,
  },
  {
    version: 5,
    name: 'imported datasets',
    // Rows imported from ACLED, UCDP GED or GeoJSON: where each came from and a hash of what it
    // said (a re-import of an unchanged row is skipped), places a dataset created, a dataset as
    // a kind of source, a best estimate beside a range, a claim's own overall toll, and the
    // candidate matches between an imported row and an incident already stored.
    sql: `
ALTER TABLE sources DROP CONSTRAINT IF EXISTS sources_kind_check;
ALTER TABLE sources ADD CONSTRAINT sources_kind_check CHECK (kind IN ('news agency', 'government', 'military', 'monitor', 'ngo', 'dataset', 'other'));
ALTER TABLE places ADD COLUMN origin text REFERENCES sources (id);
ALTER TABLE incidents ADD COLUMN origin text REFERENCES sources (id);
ALTER TABLE claims ADD COLUMN origin_hash text;
ALTER TABLE claims ADD COLUMN total_killed_low integer CHECK (total_killed_low >= 0);
ALTER TABLE claims ADD COLUMN total_killed_best integer CHECK (total_killed_best >= total_killed_low);
ALTER TABLE claims ADD COLUMN total_killed_high integer CHECK (total_killed_high >= total_killed_low);
ALTER TABLE claim_casualties ADD COLUMN killed_best integer;
CREATE INDEX incidents_date_end ON incidents (date_end);
-- an import looks for possible matches among the incidents of other origins only
CREATE INDEX incidents_origin_type_date ON incidents ((coalesce(origin, '')), event_type, date);
CREATE TABLE import_candidates (
  claim_id text NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  incident_id text NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  distance_km double precision NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'rejected')),
  found_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (claim_id, incident_id)
);
CREATE TRIGGER import_candidates_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON import_candidates
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();
`,
  },
  {
    version: 6,
    name: 'synthetic sources',
    // a source that says its incidents were generated (npm run data:synthetic): the dashboard
    // tells readers whenever one is in the store
    // (and the index that deleting an incident needs: each delete looks for toll lines counted in it)
    sql: `
ALTER TABLE sources ADD COLUMN synthetic boolean NOT NULL DEFAULT false;
CREATE INDEX claim_casualties_counted_in ON claim_casualties (counted_in) WHERE counted_in IS NOT NULL;
CREATE INDEX import_candidates_incident ON import_candidates (incident_id);
`,
  },
  {
    version: 7,
    name: 'summaries on write',
    // What the map, the lists and the place tolls read, kept beside each incident as it is
    // written (lib/db/summaries.ts), so that no read sums the casualty lines of the whole store:
    // - killed_*/wounded_*: the incident alone (every claim's lines; ranges across claims);
    // - net_*: with each line counted in another incident moved there, so that a sum over any
    //   set of incidents counts every victim once (clusters, the time bar, a view's total);
    // - place_*: moved only when that incident is at the same place (a place's toll, exactly
    //   as sumIncidents reads the place's incidents);
    // - incident_claimant_tolls: the place reading per claimant (a place's totals by source);
    // - place_tolls: per place, sums of place_* kept by statement triggers on incidents.
    // Existing rows are filled once after the migration (meta 'summaries_stale').
    sql: `
ALTER TABLE incidents
  ADD COLUMN killed_low integer, ADD COLUMN killed_high integer, ADD COLUMN wounded_low integer, ADD COLUMN wounded_high integer,
  ADD COLUMN net_killed_low integer, ADD COLUMN net_killed_high integer, ADD COLUMN net_wounded_low integer, ADD COLUMN net_wounded_high integer,
  ADD COLUMN place_killed_low integer, ADD COLUMN place_killed_high integer, ADD COLUMN place_wounded_low integer, ADD COLUMN place_wounded_high integer,
  ADD COLUMN contested_attribution boolean NOT NULL DEFAULT false, ADD COLUMN contested_toll boolean NOT NULL DEFAULT false,
  ADD COLUMN claim_count integer NOT NULL DEFAULT 0;

CREATE TABLE incident_claimant_tolls (
  incident_id text NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  claimant_id text NOT NULL,
  has_account boolean NOT NULL,
  killed_low integer, killed_high integer, wounded_low integer, wounded_high integer,
  PRIMARY KEY (incident_id, claimant_id)
);

CREATE TABLE place_tolls (
  place_id text PRIMARY KEY REFERENCES places (id) ON DELETE CASCADE,
  incidents bigint NOT NULL DEFAULT 0,
  killed_n bigint NOT NULL DEFAULT 0, killed_low bigint NOT NULL DEFAULT 0, killed_high bigint NOT NULL DEFAULT 0,
  wounded_n bigint NOT NULL DEFAULT 0, wounded_low bigint NOT NULL DEFAULT 0, wounded_high bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION place_tolls_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO place_tolls AS t (place_id, incidents, killed_n, killed_low, killed_high, wounded_n, wounded_low, wounded_high)
    SELECT place_id, -count(*), -count(place_killed_low), -coalesce(sum(place_killed_low), 0), -coalesce(sum(place_killed_high), 0),
      -count(place_wounded_low), -coalesce(sum(place_wounded_low), 0), -coalesce(sum(place_wounded_high), 0)
    FROM old_rows GROUP BY place_id
    ON CONFLICT (place_id) DO UPDATE SET incidents = t.incidents + EXCLUDED.incidents,
      killed_n = t.killed_n + EXCLUDED.killed_n, killed_low = t.killed_low + EXCLUDED.killed_low, killed_high = t.killed_high + EXCLUDED.killed_high,
      wounded_n = t.wounded_n + EXCLUDED.wounded_n, wounded_low = t.wounded_low + EXCLUDED.wounded_low, wounded_high = t.wounded_high + EXCLUDED.wounded_high;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO place_tolls AS t (place_id, incidents, killed_n, killed_low, killed_high, wounded_n, wounded_low, wounded_high)
    SELECT place_id, count(*), count(place_killed_low), coalesce(sum(place_killed_low), 0), coalesce(sum(place_killed_high), 0),
      count(place_wounded_low), coalesce(sum(place_wounded_low), 0), coalesce(sum(place_wounded_high), 0)
    FROM new_rows GROUP BY place_id
    ON CONFLICT (place_id) DO UPDATE SET incidents = t.incidents + EXCLUDED.incidents,
      killed_n = t.killed_n + EXCLUDED.killed_n, killed_low = t.killed_low + EXCLUDED.killed_low, killed_high = t.killed_high + EXCLUDED.killed_high,
      wounded_n = t.wounded_n + EXCLUDED.wounded_n, wounded_low = t.wounded_low + EXCLUDED.wounded_low, wounded_high = t.wounded_high + EXCLUDED.wounded_high;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incidents_place_tolls_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_tolls_apply();
CREATE TRIGGER incidents_place_tolls_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_tolls_apply();
CREATE TRIGGER incidents_place_tolls_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_tolls_apply();

INSERT INTO place_tolls (place_id, incidents) SELECT place_id, count(*) FROM incidents GROUP BY place_id;
CREATE TRIGGER incident_claimant_tolls_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_claimant_tolls
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();
CREATE TRIGGER place_tolls_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON place_tolls
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();
INSERT INTO meta (key, value) VALUES ('summaries_stale', '1') ON CONFLICT (key) DO UPDATE SET value = '1';
`,
  },
  {
    version: 8,
    name: 'the map at scale: a narrow table of points, a grid and a calendar of counts, search indexes',
    // incident_points: what the map and the filters read, one narrow row an incident (kept by
    // lib/db/summaries.ts with the summaries): a GiST index on the point answers a box whatever
    // the dates; actors and sources as arrays with GIN indexes (no scan of claims).
    // incident_grid (0.02° cells × month × type) and incident_days (day × type): counts and net
    // deaths kept by statement triggers on incident_points, so that zoomed-out clusters and the
    // time bar read thousands of rows, not a million.
    // Trigram index for text search where the engine has pg_trgm (PGlite loads it; a
    // PostgreSQL without contrib still answers, by scanning).
    sql: `
CREATE TABLE incident_points (
  id text PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  date date NOT NULL,
  date_end date NOT NULL,
  event_type text NOT NULL,
  geo_precision smallint NOT NULL,
  place_id text NOT NULL,
  killed_high integer,
  net_killed_low integer,
  net_killed_high integer,
  contested boolean NOT NULL,
  actors text[] NOT NULL,
  sources text[] NOT NULL
);
CREATE INDEX incident_points_point ON incident_points USING gist (point(lon, lat));
CREATE INDEX incident_points_date_id ON incident_points (date DESC, id DESC);
CREATE INDEX incident_points_place ON incident_points (place_id, date, id);
CREATE INDEX incident_points_actors ON incident_points USING gin (actors);
CREATE INDEX incident_points_sources ON incident_points USING gin (sources);

CREATE TABLE incident_grid (
  gx integer NOT NULL,
  gy integer NOT NULL,
  month date NOT NULL,
  event_type text NOT NULL,
  n bigint NOT NULL,
  killed_n bigint NOT NULL,
  killed_low bigint NOT NULL,
  killed_high bigint NOT NULL,
  contested bigint NOT NULL,
  sum_lon double precision NOT NULL,
  sum_lat double precision NOT NULL,
  PRIMARY KEY (gx, gy, month, event_type)
);
CREATE INDEX incident_grid_month ON incident_grid (month, gx, gy);
CREATE TABLE incident_days (
  day date NOT NULL,
  event_type text NOT NULL,
  n bigint NOT NULL,
  killed_n bigint NOT NULL,
  killed_low bigint NOT NULL,
  killed_high bigint NOT NULL,
  PRIMARY KEY (day, event_type)
);

CREATE FUNCTION incident_points_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO incident_grid AS g (gx, gy, month, event_type, n, killed_n, killed_low, killed_high, contested, sum_lon, sum_lat)
    SELECT floor(lon / 0.02)::int, floor(lat / 0.02)::int, date_trunc('month', date)::date, event_type, -count(*), -count(net_killed_low),
      -coalesce(sum(net_killed_low), 0), -coalesce(sum(net_killed_high), 0), -count(*) FILTER (WHERE contested), -sum(lon), -sum(lat)
    FROM old_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (gx, gy, month, event_type) DO UPDATE SET n = g.n + EXCLUDED.n, killed_n = g.killed_n + EXCLUDED.killed_n,
      killed_low = g.killed_low + EXCLUDED.killed_low, killed_high = g.killed_high + EXCLUDED.killed_high,
      contested = g.contested + EXCLUDED.contested, sum_lon = g.sum_lon + EXCLUDED.sum_lon, sum_lat = g.sum_lat + EXCLUDED.sum_lat;
    INSERT INTO incident_days AS d (day, event_type, n, killed_n, killed_low, killed_high)
    SELECT date, event_type, -count(*), -count(net_killed_low), -coalesce(sum(net_killed_low), 0), -coalesce(sum(net_killed_high), 0)
    FROM old_rows GROUP BY 1, 2
    ON CONFLICT (day, event_type) DO UPDATE SET n = d.n + EXCLUDED.n, killed_n = d.killed_n + EXCLUDED.killed_n,
      killed_low = d.killed_low + EXCLUDED.killed_low, killed_high = d.killed_high + EXCLUDED.killed_high;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO incident_grid AS g (gx, gy, month, event_type, n, killed_n, killed_low, killed_high, contested, sum_lon, sum_lat)
    SELECT floor(lon / 0.02)::int, floor(lat / 0.02)::int, date_trunc('month', date)::date, event_type, count(*), count(net_killed_low),
      coalesce(sum(net_killed_low), 0), coalesce(sum(net_killed_high), 0), count(*) FILTER (WHERE contested), sum(lon), sum(lat)
    FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (gx, gy, month, event_type) DO UPDATE SET n = g.n + EXCLUDED.n, killed_n = g.killed_n + EXCLUDED.killed_n,
      killed_low = g.killed_low + EXCLUDED.killed_low, killed_high = g.killed_high + EXCLUDED.killed_high,
      contested = g.contested + EXCLUDED.contested, sum_lon = g.sum_lon + EXCLUDED.sum_lon, sum_lat = g.sum_lat + EXCLUDED.sum_lat;
    INSERT INTO incident_days AS d (day, event_type, n, killed_n, killed_low, killed_high)
    SELECT date, event_type, count(*), count(net_killed_low), coalesce(sum(net_killed_low), 0), coalesce(sum(net_killed_high), 0)
    FROM new_rows GROUP BY 1, 2
    ON CONFLICT (day, event_type) DO UPDATE SET n = d.n + EXCLUDED.n, killed_n = d.killed_n + EXCLUDED.killed_n,
      killed_low = d.killed_low + EXCLUDED.killed_low, killed_high = d.killed_high + EXCLUDED.killed_high;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incident_points_counts_insert AFTER INSERT ON incident_points REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_points_apply();
CREATE TRIGGER incident_points_counts_update AFTER UPDATE ON incident_points REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_points_apply();
CREATE TRIGGER incident_points_counts_delete AFTER DELETE ON incident_points REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_points_apply();
CREATE TRIGGER incident_points_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_points
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();
CREATE TRIGGER incident_grid_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_grid
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();
CREATE TRIGGER incident_days_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_days
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();

DO $trgm$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX incidents_search_trgm ON incidents USING gin (search_text gin_trgm_ops);
  END IF;
END $trgm$;

INSERT INTO meta (key, value) VALUES ('summaries_stale', '1') ON CONFLICT (key) DO UPDATE SET value = '1';
`,
  },
  {
    version: 9,
    name: "a place's totals by source and an actor's calendar kept on write",
    // Each claimant's row of an incident (incident_claimant_tolls) says where the incident is,
    // and statement triggers keep the sums per place and claimant, so a place's totals by
    // source read one row a source, however many incidents the place has.
    sql: `
ALTER TABLE incident_claimant_tolls ADD COLUMN place_id text;
UPDATE incident_claimant_tolls t SET place_id = i.place_id FROM incidents i WHERE i.id = t.incident_id;
ALTER TABLE incident_claimant_tolls ALTER COLUMN place_id SET NOT NULL;
CREATE TABLE place_claimant_tolls (
  place_id text NOT NULL REFERENCES places (id) ON DELETE CASCADE,
  claimant_id text NOT NULL,
  incidents bigint NOT NULL DEFAULT 0,
  killed_n bigint NOT NULL DEFAULT 0, killed_low bigint NOT NULL DEFAULT 0, killed_high bigint NOT NULL DEFAULT 0,
  wounded_n bigint NOT NULL DEFAULT 0, wounded_low bigint NOT NULL DEFAULT 0, wounded_high bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (place_id, claimant_id)
);
INSERT INTO place_claimant_tolls (place_id, claimant_id, incidents, killed_n, killed_low, killed_high, wounded_n, wounded_low, wounded_high)
SELECT place_id, claimant_id, count(*) FILTER (WHERE has_account), count(killed_low), coalesce(sum(killed_low), 0), coalesce(sum(killed_high), 0),
  count(wounded_low), coalesce(sum(wounded_low), 0), coalesce(sum(wounded_high), 0)
FROM incident_claimant_tolls GROUP BY place_id, claimant_id;

CREATE FUNCTION place_claimant_tolls_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO place_claimant_tolls AS t (place_id, claimant_id, incidents, killed_n, killed_low, killed_high, wounded_n, wounded_low, wounded_high)
    SELECT place_id, claimant_id, -count(*) FILTER (WHERE has_account), -count(killed_low), -coalesce(sum(killed_low), 0),
      -coalesce(sum(killed_high), 0), -count(wounded_low), -coalesce(sum(wounded_low), 0), -coalesce(sum(wounded_high), 0)
    FROM old_rows GROUP BY place_id, claimant_id
    ON CONFLICT (place_id, claimant_id) DO UPDATE SET incidents = t.incidents + EXCLUDED.incidents,
      killed_n = t.killed_n + EXCLUDED.killed_n, killed_low = t.killed_low + EXCLUDED.killed_low, killed_high = t.killed_high + EXCLUDED.killed_high,
      wounded_n = t.wounded_n + EXCLUDED.wounded_n, wounded_low = t.wounded_low + EXCLUDED.wounded_low, wounded_high = t.wounded_high + EXCLUDED.wounded_high;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO place_claimant_tolls AS t (place_id, claimant_id, incidents, killed_n, killed_low, killed_high, wounded_n, wounded_low, wounded_high)
    SELECT place_id, claimant_id, count(*) FILTER (WHERE has_account), count(killed_low), coalesce(sum(killed_low), 0),
      coalesce(sum(killed_high), 0), count(wounded_low), coalesce(sum(wounded_low), 0), coalesce(sum(wounded_high), 0)
    FROM new_rows GROUP BY place_id, claimant_id
    ON CONFLICT (place_id, claimant_id) DO UPDATE SET incidents = t.incidents + EXCLUDED.incidents,
      killed_n = t.killed_n + EXCLUDED.killed_n, killed_low = t.killed_low + EXCLUDED.killed_low, killed_high = t.killed_high + EXCLUDED.killed_high,
      wounded_n = t.wounded_n + EXCLUDED.wounded_n, wounded_low = t.wounded_low + EXCLUDED.wounded_low, wounded_high = t.wounded_high + EXCLUDED.wounded_high;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incident_claimant_tolls_sums_insert AFTER INSERT ON incident_claimant_tolls REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_claimant_tolls_apply();
CREATE TRIGGER incident_claimant_tolls_sums_update AFTER UPDATE ON incident_claimant_tolls REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_claimant_tolls_apply();
CREATE TRIGGER incident_claimant_tolls_sums_delete AFTER DELETE ON incident_claimant_tolls REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_claimant_tolls_apply();
CREATE TRIGGER place_claimant_tolls_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON place_claimant_tolls
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();

-- the calendar per actor (actor × day × type), so that one actor's time bar and count read
-- thousands of rows, not every incident naming it
CREATE TABLE incident_actor_days (
  actor_id text NOT NULL,
  day date NOT NULL,
  event_type text NOT NULL,
  n bigint NOT NULL,
  killed_n bigint NOT NULL,
  killed_low bigint NOT NULL,
  killed_high bigint NOT NULL,
  PRIMARY KEY (actor_id, day, event_type)
);
INSERT INTO incident_actor_days (actor_id, day, event_type, n, killed_n, killed_low, killed_high)
SELECT a.actor_id, r.date, r.event_type, count(*), count(r.net_killed_low), coalesce(sum(r.net_killed_low), 0), coalesce(sum(r.net_killed_high), 0)
FROM incident_points r CROSS JOIN LATERAL unnest(r.actors) AS a(actor_id) GROUP BY 1, 2, 3;
CREATE FUNCTION incident_actor_days_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO incident_actor_days AS d (actor_id, day, event_type, n, killed_n, killed_low, killed_high)
    SELECT a.actor_id, r.date, r.event_type, -count(*), -count(r.net_killed_low), -coalesce(sum(r.net_killed_low), 0),
      -coalesce(sum(r.net_killed_high), 0)
    FROM old_rows r CROSS JOIN LATERAL unnest(r.actors) AS a(actor_id) GROUP BY 1, 2, 3
    ON CONFLICT (actor_id, day, event_type) DO UPDATE SET n = d.n + EXCLUDED.n, killed_n = d.killed_n + EXCLUDED.killed_n,
      killed_low = d.killed_low + EXCLUDED.killed_low, killed_high = d.killed_high + EXCLUDED.killed_high;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO incident_actor_days AS d (actor_id, day, event_type, n, killed_n, killed_low, killed_high)
    SELECT a.actor_id, r.date, r.event_type, count(*), count(r.net_killed_low), coalesce(sum(r.net_killed_low), 0),
      coalesce(sum(r.net_killed_high), 0)
    FROM new_rows r CROSS JOIN LATERAL unnest(r.actors) AS a(actor_id) GROUP BY 1, 2, 3
    ON CONFLICT (actor_id, day, event_type) DO UPDATE SET n = d.n + EXCLUDED.n, killed_n = d.killed_n + EXCLUDED.killed_n,
      killed_low = d.killed_low + EXCLUDED.killed_low, killed_high = d.killed_high + EXCLUDED.killed_high;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incident_points_actor_days_insert AFTER INSERT ON incident_points REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_actor_days_apply();
CREATE TRIGGER incident_points_actor_days_update AFTER UPDATE ON incident_points REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_actor_days_apply();
CREATE TRIGGER incident_points_actor_days_delete AFTER DELETE ON incident_points REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_actor_days_apply();
CREATE TRIGGER incident_actor_days_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_actor_days
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();

-- a place's details list the incidents located only to its province: few, found without reading the others
CREATE INDEX incident_points_province_only ON incident_points (place_id, date, id) WHERE geo_precision = 3;
`,
  },
  {
    version: 10,
    name: 'tiles at every zoom from rollups: stacks of incidents at one point (all time), and a coarse grid by month',
    // Incidents sit at few distinct points (a dataset's incidents are located to named places:
    // the synthetic million has one thousand), so every matching incident of all time, summed
    // per point and type (incident_stacks), makes a table the size of the places, not the
    // incidents: an all-time tile at any zoom reads a few thousand rows. With a period, tiles
    // down to zoom 6 sum a 0.16° grid by month (incident_grid_coarse), 64 times fewer cells than
    // the 0.02° one. Both kept by statement triggers on incident_points, like the grid.
    sql: `
CREATE TABLE incident_stacks (
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  event_type text NOT NULL,
  n bigint NOT NULL,
  killed_n bigint NOT NULL,
  killed_low bigint NOT NULL,
  killed_high bigint NOT NULL,
  contested bigint NOT NULL,
  PRIMARY KEY (lon, lat, event_type)
);
CREATE INDEX incident_stacks_point ON incident_stacks USING gist (point(lon, lat));
CREATE TABLE incident_grid_coarse (
  gx integer NOT NULL,
  gy integer NOT NULL,
  month date NOT NULL,
  event_type text NOT NULL,
  n bigint NOT NULL,
  killed_n bigint NOT NULL,
  killed_low bigint NOT NULL,
  killed_high bigint NOT NULL,
  contested bigint NOT NULL,
  sum_lon double precision NOT NULL,
  sum_lat double precision NOT NULL,
  PRIMARY KEY (gx, gy, month, event_type)
);

CREATE FUNCTION incident_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO incident_stacks AS s (lon, lat, event_type, n, killed_n, killed_low, killed_high, contested)
    SELECT lon, lat, event_type, -count(*), -count(net_killed_low), -coalesce(sum(net_killed_low), 0), -coalesce(sum(net_killed_high), 0),
      -count(*) FILTER (WHERE contested)
    FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT (lon, lat, event_type) DO UPDATE SET n = s.n + EXCLUDED.n, killed_n = s.killed_n + EXCLUDED.killed_n,
      killed_low = s.killed_low + EXCLUDED.killed_low, killed_high = s.killed_high + EXCLUDED.killed_high,
      contested = s.contested + EXCLUDED.contested;
    INSERT INTO incident_grid_coarse AS g (gx, gy, month, event_type, n, killed_n, killed_low, killed_high, contested, sum_lon, sum_lat)
    SELECT floor(lon / 0.16)::int, floor(lat / 0.16)::int, date_trunc('month', date)::date, event_type, -count(*), -count(net_killed_low),
      -coalesce(sum(net_killed_low), 0), -coalesce(sum(net_killed_high), 0), -count(*) FILTER (WHERE contested), -sum(lon), -sum(lat)
    FROM old_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (gx, gy, month, event_type) DO UPDATE SET n = g.n + EXCLUDED.n, killed_n = g.killed_n + EXCLUDED.killed_n,
      killed_low = g.killed_low + EXCLUDED.killed_low, killed_high = g.killed_high + EXCLUDED.killed_high,
      contested = g.contested + EXCLUDED.contested, sum_lon = g.sum_lon + EXCLUDED.sum_lon, sum_lat = g.sum_lat + EXCLUDED.sum_lat;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO incident_stacks AS s (lon, lat, event_type, n, killed_n, killed_low, killed_high, contested)
    SELECT lon, lat, event_type, count(*), count(net_killed_low), coalesce(sum(net_killed_low), 0), coalesce(sum(net_killed_high), 0),
      count(*) FILTER (WHERE contested)
    FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT (lon, lat, event_type) DO UPDATE SET n = s.n + EXCLUDED.n, killed_n = s.killed_n + EXCLUDED.killed_n,
      killed_low = s.killed_low + EXCLUDED.killed_low, killed_high = s.killed_high + EXCLUDED.killed_high,
      contested = s.contested + EXCLUDED.contested;
    INSERT INTO incident_grid_coarse AS g (gx, gy, month, event_type, n, killed_n, killed_low, killed_high, contested, sum_lon, sum_lat)
    SELECT floor(lon / 0.16)::int, floor(lat / 0.16)::int, date_trunc('month', date)::date, event_type, count(*), count(net_killed_low),
      coalesce(sum(net_killed_low), 0), coalesce(sum(net_killed_high), 0), count(*) FILTER (WHERE contested), sum(lon), sum(lat)
    FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (gx, gy, month, event_type) DO UPDATE SET n = g.n + EXCLUDED.n, killed_n = g.killed_n + EXCLUDED.killed_n,
      killed_low = g.killed_low + EXCLUDED.killed_low, killed_high = g.killed_high + EXCLUDED.killed_high,
      contested = g.contested + EXCLUDED.contested, sum_lon = g.sum_lon + EXCLUDED.sum_lon, sum_lat = g.sum_lat + EXCLUDED.sum_lat;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incident_points_rollups_insert AFTER INSERT ON incident_points REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_apply();
CREATE TRIGGER incident_points_rollups_update AFTER UPDATE ON incident_points REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_apply();
CREATE TRIGGER incident_points_rollups_delete AFTER DELETE ON incident_points REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_apply();
CREATE TRIGGER incident_stacks_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_stacks
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();
CREATE TRIGGER incident_grid_coarse_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_grid_coarse
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();

-- what the store already holds
INSERT INTO incident_stacks (lon, lat, event_type, n, killed_n, killed_low, killed_high, contested)
SELECT lon, lat, event_type, count(*), count(net_killed_low), coalesce(sum(net_killed_low), 0), coalesce(sum(net_killed_high), 0),
  count(*) FILTER (WHERE contested)
FROM incident_points GROUP BY 1, 2, 3;
INSERT INTO incident_grid_coarse (gx, gy, month, event_type, n, killed_n, killed_low, killed_high, contested, sum_lon, sum_lat)
SELECT floor(lon / 0.16)::int, floor(lat / 0.16)::int, date_trunc('month', date)::date, event_type, count(*), count(net_killed_low),
  coalesce(sum(net_killed_low), 0), coalesce(sum(net_killed_high), 0), count(*) FILTER (WHERE contested), sum(lon), sum(lat)
FROM incident_points GROUP BY 1, 2, 3, 4;
`,
  },
  {
    version: 11,
    name: 'a box by longitude and latitude that the planner can count, and the newest rows read from their index alone',
    // A box written as point <@ box reaches the GiST index, but the planner has no statistics
    // for it (it guesses one row in a thousand): over a dense box and a month it intersected the
    // whole box's 150,000 rows with the month's, 100 ms, where reading the month alone takes 4.
    // Written as longitude and latitude ranges, the columns' statistics estimate it well (862
    // for 942) and the planner picks between the (lon, lat) index and the dates' for itself.
    // The dates' index carries the columns a box, a period and a type are tested on, so the
    // newest rows are read in order from the index alone, without visiting the table.
    sql: `
CREATE INDEX incident_points_lonlat ON incident_points (lon, lat);
CREATE INDEX incident_points_date_cover ON incident_points (date DESC, id DESC) INCLUDE (lon, lat, date_end, event_type);
DROP INDEX incident_points_date_id;
DROP INDEX incident_points_point;
`,
  },
  {
    version: 12,
    name: 'incident titles and summaries in Arabic, when an editor gives them',
    sql: `
ALTER TABLE incidents ADD COLUMN title_ar text, ADD COLUMN summary_ar text;
`,
  },
  {
    version: 13,
    name: 'editor accounts: a name unique whatever its case, a role, a scrypt password hash (lib/auth/passwords)',
    // the store's version rises with it as with every table (pages may come to name editors)
    sql: `
CREATE TABLE editors (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  role text NOT NULL CHECK (role IN ('editor', 'admin')),
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  password_set_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE UNIQUE INDEX editors_name ON editors (lower(name));
CREATE TRIGGER editors_store_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON editors
  FOR EACH STATEMENT EXECUTE FUNCTION bump_store_version();
`,
  },
  {
    version: 14,
    name: 'editor sessions (the hash of each cookie token, never the token) and failed sign-ins, counted per account and address',
    // Neither table raises the store's version: signing in changes no page a reader sees.
    sql: `
CREATE TABLE editor_sessions (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  editor_id text NOT NULL REFERENCES editors (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  address text NOT NULL
);
CREATE INDEX editor_sessions_editor ON editor_sessions (editor_id);
CREATE INDEX editor_sessions_expires ON editor_sessions (expires_at);
CREATE TABLE sign_in_failures (
  name text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_name ON sign_in_failures (name, at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);
`,
  },
  {
    version: 15,
    name: "the history of editors' changes (who, when, before and after), and each incident's revision for refusing a save made on a stale copy",
    // Written in the transaction of each change (lib/db/history.ts). It raises no version of its
    // own: every change also writes the record it changes, which does.
    sql: `
ALTER TABLE incidents ADD COLUMN revision integer NOT NULL DEFAULT 1;
CREATE TABLE changes (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('incident', 'view')),
  entity_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
  author_kind text NOT NULL CHECK (author_kind IN ('editor', 'service')),
  editor_id text REFERENCES editors (id) ON DELETE SET NULL,
  author_name text,
  restored_from bigint REFERENCES changes (seq),
  before jsonb,
  after jsonb,
  CHECK (before IS NOT NULL OR after IS NOT NULL)
);
CREATE INDEX changes_entity ON changes (kind, entity_id, seq DESC);
CREATE INDEX changes_entity_at ON changes (kind, entity_id, at);
`,
  },
  {
    version: 16,
    name: 'the history also of places, sources and actors, edited on the desk',
    sql: `
ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_kind_check;
ALTER TABLE changes ADD CONSTRAINT changes_kind_check CHECK (kind IN ('incident', 'view', 'place', 'source', 'actor'));
`,
  },
  {
    version: 17,
    name: 'reading as of a past moment: what changed since, found by time',
    // lib/db/as-of.ts asks which incidents changed after a moment: the history by time, and the
    // incidents by when they were last written (an import writes no history, only updated_at)
    sql: `
CREATE INDEX changes_kind_at ON changes (kind, at);
CREATE INDEX incidents_updated_at ON incidents (updated_at);
`,
  },
  {
    version: 18,
    name: 'imports keep history too: one change an incident, by the dataset',
    // an import's new incident is recorded without a copy of what it became (that is the next
    // change's before, or the incident as it is now): a million rows are not written twice
    sql: `
ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_author_kind_check;
ALTER TABLE changes ADD CONSTRAINT changes_author_kind_check CHECK (author_kind IN ('editor', 'service', 'import'));
ALTER TABLE changes DROP CONSTRAINT IF EXISTS changes_check;
ALTER TABLE changes ADD CONSTRAINT changes_versions_check CHECK (before IS NOT NULL OR after IS NOT NULL OR author_kind = 'import');
-- the desk's recent changes are editors' and scripts': found without walking past an import's rows
CREATE INDEX changes_editorial ON changes (seq DESC) WHERE author_kind <> 'import';
`,
  },
  {
    version: 19,
    name: 'a one-time password must be changed at first sign-in; the link that makes the first administrator',
    // Neither raises the store's version on its own account: no reader's page names them (the
    // editors' trigger still fires on their rows, as for every change to an account).
    sql: `
ALTER TABLE editors ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
CREATE TABLE setup_links (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];
