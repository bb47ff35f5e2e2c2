import type { FieldChange } from '@/lib/domain/diff';
import { readablePath, readableValue } from '@/lib/history/readable';
import type { Lang } from '@/lib/i18n/messages';

/**
 * The fields a change made, as a table: each field's path, its value before (struck through)
 * and after. Rendered on the server: the desk's incident history and a view's "what changed".
 */
export function FieldChanges({
  fields,
  lang,
  words,
}: {
  fields: FieldChange[];
  lang: Lang;
  words: { field: string; before: string; after: string; absent: string; none: string };
}) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full border-collapse text-start text-sm">
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-1 pe-4 text-start font-semibold">
              {words.field}
            </th>
            <th scope="col" className="py-1 pe-4 text-start font-semibold">
              {words.before}
            </th>
            <th scope="col" className="py-1 text-start font-semibold">
              {words.after}
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.path} className="border-b border-slate-200 align-top">
              <th scope="row" className="py-1 pe-4 text-start font-normal" dir="ltr">
                <code className="text-xs">{readablePath(f.path)}</code>
              </th>
              <td className="py-1 pe-4 text-red-900">
                <del>{readableValue(f.before, lang, words)}</del>
              </td>
              <td className="py-1 text-green-900">
                <ins className="no-underline">{readableValue(f.after, lang, words)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
