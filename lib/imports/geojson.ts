/**
 * GeoJSON in: incidents as this product writes them (/api/incidents.geojson, one feature a line),
 * each feature a whole incident with its claims, place, sources and actors — so a file exported
 * from one server (or kept as a backup) loads into another. Read a line at a time; a file that is
 * one long line (other tools' FeatureCollections) is read whole, up to WHOLE_MAX_BYTES.
 * Rows are known by their incident id: a re-import of the same file changes nothing. Each feature
 * is checked whole (incident, place, sources, actors) before anything is written, JSON nested
 * deeper than MAX_DEPTH is refused before it is parsed, and a feature's geometry, never used (an
 * incident stands at its place), is said to be set aside when it differs from the place's point.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { writeIncidents } from '../db/bulk';
import { recordImport } from '../db/history';
import { listIncidentsByIds } from '../db/incident-read';
import { placesForWrite } from '@/lib/db/bulk';
import type { Db } from '../db/store';
import { whenReadersDone } from '../requests';
import { z } from 'zod';
import {
  type Actor,
  actorSchema,
  type Incident,
  incidentSchema,
  MAX_LINES,
  type Place,
  placeSchema,
  SHORT_TEXT_MAX,
  type Source,
  sourceSchema,
  textSchema,
} from '../domain/schema';
import { type DecodeStats, decodeLines } from './decode';
import { emptyReport, type ImportReport, ImportError, ImportStopped, noter, rejecter } from './report';
import { addTally, BATCH_ROWS, IMPORT_YIELD_MS, type ImportOptions, noTally, type Tally, writeIsolating } from './run';

/** The longest line, and the largest document written on one line: past it the file is refused (413). */
export const WHOLE_MAX_BYTES = 32 * 1024 * 1024;
/** How deep a feature's arrays and objects may nest (ours go 6 deep; a polygon's coordinates 4). */
export const MAX_DEPTH = 64;
/** The record separator that opens each text of a GeoJSON text sequence (RFC 8142). */
export const RS = String.fromCharCode(0x1e);

interface FeatureRow {
  line: number;
  incident: Incident;
  place: Place;
  sources: Source[];
  actors: Actor[];
  hash: string;
  /** why the feature's geometry is set aside, if it is */
  geometry: string | null;
}

type Feature = { type?: unknown; id?: unknown; properties?: Record<string, unknown>; geometry?: unknown };

/** A feature's place: its id, names and position checked (a latitude of 999 refuses the feature, not the batch); the rest as our export writes it, or defaults. */
const importedPlace = placeSchema.partial().extend({
  id: placeSchema.shape.id,
  name: z.object({ en: textSchema(SHORT_TEXT_MAX), fr: textSchema(SHORT_TEXT_MAX), ar: z.string().max(SHORT_TEXT_MAX).optional() }),
  lat: placeSchema.shape.lat,
  lon: placeSchema.shape.lon,
});

const firstIssue = (prefix: string, error: z.ZodError) => {
  const issue = error.issues[0];
  return `${[prefix, ...(issue?.path ?? [])].filter((x) => x !== '').join('.') || 'feature'}: ${issue?.message ?? 'invalid'}`;
};

function toRow(f: Feature, line: number): FeatureRow | string {
  if (f?.type !== 'Feature' || typeof f.properties !== 'object' || f.properties === null) return 'not a GeoJSON Feature';
  const p = f.properties as Record<string, unknown> & { place?: Place; sources?: Source[]; actorIndex?: Actor[] };
  if (!Array.isArray(p.claims) || typeof p.place !== 'object' || p.place === null) {
    return 'not an incident in this product’s shape (its properties need claims and place, as /api/incidents.geojson writes them)';
  }
  const place = importedPlace.safeParse(p.place);
  if (!place.success) return firstIssue('place', place.error);
  const sources = z
    .array(sourceSchema)
    .max(MAX_LINES)
    .safeParse(Array.isArray(p.sources) ? p.sources : []);
  if (!sources.success) return firstIssue('sources', sources.error);
  const actors = z
    .array(actorSchema)
    .max(MAX_LINES)
    .safeParse(Array.isArray(p.actorIndex) ? p.actorIndex : []);
  if (!actors.success) return firstIssue('actorIndex', actors.error);
  const candidate = {
    id: p.id ?? f.id,
    date: p.date,
    datePrecision: p.datePrecision,
    place: p.place.id,
    geoPrecision: p.geoPrecision,
    locationNote: p.locationNote ?? null,
    eventType: p.eventType,
    subEventType: p.subEventType,
    scope: p.scope,
    title: p.title,
    summary: p.summary,
    actors: p.actorRoles,
    reportedBy: p.reportedBy,
    claims: p.claims,
  };
  const parsed = incidentSchema.safeParse(candidate);
  if (!parsed.success) return firstIssue('', parsed.error);
  const { updatedAt: _u, ...content } = p as Record<string, unknown>;
  return {
    line,
    incident: parsed.data,
    place: place.data as Place,
    sources: sources.data,
    actors: actors.data,
    hash: createHash('sha1').update(JSON.stringify(content)).digest('base64url'),
    geometry: geometryNote(f.geometry, place.data),
  };
}

