import { otherMethods } from '@/lib/api/problem';
import { adhocEmbedGet } from '@/lib/embed/adhoc';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = adhocEmbedGet;
