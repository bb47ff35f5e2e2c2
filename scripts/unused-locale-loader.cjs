/**
 * A Turbopack loader (next.config.js): React Aria's built-in words (a date field's "day", the
 * calendar's "Next") for a language the product is not written in, replaced by an empty table.
 * React Aria ships them for some 35 locales, one module each, all imported: some 25 KiB gzipped
 * in every page with a date field. React Aria's own optimize-locales plugin does the same for
 * webpack, Vite and esbuild, not Turbopack. A locale left out falls back as React Aria does
 * (to the language's first table, then to English): here it is never asked for.
 */
module.exports = function unusedLocale() {
  return 'export default {};\n';
};
