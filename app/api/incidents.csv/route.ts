import { exportResponse } from '@/lib/exports/download';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** The incidents the filters show, as CSV with ACLED's column names and our claim columns. */
export function GET(req: Request): Promise<Response> {
  return exportResponse(req, 'csv');
}
