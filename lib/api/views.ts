import type { View } from '../domain/view';

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
