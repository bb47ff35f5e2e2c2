import { otherMethods } from '@/lib/api/problem';
import { adhocEmbedGet } from '@/lib/embed/adhoc';

export const dynamic = 'force-dynamic';

// a page is only read: the other methods answer 405 with Allow (Next's own 405 has none)
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = adhocEmbedGet;
