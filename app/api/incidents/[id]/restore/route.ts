import { otherMethods } from '@/lib/api/problem';
import { restoreResponse } from '@/lib/history/respond';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** Brings back an earlier version of the incident (editors only), recorded as a new change. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return restoreResponse(req, ctx);
}
