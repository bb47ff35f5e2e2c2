/** GET /api/views/{id}/places/{placeId}: a place's details as a view shows them (its place panel). */
import 'server-only';
import { parseId } from '@/lib/api/params';
import { badRequest, notFound, serverError } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/prepared';
import { PRIVATE } from '@/lib/api/prepared';
import { readableView } from '@/lib/views/readable';
import { getDb } from '@/lib/db';
import { viewPlaceDetail } from './props';

/**
 * A place's details as a view shows them: from the view's snapshot when it is pinned (the place
 * panel of a frozen embed), else current; `?live=1` for current details of a pinned view.
 */
export async function viewPlaceGet(req: Request, ctx: { params: Promise<{ id: string; placeId: string }> }): Promise<Response> {
  const { id: rawId, placeId: rawPlace } = await ctx.params;
  const id = parseId(rawId);
  const placeId = parseId(rawPlace, 'placeId');
  const errors = [...(id.ok ? [] : id.errors), ...(placeId.ok ? [] : placeId.errors)];
  if (!id.ok || !placeId.ok) return badRequest(errors);
  try {
    const db = await getDb();
    const found = await readableView(db, id.value, req);
    if (!found) return notFound('View', id.value);
    const live = new URL(req.url).searchParams.get('live') === '1';
    const body = await viewPlaceDetail(db, found.view, placeId.value, live);
    return body
      ? cachedJson(req, body, { contentType: 'application/geo+json', headers: found.private ? PRIVATE : {} })
      : notFound('Place', placeId.value);
  } catch (err) {
    return serverError(err);
  }
}
