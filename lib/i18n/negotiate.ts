import { LANGS, type Lang } from './messages';

export const DEFAULT_LANG: Lang = 'fr';

/**
 * The page's language: `?lang=` when it names one we have, else the first supported entry of
 * Accept-Language by quality, else French (the first data is French copy).
 */
export function negotiateLang(param: string | null | undefined, acceptLanguage: string | null | undefined): Lang {
  if (param && (LANGS as readonly string[]).includes(param)) return param as Lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: (tag ?? '').toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.base && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((x) => (LANGS as readonly string[]).includes(x.base));
  return (hit?.base as Lang | undefined) ?? DEFAULT_LANG;
}
