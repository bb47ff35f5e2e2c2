import { viewPageResponse } from '@/lib/embed/view-page';

export const dynamic = 'force-dynamic';

/** A saved view on its own page, the link an editor shares: /views/{viewId}[?lang=fr|en][&live=1]. Not for frames. */
export async function GET(req: Request, { params }: { params: Promise<{ viewId: string }> }) {
  return viewPageResponse(req, (await params).viewId, 'page');
}
