import { viewPageResponse } from '@/lib/embed/view-page';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

/** A saved view as an embed, for a frame in an article: /embed/{viewId}[?lang=fr|en|ar][&live=1]. */
// a page is only read: the other methods answer 405 with Allow (Next's own 405 has none)
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

export async function GET(req: Request, { params }: { params: Promise<{ viewId: string }> }) {
  return viewPageResponse(req, (await params).viewId, 'embed');
}