/**
 * Why a feature's geometry is set aside, or null when it is its place's point: an incident stands
 * at its place, so a shape drawn for it (or a position that is no position) is said, never kept silently.
 */
function geometryNote(geometry: unknown, place: { lon: number; lat: number; name: { en: string } }): string | null {
  if (geometry === null || geometry === undefined) return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const at = `the incident stands at its place, ${place.name.en} (${place.lat}, ${place.lon})`;
  if (g.type === 'Point' && Array.isArray(g.coordinates)) {
    const [lon, lat] = g.coordinates as unknown[];
    if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180)
      return `its geometry is not a position on Earth (${JSON.stringify(g.coordinates).slice(0, 60)}): ${at}`;
    if (Math.abs(lon - place.lon) < 1e-6 && Math.abs(lat - place.lat) < 1e-6) return null;
    return `its geometry (${lat}, ${lon}) is not its place's point: ${at}`;
  }
  return `its geometry (${typeof g.type === 'string' ? g.type.slice(0, 40) : 'of no known type'}, ${positions(g.coordinates).toLocaleString('en')} positions) is not kept: ${at}`;
}

/** How many positions a geometry's coordinates hold (walked without recursion: any depth, any size). */
function positions(coordinates: unknown): number {
  let n = 0;
  const stack: unknown[] = [coordinates];
  while (stack.length) {
    const c = stack.pop();
    if (!Array.isArray(c)) continue;
    if (typeof c[0] === 'number') n++;
    else for (const x of c) stack.push(x);
  }
  return n;
}

/** Whether JSON text nests arrays and objects deeper than `max` (counted outside strings, before any parse). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Features out of text: one a line (with a leading or trailing comma), or one whole document. */
async function* features(lines: AsyncIterable<string>): AsyncGenerator<{ feature: Feature | null; line: number; error?: string }> {
  let n = 0;
  let whole: string[] | null = null;
  let size = 0;
  const parse = (text: string): unknown => {
    // a document nested thousands deep would exhaust the parser's stack: refused before it is parsed
    if (nestsDeeperThan(text, MAX_DEPTH)) throw new SyntaxError(`nested deeper than ${MAX_DEPTH} arrays and objects`);
    return JSON.parse(text);
  };
  for await (const chunk of lines) {
    for (const raw of chunk.split('\n')) {
      if (raw === '' && chunk.endsWith('\n')) continue;
      n++;
      if (whole) {
        size += raw.length;
        if (size > WHOLE_MAX_BYTES)
          throw new ImportError(
            `A GeoJSON file written on one line is read whole, up to ${WHOLE_MAX_BYTES / 1024 / 1024} MiB: export it one feature a line.`,
            413,
          );
        whole.push(raw);
        continue;
      }
      const text = raw.trim().replace(/^,/, '').replace(/,$/, '').trim();
      // the lines around the features of our own export: the collection's opening, its close
      if (text === '' || text === '[' || text === ']' || text === ']}' || /^\{"type":"FeatureCollection".*"features":\[$/.test(text))
        continue;
      if (n === 1 && !text.endsWith('}')) {
        // the opening of a document that does not keep one feature a line: read it whole
        whole = [raw];
        size = raw.length;
        continue;
      }
      try {
        // a GeoJSON text sequence (RFC 8142) opens each feature with a record separator
        const value = parse(text.startsWith(RS) ? text.slice(1) : text) as Feature & { features?: Feature[] };
        if (value?.type === 'FeatureCollection' && Array.isArray(value.features)) {
          for (const f of value.features) yield { feature: f, line: n };
        } else yield { feature: value, line: n };
      } catch (err) {
        yield { feature: null, line: n, error: `not valid JSON${err instanceof SyntaxError ? ` (${err.message.slice(0, 120)})` : ''}` };
      }
    }
  }
  if (whole) {
    let doc: { type?: string; features?: Feature[] };
    try {
      doc = parse(whole.join('\n')) as typeof doc;
    } catch (err) {
      throw new ImportError(`The file is not valid JSON${err instanceof SyntaxError ? `: ${err.message.slice(0, 200)}` : '.'}`);
    }
    if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features))
      throw new ImportError('The file is not a GeoJSON FeatureCollection.');
    // one document: each feature is known by its place in it
    for (const [i, f] of doc.features.entries()) yield { feature: f, line: i + 1 };
  }
}

