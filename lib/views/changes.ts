/**
 * What changed since a pinned view was published: its snapshot against the incidents its
 * filters match today, incident by incident — added since, gone since (deleted, or no longer
 * matching), and changed (each coded field that differs: texts, date, place, precision, type,
 * claims and their tolls, actors, sources). The embed's correction note links here.
 */
import 'server-only';
import type { Feature, IncidentDetailProps } from '@/lib/incident/geojson';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/store';
import { getView } from '@/lib/db/views';
import { diffRecords, type FieldChange } from '@/lib/domain/diff';
import type { View } from '@/lib/domain/view';
import { viewIncidents, viewSnapshot } from './incidents';

type Q = Pick<Db, 'query'>;
type Detail = Feature<IncidentDetailProps>;

/** What a reader reads of an incident, as an editor codes it (not when it was written, nor derived sums). */
const CODED = [
  'date',
  'datePrecision',
  'placeId',
  'geoPrecision',
  'locationNote',
  'eventType',
  'subEventType',
  'scope',
  'title',
  'summary',
  'claims',
  'actorRoles',
  'reportedBy',
  // derived, but what the map shows: a toll moved to another incident changes these alone
  'killed',
  'wounded',
  'contested',
] as const;

const coded = (f: Detail) => Object.fromEntries(CODED.map((k) => [k, f.properties[k]]));

export interface IncidentRef {
  id: string;
  title: IncidentDetailProps['title'];
}
export interface ViewChanges {
  viewId: string;
  publishedAt: string;
  added: IncidentRef[];
  removed: IncidentRef[];
  /** each with the fields that differ, and the two versions compared (today's first), to name what the fields hold */
  changed: (IncidentRef & { fields: FieldChange[]; versions: [Record<string, unknown>, Record<string, unknown>] })[];
}

/** The comparison, or null when the view keeps no snapshot (not published, or following the data). */
export async function changesSincePublication(db: Q, view: View): Promise<ViewChanges | null> {
  if (!view.publishedAt || !view.pinned) return null;
  const snapshot = await viewSnapshot(db, view.id);
  if (!snapshot) return null;
  const now = await viewIncidents(db, view.spec);
  const then = new Map(snapshot.incidents.map((f) => [f.properties.id, f]));
  const current = new Map(now.map((f) => [f.properties.id, f]));
  const ref = (f: Detail): IncidentRef => ({ id: f.properties.id, title: f.properties.title });
  return {
    viewId: view.id,
    publishedAt: view.publishedAt,
    added: now.filter((f) => !then.has(f.properties.id)).map(ref),
    removed: snapshot.incidents.filter((f) => !current.has(f.properties.id)).map(ref),
    changed: snapshot.incidents.flatMap((f) => {
      const c = current.get(f.properties.id);
      if (!c) return [];
      const [then, today] = [coded(f), coded(c)];
      const fields = diffRecords(then, today);
      return fields.length ? [{ ...ref(c), fields, versions: [today, then] as [Record<string, unknown>, Record<string, unknown>] }] : [];
    }),
  };
}

/** A published view and, when it is pinned, its changes since publication (null: not published, or none such). */
export async function publishedViewChanges(id: string): Promise<{ view: View; changes: ViewChanges | null } | null> {
  const db = await getDb();
  const view = await getView(db, id);
  if (!view?.publishedAt) return null;
  return { view, changes: await changesSincePublication(db, view) };
}
