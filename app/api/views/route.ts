import { otherMethods } from '@/lib/api/problem';
import { viewsPost } from '@/lib/views/manage';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
export const POST = viewsPost;
