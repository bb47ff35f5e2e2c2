import { otherMethods } from '@/lib/api/problem';
import { recordPut } from '@/lib/records/edit';
import { placeGet } from '@/lib/places/read';

export const dynamic = 'force-dynamic';

export const { POST, PATCH, DELETE } = otherMethods('GET', 'PUT');

/** An editor's new or corrected place (the whole record): 201 when new, 200 when replaced; a place with incidents keeps its position (409). */
export const PUT = recordPut('place');
export const GET = placeGet;
