import { viewPageResponse } from '@/lib/embed/view-page';

export const dynamic = 'force-dynamic';

/** A saved view as an embed, for a frame in an article: /embed/{viewId}[?lang=fr|en][&live=1]. */
export async function GET(req: Request, { params }: { params: Promise<{ viewId: string }> }) {
  return viewPageResponse(req, (await params).viewId, 'embed');
}
