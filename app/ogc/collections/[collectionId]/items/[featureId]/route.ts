import { ogcResponse } from '@/lib/ogc/respond';

export const dynamic = 'force-dynamic';

/** OGC API – Features: one feature. */
export async function GET(req: Request, { params }: { params: Promise<{ collectionId: string; featureId: string }> }) {
  return ogcResponse(req, 'item', await params);
}
