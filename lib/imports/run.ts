/**
 * An import: a file's bytes in, incidents and claims written in batches, a report out. Constant
 * memory (rows stream through; only the places and what one batch holds stay in memory); each
 * batch in its own transaction, so a killed import leaves whole batches and can be run again;
 * one bad row never sinks the others. A re-import of the same file changes nothing; an updated
 * file updates in place (rows are known by their dataset id, through their claim).
 */
import 'server-only';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { writeClaims, writeIncidents } from '../db/bulk';
import { recordImport } from '../db/history';
import { listIncidentsByIds } from '../db/incident-read';
import { refreshSummaries, summaryDependents } from '../db/summaries';
import { placesForWrite } from '@/lib/db/bulk';
import type { Db } from '../db/store';
import { whenReadersDone } from '../requests';
import { type Incident, incidentSchema } from '../domain/schema';
import { isStoreUnavailable } from '../db/errors';
import { type DatasetId, datasetOf, detectLayout, type Layout, type MappedRow, mapAcled, mapUcdp, type RowResult } from './datasets';
import { type DecodeStats, decodeLines } from './decode';
import { PlaceMatcher } from './places';
import { type Candidate, emptyReport, type ImportReport, ImportError, ImportStopped, MAX_LISTED, rejecter } from './report';
import { distanceKm } from './text';

export const BATCH_ROWS = 2000;
/**
 * How long an import waits at most between batches for the requests being answered to end
 * (lib/requests.ts): they go first, and a stream of them cannot stop the import.
 */
export const IMPORT_YIELD_MS = 1000;
/** Rows mapped between two turns of the event loop (a few milliseconds of work). */
const YIELD_EVERY_ROWS = 10;
/** How far and how alike an imported row and a stored incident must be to be listed as a possible match. */
export const CANDIDATE_KM = 5;

export interface ImportOptions {
  format?: DatasetId;
  dryRun?: boolean;
  /** called after each batch */
  onProgress?: (p: { rows: number; bytes: number }) => void;
  batchRows?: number;
}

class DryRun extends Error {}

/** The longest line a CSV file may hold (a record's fields, or one field's line): past it the file is refused. */
export const MAX_CSV_LINE = 1024 * 1024;
/** The longest record, its quoted line breaks included. */
export const MAX_CSV_RECORD = 4 * 1024 * 1024;

/** Counts bytes as they pass, for progress. */
async function* counted(source: AsyncIterable<Uint8Array>, seen: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    seen.bytes += chunk.byteLength;
    yield chunk;
  }
}

/** Sources and actors the batch names, made when missing (ON CONFLICT DO NOTHING: an editor's own records win). */
async function ensureNames(tx: Pick<Db, 'query'>, rows: readonly MappedRow[]): Promise<void> {
  const sources = new Map<string, string>();
  const actors = new Map<string, { name: string; kind: string }>();
  for (const r of rows) {
    for (const s of r.sources) sources.set(s.id, s.name);
    for (const a of r.actors) actors.set(a.id, { name: a.name, kind: a.kind });
  }
  if (sources.size) {
    await tx.query(
      `INSERT INTO sources (id, name_en, name_fr, kind, language, url)
       SELECT id, name, name, 'other', 'und', NULL FROM unnest($1::text[], $2::text[]) AS u(id, name) ON CONFLICT (id) DO NOTHING`,
      [[...sources.keys()], [...sources.values()]],
    );
  }
  if (actors.size) {
    const list = [...actors];
    await tx.query(
      `INSERT INTO actors (id, name_en, name_fr, kind) SELECT id, name, name, kind FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, name, kind)
       ON CONFLICT (id) DO NOTHING`,
      [list.map(([id]) => id), list.map(([, a]) => a.name), list.map(([, a]) => a.kind)],
    );
  }
}

/** The datasets themselves, as claimants. */
export async function ensureDatasets(db: Pick<Db, 'query'>): Promise<void> {
  await db.query(
    `INSERT INTO sources (id, name_en, name_fr, kind, language, url) VALUES
       ('acled', 'ACLED (Armed Conflict Location & Event Data)', 'ACLED (Armed Conflict Location & Event Data)', 'dataset', 'en', 'https://acleddata.com'),
       ('ucdp', 'UCDP Georeferenced Event Dataset', 'UCDP, base de données géoréférencée des événements', 'dataset', 'en', 'https://ucdp.uu.se')
     ON CONFLICT (id) DO NOTHING`,
  );
}

