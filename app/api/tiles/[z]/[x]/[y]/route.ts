import { tileResponse } from '@/lib/tiles/respond';

export const dynamic = 'force-dynamic';

/** A map tile (Mapbox Vector Tile): clusters zoomed out, single incidents zoomed in; the filters of /api/incidents. */
export async function GET(req: Request, ctx: { params: Promise<{ z: string; x: string; y: string }> }): Promise<Response> {
  return tileResponse(req, await ctx.params);
}
