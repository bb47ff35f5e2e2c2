/**
 * GeoJSON in: incidents as this product writes them (/api/incidents.geojson, one feature a line),
 * each feature a whole incident with its claims, place, sources and actors — so a file exported
 * from one server (or kept as a backup) loads into another. Read a line at a time; a file that is
 * one long line (other tools' FeatureCollections) is read whole, up to WHOLE_MAX_BYTES.
 * Rows are known by their incident id: a re-import of the same file changes nothing.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { writeIncidents } from '../db/bulk';
import { recordImport } from '../db/history';
import { listIncidentsByIds } from '../db/queries';
import { placesForWrite } from '../db/seed';
import type { Db } from '../db/store';
import { type Actor, type Incident, incidentSchema, type Place, type Source } from '../domain/schema';
import { type DecodeStats, decodeLines } from './decode';
import { BATCH_ROWS, emptyReport, type ImportOptions, type ImportReport, ImportError, importCsv, rejecter } from './run';

export const WHOLE_MAX_BYTES = 256 * 1024 * 1024;
/** The record separator that opens each text of a GeoJSON text sequence (RFC 8142). */
const RS = String.fromCharCode(0x1e);

interface FeatureRow {
  line: number;
  incident: Incident;
  place: Place;
  sources: Source[];
  actors: Actor[];
  hash: string;
}

type Feature = { type?: unknown; id?: unknown; properties?: Record<string, unknown> };

function toRow(f: Feature, line: number): FeatureRow | string {
  if (f?.type !== 'Feature' || typeof f.properties !== 'object' || f.properties === null) return 'not a GeoJSON Feature';
  const p = f.properties as Record<string, unknown> & { place?: Place; sources?: Source[]; actorIndex?: Actor[] };
  if (!Array.isArray(p.claims) || typeof p.place !== 'object' || p.place === null) {
    return 'not an incident in this product’s shape (its properties need claims and place, as /api/incidents.geojson writes them)';
  }
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
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') || 'feature'}: ${issue?.message ?? 'invalid'}`;
  }
  const { updatedAt: _u, ...content } = p as Record<string, unknown>;
  return {
    line,
    incident: parsed.data,
    place: p.place,
    sources: Array.isArray(p.sources) ? p.sources : [],
    actors: Array.isArray(p.actorIndex) ? p.actorIndex : [],
    hash: createHash('sha1').update(JSON.stringify(content)).digest('base64url'),
  };
}

/** Features out of text: one a line (with a leading or trailing comma), or one whole document. */
async function* features(lines: AsyncIterable<string>): AsyncGenerator<{ feature: Feature | null; line: number; error?: string }> {
  let n = 0;
  let whole: string[] | null = null;
  let size = 0;
  for await (const chunk of lines) {
    for (const raw of chunk.split('\n')) {
      if (raw === '' && chunk.endsWith('\n')) continue;
      n++;
      if (whole) {
        size += raw.length;
        if (size > WHOLE_MAX_BYTES)
          throw new ImportError(
            `a GeoJSON file written on one line is read whole, up to ${WHOLE_MAX_BYTES} bytes: export it one feature a line`,
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
        const value = JSON.parse(text.startsWith(RS) ? text.slice(1) : text) as Feature & { features?: Feature[] };
        if (value?.type === 'FeatureCollection' && Array.isArray(value.features)) {
          for (const f of value.features) yield { feature: f, line: n };
        } else yield { feature: value, line: n };
      } catch {
        yield { feature: null, line: n, error: 'not valid JSON' };
      }
    }
  }
  if (whole) {
    let doc: { type?: string; features?: Feature[] };
    try {
      doc = JSON.parse(whole.join('\n'));
    } catch {
      throw new ImportError('The file is not valid JSON.');
    }
    if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features))
      throw new ImportError('The file is not a GeoJSON FeatureCollection.');
    for (const f of doc.features) yield { feature: f, line: 1 };
  }
}

export async function importGeoJson(db: Db, source: AsyncIterable<Uint8Array>, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const stats: DecodeStats = { reencodedLines: 0 };
  const report = emptyReport('geojson', Boolean(options.dryRun));
  const reject = rejecter(report);
  let bytes = 0;
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
    await writeFeatures(db, rows, report, reject, Boolean(options.dryRun));
    options.onProgress?.({ rows: report.rowsRead, bytes });
  };
  for await (const { feature, line, error } of features(decodeLines(counted(), stats))) {
    report.rowsRead++;
    if (!feature) {
      reject(line, null, error ?? 'not a feature');
      continue;
    }
    const row = toRow(feature, line);
    if (typeof row === 'string') {
      reject(line, typeof feature.id === 'string' ? feature.id : null, row);
      continue;
    }
    batch.push(row);
    if (batch.length >= (options.batchRows ?? BATCH_ROWS)) await flush();
  }
  await flush();
  if (report.rowsRead === 0) throw new ImportError('The file holds no GeoJSON feature.');
  report.reencodedLines = stats.reencodedLines;
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

class DryRun extends Error {}

async function writeFeatures(
  db: Db,
  rows: FeatureRow[],
  report: ImportReport,
  reject: (line: number, id: string | null, reason: string) => void,
  dryRun: boolean,
): Promise<void> {
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
        if (missing.length) reject(r.line, r.incident.id, `counted in ${missing[0]}, which is neither stored nor earlier in the file`);
        else if (hashes?.every((h) => h === r.hash)) report.unchanged++;
        else {
          if (hashes) report.updated++;
          else report.inserted++;
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
      report.placesCreated += made.length;
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
}

/**
 * Any file the importer reads: GeoJSON when its first character opens JSON (or a GeoJSON text
 * sequence), else CSV (ACLED or UCDP GED). `format` decides when given.
 */
export async function importFile(
  db: Db,
  source: AsyncIterable<Uint8Array>,
  options: Omit<ImportOptions, 'format'> & { format?: 'acled' | 'ucdp' | 'geojson' },
): Promise<ImportReport> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      let sent = first.done;
      return {
        next: async () => {
          if (!sent) {
            sent = true;
            return { value: head, done: false };
          }
          return it.next();
        },
        return: async () => (it.return ? it.return() : { value: undefined, done: true }),
      };
    },
  };
  const opening = new TextDecoder()
    .decode(head.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  const json = options.format === 'geojson' || (!options.format && ['{', '[', RS].some((c) => opening.startsWith(c)));
  if (json) return importGeoJson(db, rest, { ...options, format: undefined });
  return importCsv(db, rest, { ...options, format: options.format === 'geojson' ? undefined : options.format });
}
