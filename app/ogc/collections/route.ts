import { ogcResponse } from '@/lib/ogc/respond';

export const dynamic = 'force-dynamic';

/** OGC API – Features: the collections (incidents, places). */
export function GET(req: Request) {
  return ogcResponse(req, 'collections');
}
