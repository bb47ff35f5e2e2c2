import { ogcResponse } from '@/lib/ogc/respond';

export const dynamic = 'force-dynamic';

/** OGC API – Features: the landing page. */
export function GET(req: Request) {
  return ogcResponse(req, 'landing');
}
