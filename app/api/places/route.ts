import { otherMethods } from '@/lib/api/problem';
import { placesGet } from '@/lib/places/read';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = placesGet;
