import { ogcResponse } from '@/lib/ogc/dispatch';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** OGC API – Features: the landing page. */
export function GET(req: Request) {
  return ogcResponse(req, 'landing');
}
