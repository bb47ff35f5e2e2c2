import { otherMethods } from '@/lib/api/problem';
import { oembedGet } from '@/lib/embed/oembed';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = oembedGet;
