import { otherMethods } from '@/lib/api/problem';
import { recordGet, recordPut } from '@/lib/records/edit';

export const dynamic = 'force-dynamic';

export const { POST, PATCH, DELETE } = otherMethods('GET', 'PUT');

/** The source, as stored. */
export const GET = recordGet('source');

/** An editor's new or corrected source (the whole record): 201 when new, 200 when replaced; recorded in its history. */
export const PUT = recordPut('source');