export async function importGeoJson(db: Db, source: AsyncIterable<Uint8Array>, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const stats: DecodeStats = { reencodedLines: 0 };
  const report = emptyReport('geojson', Boolean(options.dryRun));
  const reject = rejecter(report);
  const note = noter(report);
  let bytes = 0;
  let committed = false;
  const counted = async function* () {
    for await (const c of source) {
      bytes += c.byteLength;
      yield c;
    }
  };
  let batch: FeatureRow[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    // readers go first: the requests being answered end before the next batch begins
    await whenReadersDone(db, IMPORT_YIELD_MS);
    const dryRun = Boolean(options.dryRun);
    const tally = await writeIsolating(
      rows,
      (part) => writeFeatures(db, part, dryRun),
      (r, reason) => reject(r.line, r.incident.id, reason),
    );
    addTally(report, tally);
    committed ||= !dryRun && tally.inserted + tally.updated > 0;
    options.onProgress?.({ rows: report.rowsRead, bytes });
  };
  try {
    for await (const { feature, line, error } of features(decodeLines(counted(), stats, { maxLine: WHOLE_MAX_BYTES }))) {
      report.rowsRead++;
      // the server's other requests are answered between features
      if (report.rowsRead % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (!feature) {
        reject(line, null, error ?? 'not a feature');
        continue;
      }
      const row = toRow(feature, line);
      if (typeof row === 'string') {
        reject(line, typeof feature.id === 'string' ? feature.id : null, row);
        continue;
      }
      if (row.geometry) note(line, row.incident.id, row.geometry);
      batch.push(row);
      if (batch.length >= (options.batchRows ?? BATCH_ROWS)) await flush();
    }
    await flush();
  } catch (err) {
    // what was committed before the fault stands, and is said
    if (committed) throw new ImportStopped(finish(report, stats, started), err);
    throw err;
  }
  if (report.rowsRead === 0) throw new ImportError('The file holds no GeoJSON feature.');
  return finish(report, stats, started);
}

function finish(report: ImportReport, stats: DecodeStats, started: number): ImportReport {
  report.reencodedLines = stats.reencodedLines;
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

class DryRun extends Error {}

async function writeFeatures(db: Db, rows: FeatureRow[], dryRun: boolean): Promise<Tally> {
  const tally = noTally();
  try {
    await db.transaction(async (tx) => {
      const ids = rows.map((r) => r.incident.id);
      const stored = new Map(
        (
          await tx.query<{ incident_id: string; hashes: (string | null)[] }>(
            'SELECT incident_id, array_agg(origin_hash) AS hashes FROM claims WHERE incident_id = ANY($1::text[]) GROUP BY incident_id',
            [ids],
          )
        ).map((r) => [r.incident_id, r.hashes]),
      );
      // a toll line counted in another incident needs that incident: stored, or in this batch
      const counted = [
        ...new Set(rows.flatMap((r) => r.incident.claims.flatMap((c) => c.casualties.flatMap((l) => (l.countedIn ? [l.countedIn] : []))))),
      ];
      const known = new Set([
        ...ids,
        ...(await tx.query<{ id: string }>('SELECT id FROM incidents WHERE id = ANY($1::text[])', [counted])).map((r) => r.id),
      ]);
      const writes: FeatureRow[] = [];
      for (const r of rows) {
        const hashes = stored.get(r.incident.id);
        const missing = r.incident.claims.flatMap((c) =>
          c.casualties.flatMap((l) => (l.countedIn && !known.has(l.countedIn) ? [l.countedIn] : [])),
        );
        if (missing.length)
          tally.rejected.push({
            line: r.line,
            id: r.incident.id,
            reason: `counted in ${missing[0]}, which is neither stored nor earlier in the file`,
          });
        else if (hashes?.every((h) => h === r.hash)) tally.unchanged++;
        else {
          if (hashes) tally.updated++;
          else tally.inserted++;
          writes.push(r);
        }
      }
      if (!writes.length) return;
      const sources = new Map(writes.flatMap((w) => w.sources.map((s) => [s.id, s])));
      const actors = new Map(writes.flatMap((w) => w.actors.map((a) => [a.id, a])));
      const places = new Map(writes.map((w) => [w.place.id, w.place]));
      if (sources.size) {
        const s = [...sources.values()];
        await tx.query(
          `INSERT INTO sources (id, name_en, name_fr, kind, language, url) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           ON CONFLICT (id) DO NOTHING`,
          [
            s.map((x) => x.id),
            s.map((x) => x.name.en),
            s.map((x) => x.name.fr),
            s.map((x) => x.kind),
            s.map((x) => x.language),
            s.map((x) => x.url),
          ],
        );
      }
      if (actors.size) {
        const a = [...actors.values()];
        await tx.query(
          'INSERT INTO actors (id, name_en, name_fr, kind) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (id) DO NOTHING',
          [a.map((x) => x.id), a.map((x) => x.name.en), a.map((x) => x.name.fr), a.map((x) => x.kind)],
        );
      }
      const p = [...places.values()];
      const made = await tx.query<{ id: string }>(
        `INSERT INTO places (id, name_en, name_fr, name_ar, aliases, lon, lat, geonames_id, admin1, admin2, kind, coordinate_note)
         SELECT u.id, u.en, u.fr, u.ar, ARRAY(SELECT jsonb_array_elements_text(u.aliases::jsonb)), u.lon, u.lat, u.geonames, u.admin1, u.admin2, u.kind, u.note
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[])
           AS u(id, en, fr, ar, aliases, lon, lat, geonames, admin1, admin2, kind, note)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          p.map((x) => x.id),
          p.map((x) => x.name.en),
          p.map((x) => x.name.fr),
          p.map((x) => x.name.ar ?? ''),
          p.map((x) => JSON.stringify(x.aliases ?? [])),
          p.map((x) => x.lon),
          p.map((x) => x.lat),
          p.map((x) => x.geonamesId ?? null),
          p.map((x) => x.admin1 ?? ''),
          p.map((x) => x.admin2 ?? null),
          p.map((x) => x.kind ?? 'locality'),
          p.map((x) => x.coordinateNote ?? 'From an imported GeoJSON file.'),
        ],
      );
      tally.placesCreated += made.length;
      const stored2 = await placesForWrite(tx, [...places.keys()]);
      // the history: the incidents this batch rewrites, before and after; those it creates, by id
      const before = (
        await listIncidentsByIds(
          tx,
          writes.map((w) => w.incident.id),
        )
      ).incidents;
      const rewritten = new Set(before.map((b) => b.id));
      await writeIncidents(
        tx,
        writes.map((w) => {
          const place = stored2.get(w.place.id);
          if (!place) throw new Error(`place ${w.place.id} could not be written`);
          return { incident: w.incident, place, originHash: Object.fromEntries(w.incident.claims.map((c) => [c.id, w.hash])) };
        }),
      );
      const after = new Map(
        (
          await listIncidentsByIds(
            tx,
            before.map((b) => b.id),
          )
        ).incidents.map((i) => [i.id, i]),
      );
      await recordImport(
        tx,
        'geojson',
        writes.flatMap((w) => (rewritten.has(w.incident.id) ? [] : [w.incident.id])),
        before.map((b) => ({ id: b.id, before: b, after: after.get(b.id) ?? null })),
      );
      if (dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return tally;
}

/** The first `n` bytes of a stream (fewer when it is shorter), and the whole stream again, those bytes first. */
export async function peek(source: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const read: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    read.push(r.value);
    size += r.value.byteLength;
  }
  const head = new Uint8Array(Math.min(size, n));
  let at = 0;
  for (const c of read) {
    if (at >= head.length) break;
    head.set(c.subarray(0, head.length - at), at);
    at += Math.min(c.byteLength, head.length - at);
  }
  const all: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      yield* read;
      if (done) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    },
  };
  return { head, all };
}
