/** What the incident editor's pages load: the sources and actors to choose from, and the incident with its place. */
import 'server-only';
import type { Named, PickedPlace } from './types';
import type { Db } from '../db/store';
import { codedRecord } from '../db/corrections';
import { getIncident } from '../db/incident-read';
import { listActors, listSources } from '../db/catalog';
import type { Incident } from '../domain/schema';

export async function editorChoices(db: Db): Promise<{ sources: Named[]; actors: Named[] }> {
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  const byName = (a: Named, b: Named) => a.name.en.localeCompare(b.name.en);
  return {
    sources: sources.map((s) => ({ id: s.id, name: s.name })).sort(byName),
    actors: actors.map((a) => ({ id: a.id, name: a.name })).sort(byName),
  };
}

export async function incidentToEdit(db: Db, id: string): Promise<{ incident: Incident; revision: number; place: PickedPlace } | null> {
  const view = await getIncident(db, id);
  if (!view) return null;
  const { id: pid, name, lat, lon, admin1, kind } = view.place;
  return { incident: codedRecord(view), revision: view.revision, place: { id: pid, name, lat, lon, admin1, kind } };
}
