/** Element ids shared by the embed page's server template and its browser entry. */
export const EMBED_ROOT_ID = 'embed-root';
export const EMBED_PROPS_ID = 'embed-props';
