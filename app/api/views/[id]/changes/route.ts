import { otherMethods } from '@/lib/api/problem';
import { viewChangesGet } from '@/lib/views/manage';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = viewChangesGet;
