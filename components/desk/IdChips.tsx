'use client';

import { useId } from 'react';

/**
 * A short list of ids chosen from options (perpetrators, targets, sources): each chosen one a
 * chip with its own remove button, and a list to add another. Keyboard-friendly where a
 * multiple <select> is not.
 */
export function IdChips({
  label,
  addLabel,
  removeLabel,
  options,
  value,
  onChange,
  error,
  inputId,
  labelHidden = false,
}: {
  label: string;
  addLabel: string;
  /** "Remove {what}" */
  removeLabel: (name: string) => string;
  options: { id: string; name: string }[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  inputId: string;
  /** the label read out but not shown (a heading above already says it) */
  labelHidden?: boolean;
}) {
  const labelId = useId();
  const errorId = useId();
  const nameOf = (id: string) => options.find((o) => o.id === id)?.name ?? id;
  const left = options.filter((o) => !value.includes(o.id));
  return (
    <fieldset className="min-w-0" aria-describedby={error ? errorId : undefined}>
      <legend id={labelId} className={labelHidden ? 'sr-only' : 'text-sm font-medium'}>
        {label}
      </legend>
      <ul className="mt-1 flex flex-wrap gap-1.5">
        {value.map((id) => (
          <li key={id} className="flex items-center gap-1 rounded-full border border-slate-400 bg-slate-50 py-0.5 ps-2.5 pe-1 text-sm">
            <bdi>{nameOf(id)}</bdi>
            <button
              type="button"
              onClick={() => onChange(value.filter((x) => x !== id))}
              className="rounded-full px-1.5 leading-none text-slate-700 hover:bg-slate-200 focus:outline-2 focus:outline-blue-700"
              aria-label={removeLabel(nameOf(id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {left.length > 0 && (
        <select
          id={inputId}
          aria-label={addLabel}
          aria-invalid={error ? true : undefined}
          value=""
          onChange={(e) => e.target.value && onChange([...value, e.target.value])}
          className="mt-1 max-w-full rounded border border-slate-500 bg-white px-2 py-1 text-sm"
        >
          <option value="">{addLabel}</option>
          {left.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-800" data-problem-for={inputId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
