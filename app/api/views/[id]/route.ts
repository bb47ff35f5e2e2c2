import { otherMethods } from '@/lib/api/problem';
import { viewGet, viewPatch, viewDelete } from '@/lib/views/manage';

export const dynamic = 'force-dynamic';

export const { POST, PUT } = otherMethods('GET', 'PATCH', 'DELETE');
export const GET = viewGet;
export const PATCH = viewPatch;
export const DELETE = viewDelete;
