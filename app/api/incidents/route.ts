import { incidentsResponse } from '@/lib/incidents/list';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** The incidents matching a filter, a page at a time (lib/incidents/list.ts). */
export const GET = incidentsResponse;
