import { tileJsonResponse } from '@/lib/tiles/serve';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** TileJSON for the incident tiles, for the filters given (the tile URL carries the store's version). */
export function GET(req: Request): Promise<Response> {
  return tileJsonResponse(req);
}
