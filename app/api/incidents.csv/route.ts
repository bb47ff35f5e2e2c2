import { exportResponse } from '@/lib/exports/respond';

export const dynamic = 'force-dynamic';

/** The incidents the filters show, as CSV with ACLED's column names and our claim columns. */
export function GET(req: Request): Promise<Response> {
  return exportResponse(req, 'csv');
}
