/**
 * The views' API: create, read, change, delete, publish and unpublish a view, a pinned view's
 * changes since publication, and a place as a view shows it.
 */
import 'server-only';
import { authorOf, authorizeWrite } from '@/lib/auth/guard';
import { editorWrite } from '@/lib/auth/editor-write';
import { originVary, publicOrigin } from '@/lib/api/origin';
import { parseId } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, problemResponse, readJson, serverError, unprocessable } from '@/lib/api/problem';
import { cachedJson } from '@/lib/api/prepared';
import { PRIVATE } from '@/lib/api/prepared';
import { readableView, viewBody } from '@/lib/views/readable';
import { getDb } from '@/lib/db';
import { createView, deleteView, getView, unpublishView, updateView } from '@/lib/db/views';
import { viewSpecSchema } from '@/lib/domain/view';
import { changesSincePublication } from '@/lib/views/changes';
import { publish } from '@/lib/views/incidents';
import { z } from 'zod';

/** Creates a view (editors only). 201 with its Location. */
export async function viewsPost(req: Request): Promise<Response> {
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

type Ctx = { params: Promise<{ id: string }> };

/** A published view is public to read; an unpublished one only for editors (404 to anyone else). */
export async function viewGet(req: Request, ctx: Ctx): Promise<Response> {
  const id = parseId((await ctx.params).id);
  if (!id.ok) return badRequest(id.errors);
  try {
    const found = await readableView(await getDb(), id.value, req);
    if (!found) return notFound('View', id.value);
    return cachedJson(req, viewBody(found.view, publicOrigin(req)), { headers: { ...originVary(), ...(found.private ? PRIVATE : {}) } });
  } catch (err) {
    return serverError(err);
  }
}

/** Changes a view (editors only): the fields sent replace those stored; the result must be a valid view. */
export async function viewPatch(req: Request, ctx: Ctx): Promise<Response> {
  const write = await editorWrite(req, ctx);
  if (!write.ok) return write.response;
  if (typeof write.body !== 'object' || write.body === null || Array.isArray(write.body)) {
    return unprocessable([{ name: '(body)', reason: 'expected an object of view fields' }]);
  }
  try {
    const db = await getDb();
    const view = await getView(db, write.id);
    if (!view) return notFound('View', write.id);
    const spec = viewSpecSchema.safeParse({ ...view.spec, ...write.body });
    if (!spec.success) return unprocessable(issuesToParams(spec.error.issues));
    const updated = await updateView(db, write.id, spec.data, write.author);
    if (!updated) return notFound('View', write.id);
    return Response.json(viewBody(updated, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}

/** Deletes a view for good (editors only): 204. Its embeds and links answer 404 from then on. */
export async function viewDelete(req: Request, ctx: Ctx): Promise<Response> {
  const write = await editorWrite(req, ctx, { body: false });
  if (!write.ok) return write.response;
  try {
    if (!(await deleteView(await getDb(), write.id, write.author))) return notFound('View', write.id);
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}

/** A pinned view's snapshot against today's data: incidents added, gone and corrected since, field by field. */
export async function viewChangesGet(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
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

const publishSchema = z.object({ pin: z.boolean().default(false) }).strict();

/**
 * Publishes a view (editors only). `{"pin": true}` freezes it: its embed keeps showing the
 * incidents as they are now, and says so when they are corrected later. Until published, a view
 * is for editors only.
 */
export async function viewPublishPost(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx);
  if (!write.ok) return write.response;
  const opts = publishSchema.safeParse(write.body);
  if (!opts.success) return unprocessable(issuesToParams(opts.error.issues));
  try {
    const db = await getDb();
    const view = await getView(db, write.id);
    const published = view && (await publish(db, view, opts.data.pin, write.author));
    if (!published) return notFound('View', write.id);
    return Response.json(viewBody(published, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}

/** Unpublishes a view (editors only): its embed, page, images and oEmbed answer 404 to the public again. */
export async function viewPublishDelete(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const write = await editorWrite(req, ctx, { body: false });
  if (!write.ok) return write.response;
  try {
    const view = await unpublishView(await getDb(), write.id, write.author);
    if (!view) return notFound('View', write.id);
    return Response.json(viewBody(view, publicOrigin(req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return serverError(err);
  }
}
