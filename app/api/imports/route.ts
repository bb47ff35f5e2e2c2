import { importResponse } from '@/lib/imports/upload';
import { otherMethods } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** An editor's upload of an ACLED or UCDP GED export; the answer is the import's report. */
export function POST(req: Request): Promise<Response> {
  return importResponse(req);
}
