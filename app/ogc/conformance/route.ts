import { ogcResponse } from '@/lib/ogc/respond';

export const dynamic = 'force-dynamic';

/** OGC API – Features: the conformance classes. */
export function GET(req: Request) {
  return ogcResponse(req, 'conformance');
}
