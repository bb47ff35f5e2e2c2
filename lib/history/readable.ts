/** A changed field as a person reads it, shared by the desk's history and a view's "what changed". */
import { formatNumber } from '../format';
import type { Lang } from '../i18n/messages';

/** "claims › turkish-fire-russian-mod › casualties › #1 › killed › high" */
export const readablePath = (path: string) =>
  path
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : p))
    .join(' › ');

/** A value: absent, none, a number in the reader's digits, a text, or a short JSON of anything else. */
export function readableValue(v: unknown, lang: Lang, words: { absent: string; none: string }): string {
  if (v === undefined) return words.absent;
  if (v === null) return words.none;
  if (typeof v === 'number') return formatNumber(v, lang);
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s.length > 240 ? `${s.slice(0, 239)}…` : s;
}
