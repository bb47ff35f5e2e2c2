import { exportResponse } from '@/lib/exports/respond';

export const dynamic = 'force-dynamic';

/** The incidents the filters show, as one GeoJSON FeatureCollection with all their claims. */
export function GET(req: Request): Promise<Response> {
  return exportResponse(req, 'geojson');
}
