import { otherMethods } from '@/lib/api/problem';
import { viewPublishPost, viewPublishDelete } from '@/lib/views/manage';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH } = otherMethods('POST', 'DELETE');
export const POST = viewPublishPost;
export const DELETE = viewPublishDelete;
