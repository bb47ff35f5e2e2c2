import { otherMethods } from '@/lib/api/problem';
import { recordGet, recordPut } from '@/lib/records/edit';

export const dynamic = 'force-dynamic';

export const { POST, PATCH, DELETE } = otherMethods('GET', 'PUT');

/** The actor, as stored. */
export const GET = recordGet('actor');

/** An editor's new or corrected actor (the whole record): 201 when new, 200 when replaced; recorded in its history. */
export const PUT = recordPut('actor');
