import 'server-only';
import type { Db } from '../db/store';
import { getView } from '../db/views';
import type { View } from '../domain/view';
import { isEditor } from '../auth/guard';

/** A view as the API gives it, with the links an editor pastes. */
export function viewBody(view: View, origin: string) {
  const embed = `${origin}/embed/${view.id}`;
  return {
    ...view,
    links: {
      self: `${origin}/api/views/${view.id}`,
      embed,
      // the view on its own page: the link to share, and to paste where oEmbed is understood
      page: `${origin}/views/${view.id}`,
      oembed: `${origin}/api/oembed?url=${encodeURIComponent(embed)}`,
    },
  };
}

/**
 * A view this request may read: a published one, for anyone; an unpublished one, only for an
 * editor (to anyone else it does not exist). `private` says the answer must not be kept by
 * shared caches.
 */
export async function readableView(db: Pick<Db, 'query'>, id: string, req: Request): Promise<{ view: View; private: boolean } | null> {
  const view = await getView(db, id);
  if (!view) return null;
  if (view.publishedAt) return { view, private: false };
  return (await isEditor(req)) ? { view, private: true } : null;
}
