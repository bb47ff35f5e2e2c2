import { z } from 'zod';
import { requireEditor } from '@/lib/api/auth';
import { parseId } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, otherMethods, readJson, serverError, unprocessable } from '@/lib/api/problem';
import { getDb } from '@/lib/db';
import { decideCandidate } from '@/lib/db/candidates';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

const decisionSchema = z.object({ decision: z.enum(['confirm', 'reject']) }).strict();

/**
 * An editor's decision on a possible match (editors only): {"decision": "confirm"} makes the
 * imported row one more claim on the stored incident; "reject" keeps them apart.
 */
export async function POST(req: Request, ctx: { params: Promise<{ claimId: string; incidentId: string }> }): Promise<Response> {
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
