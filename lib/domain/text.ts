/** Folds case and accents so "Qamînâs", "QAMINAS" and "qaminas" match one another. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
