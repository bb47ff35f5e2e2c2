import { otherMethods } from '@/lib/api/problem';
import { histogramGet } from '@/lib/incidents/histogram';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
export const GET = histogramGet;
