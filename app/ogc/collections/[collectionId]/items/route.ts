import { ogcResponse } from '@/lib/ogc/dispatch';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** OGC API – Features: a page of a collection's features (bbox, datetime, limit; a "next" link). */
export async function GET(req: Request, { params }: { params: Promise<{ collectionId: string }> }) {
  return ogcResponse(req, 'items', await params);
}
