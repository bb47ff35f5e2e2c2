import { ogcResponse } from '@/lib/ogc/respond';

export const dynamic = 'force-dynamic';

/** OGC API – Features: a page of a collection's features (bbox, datetime, limit; a "next" link). */
export async function GET(req: Request, { params }: { params: Promise<{ collectionId: string }> }) {
  return ogcResponse(req, 'items', await params);
}
