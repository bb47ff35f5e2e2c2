import { otherMethods } from '@/lib/api/problem';
import { candidatesGet } from '@/lib/imports/candidates';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = candidatesGet;
