/**
 * PUT and GET of the records incidents point to (places, sources, actors), for the desk's small
 * editors and for scripts: the whole record, validated by its schema, saved with its history.
 */
import 'server-only';
import { editorWrite } from '@/lib/auth/editor-write';
import { parseId } from '@/lib/api/params';
import { badRequest, issuesToParams, notFound, problemResponse, serverError, unprocessable } from '@/lib/api/problem';
import { getDb } from '@/lib/db';
import { listActors, listSources } from '@/lib/db/catalog';
import { PlaceInUseError, saveActor, savePlace, saveSource } from '@/lib/db/records';
import type { Db } from '@/lib/db/store';
import { actorSchema, placeSchema, sourceSchema } from '@/lib/domain/schema';

type Ctx = { params: Promise<{ id: string }> };
export type RecordKind = 'place' | 'source' | 'actor';

const NAMES = { place: 'Place', source: 'Source', actor: 'Actor' } as const;
const JSON_HEADERS = { 'cache-control': 'no-store' };

/** PUT /api/{places|sources|actors}/{id} (editors): 201 when new, 200 when replaced; a place with incidents keeps its position (409). */
export function recordPut(kind: RecordKind) {
  return async function put(req: Request, ctx: Ctx): Promise<Response> {
    const write = await editorWrite(req, ctx);
    if (!write.ok) return write.response;
    const opts = { author: write.author };
    // each kind read by its own schema and saved by its own function
    const save =
      kind === 'place'
        ? parsedSave(placeSchema.safeParse(write.body), (db, p) => savePlace(db, p, opts))
        : kind === 'source'
          ? parsedSave(sourceSchema.safeParse(write.body), (db, p) => saveSource(db, p, opts))
          : parsedSave(actorSchema.safeParse(write.body), (db, p) => saveActor(db, p, opts));
    if (!save.ok) return unprocessable(issuesToParams(save.issues));
    if (save.record.id !== write.id)
      return unprocessable([{ name: 'id', reason: `the body's id "${save.record.id}" is not the URL's "${write.id}"` }]);
    try {
      const created = await save.run(await getDb());
      return Response.json(save.record, {
        status: created ? 201 : 200,
        headers: { ...JSON_HEADERS, ...(created ? { location: `/api/${kind}s/${write.id}` } : {}) },
      });
    } catch (err) {
      if (err instanceof PlaceInUseError)
        return problemResponse({
          type: '/problems/place-in-use',
          title: 'This place’s position cannot change',
          status: 409,
          detail: `${err.incidents} incidents are located at "${err.id}": their points and summaries are kept by its position. Correct its names and note, or make a new place and move the incidents to it.`,
        });
      return serverError(err);
    }
  };
}

type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: Parameters<typeof issuesToParams>[0] } };
function parsedSave<T extends { id: string }>(parsed: Parsed<T>, save: (db: Db, record: T) => Promise<boolean>) {
  if (!parsed.success) return { ok: false as const, issues: parsed.error.issues };
  const record = parsed.data;
  return { ok: true as const, record, run: (db: Db) => save(db, record) };
}

/** GET /api/{sources|actors}/{id}: the record as stored. */
export function recordGet(kind: 'source' | 'actor') {
  return async function get(_req: Request, ctx: Ctx): Promise<Response> {
    const id = parseId((await ctx.params).id);
    if (!id.ok) return badRequest(id.errors);
    try {
      const db = await getDb();
      const all = kind === 'source' ? await listSources(db) : await listActors(db);
      const found = all.find((x) => x.id === id.value);
      return found ? Response.json(found, { headers: { 'cache-control': 'no-cache' } }) : notFound(NAMES[kind], id.value);
    } catch (err) {
      return serverError(err);
    }
  };
}
