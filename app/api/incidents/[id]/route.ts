import { getById } from '@/lib/api/handlers';
import { incidentDetailFeature } from '@/lib/api/geojson';
import { getIncident, listActors, listSources } from '@/lib/db/queries';

export const dynamic = 'force-dynamic';

export const GET = getById('Incident', async (db, id) => {
  const incident = await getIncident(db, id);
  if (!incident) return null;
  const [sources, actors] = await Promise.all([listSources(db), listActors(db)]);
  return incidentDetailFeature(incident, sources, actors);
});
