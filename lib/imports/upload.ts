import 'server-only';
import { z } from 'zod';
import { requireEditor } from '../auth/guard';
import { parseQuery } from '../api/params';
import { badRequest, problemResponse, serverError } from '../api/problem';
import { securityHeaders } from '../api/security-headers';
import { getDb } from '../db';
import { isStoreUnavailable } from '../db/errors';
import { importFile } from '@/lib/imports/file';
import { ImportError, ImportStopped } from './report';

/** A file refused whole: 415 not text, 413 a line too long, 422 otherwise; nothing of it written. */
const refused = (err: ImportError) =>
  problemResponse({ type: '/problems/import-refused', title: 'The file cannot be imported', status: err.status, detail: err.message });

/**
 * Rows a batch of an upload holds on PGlite, where a reader arriving during a batch waits for its
 * transaction to end: a batch's cost is mostly the same whatever its rows (the summaries' queries
 * and the candidates' search, about 40 ms at 100k incidents), against a reader's 50–90 ms
 * (docs/benchmarks.md).
 */
export const PGLITE_SERVER_BATCH = 8;
/** Rows a batch of an upload holds on PostgreSQL, where it takes one of the two cores while it runs. */
export const SERVER_BATCH = 20;

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
async function* bodyOf(reader: ReadableStreamDefaultReader<Uint8Array> | undefined, max: number): AsyncGenerator<Uint8Array> {
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
  const reader = req.body?.getReader();
  // an answer given before the whole file was read (a line too long, not text) closes the
  // connection: the rest of the upload is not read, and the client must not send another request on it
  let readToEnd = false;
  const body = async function* () {
    yield* bodyOf(reader, IMPORT_MAX_BYTES);
    readToEnd = true;
  };
  const closing = (res: Response) => {
    if (!readToEnd) {
      res.headers.set('connection', 'close');
      void reader?.cancel().catch(() => undefined);
    }
    return res;
  };
  try {
    const db = await getDb();
    const report = await importFile(db, body(), {
      format: q.value.format,
      dryRun: q.value.dryRun === '1' || q.value.dryRun === 'true',
      // readers first: short batches, each begun once the requests being answered have ended
      // (lib/requests.ts), so that a reader waits for one batch at most (bench:load)
      batchRows: db.dialect === 'pglite' ? PGLITE_SERVER_BATCH : SERVER_BATCH,
    });
    return withHeaders(Response.json(report, { headers: { 'cache-control': 'no-store' } }));
  } catch (err) {
    if (err instanceof TooLarge) return closing(tooLarge());
    if (err instanceof ImportError) return closing(withHeaders(refused(err)));
    if (err instanceof ImportStopped) {
      // what was written before the fault stands: said in the answer, whatever stopped the rest
      const reason = err.reason;
      const status =
        reason instanceof ImportError ? reason.status : reason instanceof TooLarge ? 413 : isStoreUnavailable(reason) ? 503 : 500;
      if (status >= 500) console.error('[imports] stopped part-way:', reason);
      return closing(
        withHeaders(
          problemResponse(
            {
              type: '/problems/import-stopped',
              title: 'The import stopped part-way',
              status,
              detail: `${
                reason instanceof ImportError
                  ? reason.message
                  : status === 413
                    ? `The upload went past ${IMPORT_MAX_BYTES} bytes.`
                    : status === 503
                      ? 'The store could not be reached.'
                      : 'An error of ours stopped it.'
              } What was written before stands: see "written".`,
              written: err.report,
            },
            status === 503 ? { 'retry-after': '5' } : {},
          ),
        ),
      );
    }
    return withHeaders(serverError(err));
  }
}