interface Pending {
  line: number;
  row: MappedRow;
}

/** What one batch wrote (or, in a dry run, would write): added to the report once its transaction has committed. */
export interface Tally {
  inserted: number;
  updated: number;
  unchanged: number;
  candidates: Candidate[];
  /** rows the batch found it could not write (told once its fate is known, never twice for a batch tried again) */
  rejected: { line: number; id: string | null; reason: string }[];
  placesCreated: number;
}
export const noTally = (): Tally => ({ inserted: 0, updated: 0, unchanged: 0, candidates: [], rejected: [], placesCreated: 0 });

const sum = (a: Tally, b: Tally): Tally => ({
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
  candidates: [...a.candidates, ...b.candidates],
  rejected: [...a.rejected, ...b.rejected],
  placesCreated: a.placesCreated + b.placesCreated,
});

/** Adds a committed batch's tally to the report. */
export function addTally(report: ImportReport, t: Tally): void {
  report.inserted += t.inserted;
  report.updated += t.updated;
  report.unchanged += t.unchanged;
  report.placesCreated += t.placesCreated;
  const reject = rejecter(report);
  for (const r of t.rejected) reject(r.line, r.id, r.reason);
  for (const c of t.candidates) if (report.candidates.length < MAX_LISTED) report.candidates.push(c);
}

/**
 * Writes a batch; when the store refuses it for one row's sake (a constraint the checks before it
 * did not see), the batch is halved until that row stands alone, and it is rejected with the
 * store's reason: the rows around it are written all the same. A store out of reach stops it.
 */
export async function writeIsolating<T extends { line: number }>(
  rows: T[],
  write: (rows: T[]) => Promise<Tally>,
  reject: (row: T, reason: string) => void,
): Promise<Tally> {
  try {
    return await write(rows);
  } catch (err) {
    if (isStoreUnavailable(err) || rows.length === 0) throw err;
    const [only] = rows;
    if (rows.length === 1 && only) {
      reject(only, `the store refused it: ${err instanceof Error ? err.message : String(err)}`);
      return noTally();
    }
    const half = Math.ceil(rows.length / 2);
    return sum(await writeIsolating(rows.slice(0, half), write, reject), await writeIsolating(rows.slice(half), write, reject));
  }
}

/**
 * Imports a CSV export of ACLED or UCDP GED. The layout is read from the header (and must agree
 * with `format` when given). A malformed record (a quote not closed, say) is rejected alone with
 * its line; a quote inside a field (`He said "hello" there`) is kept as written.
 */
