import { publicOrigin } from '@/lib/api/origin';
import { getDb } from '@/lib/db';
import { createView } from '@/lib/db/views';
import { viewSpecSchema } from '@/lib/domain/view';
import { authorizeWrite, authorOf } from '@/lib/api/auth';
import { issuesToParams, otherMethods, readJson, serverError, unprocessable } from '@/lib/api/problem';
import { viewBody } from '@/lib/api/views';

export const dynamic = 'force-dynamic';

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');

/** Creates a view (editors only). 201 with its Location. */
export async function POST(req: Request): Promise<Response> {
  const auth = await authorizeWrite(req);
  if (!auth.ok) return auth.response;
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const spec = viewSpecSchema.safeParse(body.value);
  if (!spec.success) return unprocessable(issuesToParams(spec.error.issues));
  try {
    const view = await createView(await getDb(), spec.data, authorOf(auth.who));
    return Response.json(viewBody(view, publicOrigin(req)), {
      status: 201,
      headers: { location: `/api/views/${view.id}`, 'cache-control': 'no-store' },
    });
  } catch (err) {
    return serverError(err);
  }
}
