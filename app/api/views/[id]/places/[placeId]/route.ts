import { otherMethods } from '@/lib/api/problem';
import { viewPlaceGet } from '@/lib/embed/view-place';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = viewPlaceGet;