export async function importCsv(db: Db, source: AsyncIterable<Uint8Array>, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const stats: DecodeStats = { reencodedLines: 0 };
  const seen = { bytes: 0 };
  let layout: Layout | null = null;
  let map: ((rec: Record<string, string>) => RowResult) | null = null;
  // what the rows are written with, before any byte is read: a stream that fails while nothing
  // listens to it would take the process down
  await ensureDatasets(db);
  const matcher = new PlaceMatcher(await knownPlaces(db));
  const text = Readable.from(decodeLines(counted(source, seen), stats, { maxLine: MAX_CSV_LINE }));
  const report = emptyReport('acled-current', Boolean(options.dryRun));
  const reject = rejecter(report);
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim().toLowerCase());
      layout = detectLayout(names);
      return names.map((n, i) => (n === '' ? `__unnamed_${i}` : n));
    },
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: MAX_CSV_RECORD,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  // a record the parser cannot read is rejected with its line, and the file read on
  parser.on('skip', (err: Error & { lines?: number }) => {
    report.rowsRead++;
    reject(err.lines ?? 0, null, `not readable as CSV: ${err.message}`);
  });
  // the text failing part-way (a line too long, the upload cut): the parser reads what came before
  // it to the end, those rows are written, and then the failure is thrown (pipe() carries no error on)
  let textFailed: unknown = null;
  text.on('error', (err) => {
    textFailed = err;
    parser.end();
  });
  text.pipe(parser);
  let batch: Pending[] = [];
  let otherOrigins: string[] | undefined;
  let committed = false;
  // one batch is written while the next is read and mapped: the database and this process work
  // side by side (two cores), the writes themselves one after another, in file order
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const readSoFar = { rows: report.rowsRead, bytes: seen.bytes };
    await writing;
    // readers go first: the requests being answered end before the next batch begins
    await whenReadersDone(db, IMPORT_YIELD_MS);
    // the incidents a row may duplicate come from elsewhere: other datasets, or editors ('')
    const origin = rows[0]?.row.origin ?? '';
    // (skipping along incidents_origin_type_date, one probe an origin: a DISTINCT reads every
    // incident, 100 ms on PGlite at 100k, while readers wait)
    otherOrigins ??= (
      await db.query<{ origin: string }>(
        `WITH RECURSIVE o(origin) AS (
           SELECT min(coalesce(origin, '')) FROM incidents
           UNION ALL
           SELECT (SELECT min(coalesce(i.origin, '')) FROM incidents i WHERE coalesce(i.origin, '') > o.origin) FROM o WHERE o.origin IS NOT NULL
         )
         SELECT origin FROM o WHERE origin IS NOT NULL`,
      )
    ).map((r) => r.origin);
    const others = otherOrigins.filter((o) => o !== origin);
    const dryRun = Boolean(options.dryRun);
    writing = writeIsolating(
      validRows(rows, matcher, reject),
      (part) => writeBatch(db, part, others, matcher, dryRun),
      (p, reason) => reject(p.line, p.row.incident.id, reason),
    ).then((tally) => {
      addTally(report, tally);
      committed ||= !dryRun && tally.inserted + tally.updated > 0;
      options.onProgress?.(readSoFar);
    });
    // a failure is thrown where the next batch (or the end) waits for this one, not left unhandled
    writing.catch(() => undefined);
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!map) {
        if (!layout)
          throw new ImportError(
            'The header is neither an ACLED nor a UCDP GED export: no event_id_cnty/event_date, nor id/relid/side_a/where_prec/best.',
          );
        if (options.format && options.format !== datasetOf(layout))
          throw new ImportError(`--format ${options.format} was asked, but the header is a ${layout} file.`);
        report.format = layout;
        map = datasetOf(layout) === 'ucdp' ? mapUcdp : mapAcled;
      }
      report.rowsRead++;
      // the server's other requests are answered between rows, not after the whole batch is mapped
      if (report.rowsRead % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
      const mapped = map(record);
      if (!mapped.ok) {
        reject(info.lines, null, mapped.reason);
        continue;
      }
      batch.push({ line: info.lines, row: mapped.row });
      if (batch.length >= (options.batchRows ?? BATCH_ROWS)) await flush();
    }
    await flush();
    await writing;
    if (textFailed) throw textFailed;
  } catch (err) {
    // nothing may still be writing when the caller hears of the failure
    await writing.catch(() => undefined);
    const reason =
      err && typeof err === 'object' && (err as { name?: unknown }).name === 'CsvError'
        ? new ImportError(`The file is not valid CSV: ${(err as Error).message}`)
        : err;
    // what was committed before the fault stands, and is said
    if (committed) throw new ImportStopped(finish(report, stats, matcher, started), reason);
    throw reason;
  }
  if (!map) throw new ImportError('The file has a header but no rows, or no header at all.');
  return finish(report, stats, matcher, started);
}

function finish(report: ImportReport, stats: DecodeStats, matcher: PlaceMatcher, started: number): ImportReport {
  report.reencodedLines = stats.reencodedLines;
  // the places this import made (in a dry run, those it would make)
  report.placesCreated = matcher.created.length;
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

async function knownPlaces(db: Pick<Db, 'query'>) {
  const rows = await db.query<{
    id: string;
    lat: number;
    lon: number;
    name_en: string;
    name_fr: string;
    name_ar: string;
    aliases: string[];
    kind: string;
  }>('SELECT id, lat, lon, name_en, name_fr, name_ar, aliases, kind FROM places');
  return rows.map((r) => ({ id: r.id, lat: r.lat, lon: r.lon, kind: r.kind, names: [r.name_en, r.name_fr, r.name_ar, ...r.aliases] }));
}

type Valid = Pending & { incident: Incident };

/** A batch's rows that make valid incidents, their places matched; the others rejected. */
function validRows(batch: Pending[], matcher: PlaceMatcher, reject: (line: number, id: string | null, reason: string) => void): Valid[] {
  // the same row twice in one file: the last one stands
  const byClaim = new Map<string, Pending>();
  for (const p of batch) byClaim.set(p.row.incident.claims[0]?.id ?? p.row.incident.id, p);
  const valid: Valid[] = [];
  for (const p of byClaim.values()) {
    const place = matcher.match(p.row);
    const parsed = incidentSchema.safeParse({ ...p.row.incident, place });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      reject(p.line, p.row.incident.id, `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`);
      continue;
    }
    valid.push({ ...p, incident: parsed.data });
  }
  return valid;
}

