import { ogcResponse } from '@/lib/ogc/respond';

export const dynamic = 'force-dynamic';

/** OGC API – Features: one collection, with its extent. */
export async function GET(req: Request, { params }: { params: Promise<{ collectionId: string }> }) {
  return ogcResponse(req, 'collection', await params);
}
