import { otherMethods } from '@/lib/api/problem';
import { candidatePost } from '@/lib/imports/candidates';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
export const POST = candidatePost;
