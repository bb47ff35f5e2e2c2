/** What the incident editor's pages load: the sources and actors to choose from, and the incident with its place. */
import 'server-only';
import type { Named, PickedPlace } from './types';
import { getDb } from '../db';
import { type RecentChange, recentChanges } from '../db/history';
import { listViews } from '../db/views';
import { codedRecord } from '../db/corrections';
import { getIncident } from '../db/incident-read';
import { listActors, listSources } from '../db/catalog';
import type { Incident } from '../domain/schema';

/** The sources and actors an editor chooses from, by name. */
export async function editorChoices(): Promise<{ sources: Named[]; actors: Named[] }> {
  const db = await getDb();
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  const byName = (a: Named, b: Named) => a.name.en.localeCompare(b.name.en);
  return {
    sources: sources.map((s) => ({ id: s.id, name: s.name })).sort(byName),
    actors: actors.map((a) => ({ id: a.id, name: a.name })).sort(byName),
  };
}

/** The incident as the editor's form takes it, the revision it was read at, and its place; null when there is none. */
export async function incidentToEdit(id: string): Promise<{ incident: Incident; revision: number; place: PickedPlace } | null> {
  const view = await getIncident(await getDb(), id);
  if (!view) return null;
  const { id: pid, name, lat, lon, admin1, kind } = view.place;
  return { incident: codedRecord(view), revision: view.revision, place: { id: pid, name, lat, lon, admin1, kind } };
}

/** What the desk's home shows: the newest saved views (and how many there are), and the latest changes. */
export async function deskHome(shown: number, recent: number) {
  const db = await getDb();
  const [views, changes] = await Promise.all([listViews(db, shown), recentChanges(db, recent)]);
  return { ...views, recent: changes };
}
export type { RecentChange };
