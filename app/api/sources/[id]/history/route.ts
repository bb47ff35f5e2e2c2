import { otherMethods } from '@/lib/api/problem';
import { historyResponse } from '@/lib/history/changes';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** The source's changes, newest first (editors only): who, when, each field changed, before and after. */
export const GET = historyResponse('source');
