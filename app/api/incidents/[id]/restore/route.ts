import { otherMethods } from '@/lib/api/problem';
import { incidentRestore } from '@/lib/incidents/item';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** Brings back an earlier version of the incident (editors only), recorded as a new change. */
export const POST = incidentRestore;
