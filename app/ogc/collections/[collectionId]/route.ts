import { ogcResponse } from '@/lib/ogc/dispatch';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** OGC API – Features: one collection, with its extent. */
export async function GET(req: Request, { params }: { params: Promise<{ collectionId: string }> }) {
  return ogcResponse(req, 'collection', await params);
}