/** Writes valid rows in one transaction (rolled back in a dry run); what it wrote, once it has. */
async function writeBatch(db: Db, valid: Valid[], otherOrigins: readonly string[], matcher: PlaceMatcher, dryRun: boolean): Promise<Tally> {
  const tally = noTally();
  // every place this batch's rows stand at that the import made (here or in an earlier batch; in a
  // dry run those were rolled back with their batch)
  const made = new Map(matcher.created.map((p) => [p.id, p]));
  try {
    await db.transaction(async (tx) => {
      const claimIds = valid.map((v) => v.incident.claims[0]?.id ?? '');
      const existing = new Map(
        (
          await tx.query<{ id: string; incident_id: string; origin_hash: string | null; position: number }>(
            'SELECT id, incident_id, origin_hash, position FROM claims WHERE id = ANY($1::text[])',
            [claimIds],
          )
        ).map((r) => [r.id, r]),
      );
      const own: typeof valid = [];
      const moved: { v: (typeof valid)[number]; incidentId: string; position: number }[] = [];
      const fresh: typeof valid = [];
      for (const v of valid) {
        const claim = v.incident.claims[0];
        const had = claim && existing.get(claim.id);
        if (!had) fresh.push(v);
        else if (had.origin_hash === v.row.hash) tally.unchanged++;
        else if (had.incident_id === v.incident.id) own.push(v);
        // an editor confirmed this row as a claim on another incident: only the claim is updated there
        else moved.push({ v, incidentId: had.incident_id, position: had.position });
      }
      tally.inserted += fresh.length;
      tally.updated += own.length + moved.length;
      const writes = [...fresh, ...own];
      if (writes.length === 0 && moved.length === 0) return;
      await ensureNames(
        tx,
        [...writes, ...moved.map((m) => m.v)].map((v) => v.row),
      );
      const newPlaces = [...new Set(writes.map((w) => w.incident.place))].flatMap((id) => made.get(id) ?? []);
      if (newPlaces.length) {
        const p = newPlaces;
        await tx.query(
          `INSERT INTO places (id, name_en, name_fr, name_ar, aliases, lon, lat, geonames_id, admin1, admin2, kind, coordinate_note, origin)
           SELECT id, name, name, '', '{}', lon, lat, NULL, admin1, admin2, 'locality', note, origin
           FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[])
             AS u(id, name, lon, lat, admin1, admin2, note, origin)
           ON CONFLICT (id) DO NOTHING`,
          [
            p.map((x) => x.id),
            p.map((x) => x.name.en),
            p.map((x) => x.lon),
            p.map((x) => x.lat),
            p.map((x) => x.admin1),
            p.map((x) => x.admin2),
            p.map((x) => x.coordinateNote),
            p.map((x) => x.origin),
          ],
        );
      }
      const placeById = await placesForWrite(
        tx,
        writes.map((w) => w.incident.place),
      );
      // the history: the incidents this batch rewrites, before and after; those it creates, by id
      const touched = [...new Set(moved.map((m) => m.incidentId))];
      const rewriting = [
        ...(await tx.query<{ id: string }>('SELECT id FROM incidents WHERE id = ANY($1::text[])', [writes.map((w) => w.incident.id)])).map(
          (r) => r.id,
        ),
        ...touched,
      ];
      const before = (await listIncidentsByIds(tx, rewriting)).incidents;
      await writeIncidents(
        tx,
        writes.map((w) => {
          const place = placeById.get(w.incident.place);
          if (!place) throw new Error(`place ${w.incident.place} vanished during the import`);
          const claim = w.incident.claims[0];
          return { incident: w.incident, place, origin: w.row.origin, originHash: claim ? { [claim.id]: w.row.hash } : {} };
        }),
      );
      if (moved.length) {
        const dependents = await summaryDependents(tx, touched);
        await tx.query('DELETE FROM claims WHERE id = ANY($1::text[])', [moved.map((m) => m.v.incident.claims[0]?.id ?? '')]);
        await writeClaims(
          tx,
          moved.flatMap((m) => {
            const claim = m.v.incident.claims[0];
            return claim ? [{ incidentId: m.incidentId, position: m.position, claim, hash: m.v.row.hash }] : [];
          }),
        );
        await refreshSummaries(tx, touched, dependents);
      }
      const after = new Map((await listIncidentsByIds(tx, rewriting)).incidents.map((i) => [i.id, i]));
      const rewritten = new Set(rewriting);
      await recordImport(
        tx,
        writes[0]?.row.origin ?? moved[0]?.v.row.origin ?? 'import',
        writes.map((w) => w.incident.id).filter((id) => !rewritten.has(id)),
        before.map((b) => ({ id: b.id, before: b, after: after.get(b.id) ?? null })),
      );
      if (fresh.length) tally.candidates = await findCandidates(tx, fresh, otherOrigins);
      if (dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return tally;
}

/**
 * New rows that very likely describe an incident already stored from elsewhere (another dataset,
 * or an editor): same period, same event type, within CANDIDATE_KM. Listed, never merged.
 */
async function findCandidates(tx: Pick<Db, 'query'>, fresh: readonly Valid[], otherOrigins: readonly string[]): Promise<Candidate[]> {
  if (otherOrigins.length === 0) return [];
  const deg = CANDIDATE_KM / 111;
  const rows = await tx.query<{ new_id: string; id: string; lon: number; lat: number }>(
    `SELECT n.id AS new_id, e.id, e.lon, e.lat
     FROM unnest($1::text[], $2::date[], $3::float8[], $4::float8[], $5::text[], $6::text[]) AS n(id, date, lon, lat, type, origin)
     -- by origin, type and period alone (incidents_origin_type_date), the rest filtered from those
     -- few: OFFSET 0 keeps the planner from ANDing in the box or date_end index, which in a dense
     -- area reads thousands of entries for each row (26 ms a batch of 8 on PGlite, against 7)
     CROSS JOIN LATERAL (
       SELECT e.id, e.lon, e.lat, e.date_end FROM incidents e
       WHERE coalesce(e.origin, '') = ANY($8::text[]) AND e.event_type = n.type AND e.date BETWEEN n.date - 31 AND n.date
       OFFSET 0
     ) e
     WHERE e.date_end >= n.date AND e.id <> n.id
       AND e.lon BETWEEN n.lon - $7::float8 / cos(radians(n.lat)) AND n.lon + $7::float8 / cos(radians(n.lat))
       AND e.lat BETWEEN n.lat - $7::float8 AND n.lat + $7::float8`,
    [
      fresh.map((f) => f.incident.id),
      fresh.map((f) => f.incident.date),
      fresh.map((f) => f.row.location.lon),
      fresh.map((f) => f.row.location.lat),
      fresh.map((f) => f.incident.eventType),
      fresh.map((f) => f.row.origin),
      deg,
      otherOrigins,
    ],
  );
  if (rows.length === 0) return [];
  const byId = new Map(fresh.map((f) => [f.incident.id, f]));
  const found: Candidate[] = [];
  for (const r of rows) {
    const f = byId.get(r.new_id);
    const claim = f?.incident.claims[0];
    if (!f || !claim) continue;
    const km = distanceKm(f.row.location, r);
    if (km <= CANDIDATE_KM) found.push({ line: f.line, claim: claim.id, incident: r.id, distanceKm: Math.round(km * 10) / 10 });
  }
  if (found.length === 0) return [];
  await tx.query(
    `INSERT INTO import_candidates (claim_id, incident_id, distance_km) SELECT * FROM unnest($1::text[], $2::text[], $3::float8[])
     ON CONFLICT DO NOTHING`,
    [found.map((c) => c.claim), found.map((c) => c.incident), found.map((c) => c.distanceKm)],
  );
  return found;
}
