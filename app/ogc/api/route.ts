import { ogcResponse } from '@/lib/ogc/dispatch';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** OGC API – Features: the API definition (OpenAPI 3.0). */
export function GET(req: Request) {
  return ogcResponse(req, 'api');
}
