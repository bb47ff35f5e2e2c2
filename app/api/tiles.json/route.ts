import { tileJsonResponse } from '@/lib/tiles/respond';

export const dynamic = 'force-dynamic';

/** TileJSON for the incident tiles, for the filters given (the tile URL carries the store's version). */
export function GET(req: Request): Promise<Response> {
  return tileJsonResponse(req);
}
