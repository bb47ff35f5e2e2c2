import { otherMethods } from '@/lib/api/problem';
import { incidentDelete, incidentGet, incidentPut } from '@/lib/incidents/item';

export const dynamic = 'force-dynamic';

export const { POST, PATCH } = otherMethods('GET', 'PUT', 'DELETE');

/** The incident with its claims; `?asOf=` an ISO date-time for the incident as it stood then. */
export const GET = incidentGet;
export const PUT = incidentPut;
export const DELETE = incidentDelete;
