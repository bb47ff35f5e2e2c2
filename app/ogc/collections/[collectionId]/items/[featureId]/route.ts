import { ogcResponse } from '@/lib/ogc/dispatch';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** OGC API – Features: one feature. */
export async function GET(req: Request, { params }: { params: Promise<{ collectionId: string; featureId: string }> }) {
  return ogcResponse(req, 'item', await params);
}
