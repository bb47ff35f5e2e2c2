/** Folds case and accents so "Qamînâs", "QAMINAS" and "qaminas" match one another. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What an incident's text search reads: its titles and summaries in every language and its
 * place's names, folded (kept on write as `search_text`; `?q=` finds what this contains).
 */
export function incidentSearchText(
  i: { title: { en: string; fr: string; ar?: string }; summary: { en: string; fr: string; ar?: string } },
  placeNames: readonly string[],
): string {
  return foldText([i.title.en, i.title.fr, i.title.ar ?? '', i.summary.en, i.summary.fr, i.summary.ar ?? '', ...placeNames].join(' '));
}
