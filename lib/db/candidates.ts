/**
 * Possible matches between an imported row (its claim) and an incident already stored, as the
 * importer lists them, and an editor's decision on each. Confirmed, the row becomes one more
 * claim on that incident (its own imported incident goes, once it holds no claim); rejected, it
 * stays apart. Never decided by the importer itself.
 */
import 'server-only';
import { briefOf, type IncidentBrief } from '@/lib/incident/view';
import { listIncidentsByIds } from './incident-read';
import type { Db } from './store';
import { refreshSummaries, summaryDependents } from './summaries';

/** One side of a possible match, with what an editor decides by: its toll, its actors and who reports it. */
export type CandidateSide = { id: string; title: { en: string; fr: string }; date: string; placeId: string; placeName: string } & Partial<
  Pick<IncidentBrief, 'eventType' | 'subEventType' | 'killed' | 'wounded' | 'actors' | 'claimants'>
>;

export interface CandidateRow {
  claimId: string;
  claimant: string;
  /** the incident the imported claim stands on now */
  importedIncident: CandidateSide;
  incident: CandidateSide;
  distanceKm: number;
  status: 'open' | 'confirmed' | 'rejected';
  foundAt: string;
}

export async function listCandidates(db: Pick<Db, 'query'>, status: CandidateRow['status'], limit: number): Promise<CandidateRow[]> {
  const rows = await db.query<{
    claim_id: string;
    claimant_id: string;
    i_id: string;
    i_title: string;
    i_title_fr: string;
    i_date: string;
    i_place: string;
    i_place_name: string;
    e_id: string;
    e_title: string;
    e_title_fr: string;
    e_date: string;
    e_place: string;
    e_place_name: string;
    distance_km: number;
    status: CandidateRow['status'];
    found_at: string;
  }>(
    `SELECT c.claim_id, cl.claimant_id, i.id AS i_id, i.title_en AS i_title, i.title_fr AS i_title_fr, to_char(i.date, 'YYYY-MM-DD') AS i_date, i.place_id AS i_place, ip.name_en AS i_place_name,
       e.id AS e_id, e.title_en AS e_title, e.title_fr AS e_title_fr, to_char(e.date, 'YYYY-MM-DD') AS e_date, e.place_id AS e_place, ep.name_en AS e_place_name,
       c.distance_km, c.status,
       to_char(c.found_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS found_at
     FROM import_candidates c JOIN claims cl ON cl.id = c.claim_id JOIN incidents i ON i.id = cl.incident_id JOIN incidents e ON e.id = c.incident_id
       JOIN places ip ON ip.id = i.place_id JOIN places ep ON ep.id = e.place_id
     WHERE c.status = $1 ORDER BY c.found_at DESC, c.claim_id, c.incident_id LIMIT $2`,
    [status, limit],
  );
  // each side's toll, actors and claimants, as a list shows them (one query for the page's incidents)
  const ids = [...new Set(rows.flatMap((r) => [r.i_id, r.e_id]))];
  const briefs = new Map((await listIncidentsByIds(db, ids)).incidents.map((i) => [i.id, briefOf(i)]));
  const more = (id: string) => {
    const b = briefs.get(id);
    return b
      ? {
          eventType: b.eventType,
          subEventType: b.subEventType,
          killed: b.killed,
          wounded: b.wounded,
          actors: b.actors,
          claimants: b.claimants,
        }
      : {};
  };
  return rows.map((r) => ({
    claimId: r.claim_id,
    claimant: r.claimant_id,
    importedIncident: {
      id: r.i_id,
      title: { en: r.i_title, fr: r.i_title_fr },
      date: r.i_date,
      placeId: r.i_place,
      placeName: r.i_place_name,
      ...more(r.i_id),
    },
    incident: {
      id: r.e_id,
      title: { en: r.e_title, fr: r.e_title_fr },
      date: r.e_date,
      placeId: r.e_place,
      placeName: r.e_place_name,
      ...more(r.e_id),
    },
    distanceKm: r.distance_km,
    status: r.status,
    foundAt: r.found_at,
  }));
}

/** An editor's decision; null when there is no such open candidate. */
export async function decideCandidate(
  db: Pick<Db, 'transaction'>,
  claimId: string,
  incidentId: string,
  decision: 'confirm' | 'reject',
): Promise<{ claimId: string; incidentId: string; status: 'confirmed' | 'rejected'; removedIncident: string | null } | null> {
  return db.transaction(async (tx) => {
    const [open] = await tx.query<{ from_incident: string }>(
      `SELECT cl.incident_id AS from_incident FROM import_candidates c JOIN claims cl ON cl.id = c.claim_id
       WHERE c.claim_id = $1 AND c.incident_id = $2 AND c.status = 'open' FOR UPDATE OF c`,
      [claimId, incidentId],
    );
    if (!open) return null;
    if (decision === 'reject') {
      await tx.query("UPDATE import_candidates SET status = 'rejected' WHERE claim_id = $1 AND incident_id = $2", [claimId, incidentId]);
      return { claimId, incidentId, status: 'rejected', removedIncident: null };
    }
    const dependents = await summaryDependents(tx, [open.from_incident, incidentId]);
    // the claim moves onto the stored incident, after its own claims; the sources it cites come with it
    await tx.query(
      `UPDATE claims SET incident_id = $2, position = (SELECT coalesce(max(position), -1) + 1 FROM claims WHERE incident_id = $2) WHERE id = $1`,
      [claimId, incidentId],
    );
    await tx.query(
      `INSERT INTO incident_sources (incident_id, source_id) SELECT $2, source_id FROM incident_sources WHERE incident_id = $1 ON CONFLICT DO NOTHING`,
      [open.from_incident, incidentId],
    );
    await tx.query("UPDATE import_candidates SET status = 'confirmed' WHERE claim_id = $1 AND incident_id = $2", [claimId, incidentId]);
    await tx.query("UPDATE import_candidates SET status = 'rejected' WHERE claim_id = $1 AND incident_id <> $2 AND status = 'open'", [
      claimId,
      incidentId,
    ]);
    await tx.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [incidentId]);
    // the imported row's own incident, now without a claim, goes
    const emptied = await tx.query<{ id: string }>(
      'DELETE FROM incidents WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM claims WHERE incident_id = $1) RETURNING id',
      [open.from_incident],
    );
    await refreshSummaries(tx, [open.from_incident, incidentId], dependents);
    return { claimId, incidentId, status: 'confirmed', removedIncident: emptied[0]?.id ?? null };
  });
}
