import { tileResponse } from '@/lib/tiles/serve';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** A map tile (Mapbox Vector Tile): clusters zoomed out, single incidents zoomed in; the filters of /api/incidents. */
export async function GET(req: Request, ctx: { params: Promise<{ z: string; x: string; y: string }> }): Promise<Response> {
  return tileResponse(req, await ctx.params);
}
