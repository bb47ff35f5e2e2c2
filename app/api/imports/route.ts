import { importResponse } from '@/lib/imports/respond';

export const dynamic = 'force-dynamic';

/** An editor's upload of an ACLED or UCDP GED export; the answer is the import's report. */
export function POST(req: Request): Promise<Response> {
  return importResponse(req);
}
