import { z } from 'zod';
import { requireEditor } from '@/lib/api/auth';
import { decimalInt, parseQuery } from '@/lib/api/params';
import { badRequest, otherMethods, serverError } from '@/lib/api/problem';
import { PRIVATE } from '@/lib/api/views';
import { getDb } from '@/lib/db';
import { listCandidates } from '@/lib/db/candidates';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

const querySchema = z
  .object({
    status: z.enum(['open', 'confirmed', 'rejected']).optional(),
    limit: decimalInt.pipe(z.number().min(1).max(500)).optional(),
  })
  .strict();

/** The possible matches imports found (editors only): each imported claim beside the stored incident it may describe. */
export async function GET(req: Request): Promise<Response> {
  const denied = await requireEditor(req);
  if (denied) return denied;
  const q = parseQuery(new URL(req.url).searchParams, querySchema);
  if (!q.ok) return badRequest(q.errors);
  try {
    const candidates = await listCandidates(await getDb(), q.value.status ?? 'open', q.value.limit ?? 100);
    return Response.json({ candidates }, { headers: PRIVATE });
  } catch (err) {
    return serverError(err);
  }
}
