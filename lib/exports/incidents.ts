/**
 * Exactly what the filters show, as a file: CSV with ACLED's column names (so ACLED's own tools
 * and scripts read it) followed by our claim columns, or GeoJSON. Streamed page by page: memory
 * stays that of one page whatever the store holds.
 */
import 'server-only';
import { type Feature, type IncidentDetailProps, incidentDetailFeature } from '@/lib/incident/geojson';
import type { IncidentFilter } from '../db/incident-filter';
import type { IncidentView } from '@/lib/incident/view';
import { listActors, listSources } from '../db/catalog';
import { listIncidents } from '../db/incident-lists';
import type { Db } from '../db/store';
import { ACLED_SUB_LABELS, ACLED_TYPE_LABELS } from '../domain/taxonomy';

const PAGE = 500;

/** Every incident the filter matches, newest first, a page at a time. */
async function* pages(db: Pick<Db, 'query'>, filter: IncidentFilter): AsyncGenerator<IncidentView[]> {
  for (let cursor: IncidentFilter['cursor']; ; ) {
    const page = await listIncidents(db, { ...filter, limit: PAGE, cursor });
    if (page.incidents.length) yield page.incidents;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

const TIME_PRECISION = { day: 1, week: 2, month: 3 } as const;

export const CSV_COLUMNS = [
  // ACLED's names, ACLED's meanings
  'event_id_cnty',
  'event_date',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'actor2',
  'assoc_actor_2',
  'admin1',
  'admin2',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
  // ours: the disagreement ACLED's one figure cannot hold
  'date_end',
  'title',
  'killed_low',
  'killed_high',
  'wounded_low',
  'wounded_high',
  'contested',
  'claim_count',
  'claimants',
  'claims_json',
] as const;

const field = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // a leading =, +, - or @ would run as a formula in a spreadsheet: quoted with a leading apostrophe
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

function csvRow(i: IncidentView, names: { source: (id: string) => string; actor: (id: string) => string }): string {
  const side = (s: 'a' | 'b', role: 'primary' | 'associated') =>
    i.actors
      .filter((a) => a.side === s && a.role === role)
      .map((a) => names.actor(a.actor))
      .join('; ');
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    event_id_cnty: i.id,
    event_date: i.date,
    time_precision: TIME_PRECISION[i.datePrecision],
    event_type: ACLED_TYPE_LABELS[i.eventType],
    sub_event_type: ACLED_SUB_LABELS[i.subEventType] ?? i.subEventType,
    actor1: side('a', 'primary'),
    assoc_actor_1: side('a', 'associated'),
    actor2: side('b', 'primary'),
    assoc_actor_2: side('b', 'associated'),
    admin1: i.place.admin1,
    admin2: i.place.admin2,
    location: i.place.name.en,
    latitude: i.lat,
    longitude: i.lon,
    geo_precision: i.geoPrecision,
    source: i.reportedBy.map(names.source).join('; '),
    notes: i.summary.en,
    // ACLED's one figure is its conservative count: the lowest any claim gives
    fatalities: i.casualties.killed?.low ?? null,
    date_end: i.dateEnd,
    title: i.title.en,
    killed_low: i.casualties.killed?.low ?? null,
    killed_high: i.casualties.killed?.high ?? null,
    wounded_low: i.casualties.wounded?.low ?? null,
    wounded_high: i.casualties.wounded?.high ?? null,
    contested: i.contested.join('; '),
    claim_count: i.claims.length,
    claimants: i.claims.map((c) => names.source(c.claimant)).join('; '),
    claims_json: JSON.stringify(i.claims),
  };
  return `${CSV_COLUMNS.map((c) => field(values[c])).join(',')}\r\n`;
}

const encoder = new TextEncoder();

/** The CSV file's bytes, streamed. */
export function incidentsCsv(db: Pick<Db, 'query'>, filter: IncidentFilter): ReadableStream<Uint8Array> {
  return streamOf(async function* () {
    const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
    const sourceName = new Map(sources.map((s) => [s.id, s.name.en]));
    const actorName = new Map(actors.map((a) => [a.id, a.name.en]));
    const names = { source: (id: string) => sourceName.get(id) ?? id, actor: (id: string) => actorName.get(id) ?? id };
    yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
    for await (const page of pages(db, filter)) yield page.map((i) => csvRow(i, names)).join('');
  });
}

/** The GeoJSON file's bytes, streamed: one FeatureCollection of the incidents with all their claims. */
export function incidentsGeoJson(db: Pick<Db, 'query'>, filter: IncidentFilter, meta: Record<string, unknown>): ReadableStream<Uint8Array> {
  return streamOf(async function* () {
    const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
    // one feature a line: still one GeoJSON document, and a file the importer reads a line at a time
    yield `{"type":"FeatureCollection","meta":${JSON.stringify(meta)},"features":[\n`;
    let first = true;
    for await (const page of pages(db, filter)) {
      const features: Feature<IncidentDetailProps>[] = page.map((i) => incidentDetailFeature(i, sources, actors));
      yield `${first ? '' : ',\n'}${features.map((f) => JSON.stringify(f)).join(',\n')}`;
      first = false;
    }
    yield '\n]}\n';
  });
}

function streamOf(make: () => AsyncGenerator<string>): ReadableStream<Uint8Array> {
  let it: AsyncGenerator<string> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      it ??= make();
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        console.error('[export]', err);
        controller.error(err);
      }
    },
    async cancel() {
      await it?.return(undefined);
    },
  });
}

/** A file name that says what it holds: the filters and the day it was made. */
export function exportFilename(filter: IncidentFilter, ext: 'csv' | 'geojson', today = new Date()): string {
  const parts = ['incidents'];
  if (filter.from) parts.push(`from-${filter.from}`);
  if (filter.to) parts.push(`to-${filter.to}`);
  if (filter.types?.length) parts.push(filter.types.join('+'));
  if (filter.actors?.length) parts.push(`actor-${filter.actors.join('+')}`);
  if (filter.places?.length) parts.push(`place-${filter.places.join('+')}`);
  if (filter.sources?.length) parts.push(`source-${filter.sources.join('+')}`);
  if (filter.bbox) parts.push(`bbox-${filter.bbox.map((n) => n.toFixed(2)).join('_')}`);
  if (filter.q) parts.push('search');
  parts.push(`as-of-${today.toISOString().slice(0, 10)}`);
  return `${parts.join('_').slice(0, 180)}.${ext}`;
}
