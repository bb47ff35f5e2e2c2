import { viewPageResponse } from '@/lib/embed/view-page';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

/** A saved view on its own page, the link an editor shares: /views/{viewId}[?lang=fr|en|ar][&live=1]. Not for frames. */
// a page is only read: the other methods answer 405 with Allow (Next's own 405 has none)
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

export async function GET(req: Request, { params }: { params: Promise<{ viewId: string }> }) {
  return viewPageResponse(req, (await params).viewId, 'page');
}
