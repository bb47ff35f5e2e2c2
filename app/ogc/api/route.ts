import { ogcResponse } from '@/lib/ogc/respond';

export const dynamic = 'force-dynamic';

/** OGC API – Features: the API definition (OpenAPI 3.0). */
export function GET(req: Request) {
  return ogcResponse(req, 'api');
}
