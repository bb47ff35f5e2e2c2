import { otherMethods } from '@/lib/api/problem';
import { catalogueGet } from '@/lib/incidents/catalogue';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = catalogueGet;
