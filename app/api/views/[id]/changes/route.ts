import { parseId } from '@/lib/api/params';
import { badRequest, notFound, otherMethods, problemResponse, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/respond';
import { PRIVATE, readableView } from '@/lib/api/views';
import { getDb } from '@/lib/db';
import { changesSincePublication } from '@/lib/views/changes';

export const dynamic = 'force-dynamic';

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');

/** A pinned view's snapshot against today's data: incidents added, gone and corrected since, field by field. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (!id.ok) return badRequest(id.errors);
  try {
    const db = await getDb();
    const found = await readableView(db, id.value, req);
    if (!found) return notFound('View', id.value);
    const changes = await changesSincePublication(db, found.view);
    if (!changes)
      return problemResponse({
        type: '/problems/not-pinned',
        title: 'Not a pinned view',
        status: 404,
        detail: `View "${id.value}" is not published pinned: it keeps no snapshot to compare with today's data.`,
      });
    return cachedJson(req, changes, { headers: found.private ? PRIVATE : {} });
  } catch (err) {
    return serverError(err);
  }
}
