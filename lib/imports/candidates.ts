/** The import's candidate duplicates: listed for editors, each confirmed or dismissed. */
import 'server-only';
import { requireEditor } from '@/lib/auth/guard';
import { decimalInt, parseId, parseQuery } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, readJson, serverError, unprocessable } from '@/lib/api/problem';
import { PRIVATE } from '@/lib/api/prepared';
import { getDb } from '@/lib/db';
import { decideCandidate, listCandidates } from '@/lib/db/candidates';
import { z } from 'zod';

const querySchema = z
  .object({
    status: z.enum(['open', 'confirmed', 'rejected']).optional(),
    limit: decimalInt.pipe(z.number().min(1).max(500)).optional(),
  })
  .strict();

/** The possible matches imports found (editors only): each imported claim beside the stored incident it may describe. */
export async function candidatesGet(req: Request): Promise<Response> {
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

const decisionSchema = z.object({ decision: z.enum(['confirm', 'reject']) }).strict();

/**
 * An editor's decision on a possible match (editors only): {"decision": "confirm"} makes the
 * imported row one more claim on the stored incident; "reject" keeps them apart.
 */
export async function candidatePost(req: Request, ctx: { params: Promise<{ claimId: string; incidentId: string }> }): Promise<Response> {
  const denied = await requireEditor(req);
  if (denied) return denied;
  const { claimId: rawClaim, incidentId: rawIncident } = await ctx.params;
  const claimId = parseId(rawClaim, 'claimId');
  const incidentId = parseId(rawIncident, 'incidentId');
  if (!claimId.ok || !incidentId.ok)
    return badRequest([...(claimId.ok ? [] : claimId.errors), ...(incidentId.ok ? [] : incidentId.errors)]);
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const decision = decisionSchema.safeParse(body.value);
  if (!decision.success) return unprocessable(issuesToParams(decision.error.issues));
  try {
    const done = await decideCandidate(await getDb(), claimId.value, incidentId.value, decision.data.decision);
    if (!done) return notFound('Open candidate', `${claimId.value}/${incidentId.value}`);
    return Response.json(done, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
