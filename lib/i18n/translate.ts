/**
 * The one way words are filled in: "{name}" in a dictionary's text is replaced by `vars.name`. A
 * variable not given (or null) is left as "{name}", visible, so that a missing one is seen on the
 * page and in tests rather than read as "undefined" or an empty gap.
 */
export type Vars = Record<string, string | number | null | undefined>;
export type Translator<K extends string> = (key: K, vars?: Vars) => string;

/** Fills `{name}` in a text from `vars` (see above). */
export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = vars[k];
    return v === undefined || v === null ? m : String(v);
  });
}

/** A translator over one language's dictionary. */
export function translatorOf<K extends string>(dict: Record<K, string>): Translator<K> {
  return (key, vars) => fill(dict[key], vars);
}
