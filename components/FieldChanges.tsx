import { diffWordsWithSpace } from 'diff';
import type { FieldChange } from '@/lib/domain/diff';
import { countsTogether, type Readable } from '@/lib/history/readable';

/**
 * The fields a change made, as a table: each field named in the reader's language, its value
 * before (struck through) and after; a long text changed is one cell, word by word, its removed
 * words struck through and its new ones underlined. The desk's histories, a view's "what changed"
 * and the incident form's conflict.
 */
export function FieldChanges({
  fields,
  readable,
  words,
}: {
  fields: FieldChange[];
  readable: Readable;
  words: { field: string; before: string; after: string; changedText: string };
}) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full border-collapse text-start text-sm" data-testid="field-changes">
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
          {countsTogether(fields).map((f) => (
            <tr key={f.path} className="border-b border-slate-200 align-top" data-path={f.path}>
              <th scope="row" className="py-1 pe-4 text-start font-medium">
                {readable.label(f.path)}
              </th>
              {readable.longText(f.before, f.after) ? (
                <td colSpan={2} className="py-1" data-testid="word-diff">
                  <span className="sr-only">{words.changedText}: </span>
                  {diffWordsWithSpace(String(f.before ?? ''), String(f.after ?? '')).map((part, i) =>
                    part.removed ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed difference, never reordered
                      <del key={i} className="bg-red-50 text-red-900">
                        {part.value}
                      </del>
                    ) : part.added ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed difference, never reordered
                      <ins key={i} className="bg-green-50 text-green-900 underline">
                        {part.value}
                      </ins>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed difference, never reordered
                      <span key={i}>{part.value}</span>
                    ),
                  )}
                </td>
              ) : (
                <>
                  <td className="py-1 pe-4 text-red-900">
                    <del>{readable.value(f.path, f.before)}</del>
                  </td>
                  <td className="py-1 text-green-900">
                    <ins className="no-underline">{readable.value(f.path, f.after)}</ins>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
