import 'server-only';
import { z } from 'zod';
import { requireEditor } from '../api/auth';
import { parseQuery } from '../api/params';
import { badRequest, problemResponse, serverError } from '../api/problem';
import { securityHeaders } from '../api/security-headers';
import { getDb } from '../db';
import { importFile } from './geojson';
import { ImportError } from './run';

/** The largest file an upload may send; it streams through, so this bounds time, not memory. */
export const IMPORT_MAX_BYTES = 2 * 1024 ** 3;

const querySchema = z
  .object({
    format: z.enum(['acled', 'ucdp', 'geojson']).optional(),
    dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
  })
  .strict();

class TooLarge extends Error {}

/** The request's body as it arrives, refused past `max` bytes. */
async function* bodyOf(req: Request, max: number): AsyncGenerator<Uint8Array> {
  const reader = req.body?.getReader();
  if (!reader) return;
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    yield value;
  }
}

/**
 * POST /api/imports: an editor uploads an ACLED or UCDP GED CSV export as the request body
 * (`?format=acled|ucdp` optional, `?dryRun=1` to write nothing). The token is checked before any
 * byte is read; the file streams through the same importer as `npm run import`; the answer is the
 * report. This route is kept out of `proxy.ts`, which would hold a body in memory (and cut it at
 * 10 MB): it sets its own security headers.
 */
export async function importResponse(req: Request): Promise<Response> {
  const headers = securityHeaders('/api/imports');
  const withHeaders = (res: Response) => {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  };
  const denied = await requireEditor(req);
  if (denied) return withHeaders(denied);
  const q = parseQuery(new URL(req.url).searchParams, querySchema);
  if (!q.ok) return withHeaders(badRequest(q.errors));
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () =>
    withHeaders(
      problemResponse({
        type: '/problems/body-too-large',
        title: 'The file is too large',
        status: 413,
        detail: `An upload may hold at most ${IMPORT_MAX_BYTES} bytes.`,
      }),
    );
  if (declared > IMPORT_MAX_BYTES) return tooLarge();
  try {
    const report = await importFile(await getDb(), bodyOf(req, IMPORT_MAX_BYTES), {
      format: q.value.format,
      dryRun: q.value.dryRun === '1' || q.value.dryRun === 'true',
    });
    return withHeaders(Response.json(report, { headers: { 'cache-control': 'no-store' } }));
  } catch (err) {
    if (err instanceof TooLarge) return tooLarge();
    if (err instanceof ImportError) {
      return withHeaders(
        problemResponse({ type: '/problems/import-refused', title: 'The file cannot be imported', status: 422, detail: err.message }),
      );
    }
    return withHeaders(serverError(err));
  }
}
