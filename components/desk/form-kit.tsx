'use client';
/**
 * The desk's form kit: labelled fields whose ids follow their path in the record ("claims.0.source"
 * is `f-claims-0-source`), so that a problem the server names by path finds its field, and whose
 * problems are announced with them. Shared by the incident editor and the records' forms.
 */
import type { ReactNode } from 'react';
import DateField, { focusField } from '@/components/DateField';
import type { CountDraft } from '@/lib/incident/draft';
import type { FormText } from '@/lib/i18n/incident-form';
import type { Lang } from '@/lib/i18n/messages';

/** The id of a field's input: its path, dots made hyphens, after the form's prefix. */
export const fid = (path: string, prefix = 'f') => `${prefix}-${path.replace(/\./g, '-')}`;

/** Moves the focus to a field once it has been drawn (a row just added). */
export const focusSoon = (id: string) => requestAnimationFrame(() => requestAnimationFrame(() => focusField(id)));

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-4">
      <h2 className="border-b border-slate-300 pb-1 text-xl font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function Pair({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 md:grid-cols-2">{children}</div>;
}

export function Problem({ path, text, idPrefix }: { path: string; text?: string; idPrefix?: string }) {
  if (!text) return null;
  const id = fid(path, idPrefix);
  return (
    <p id={`${id}-problem`} className="mt-1 text-sm text-red-800" data-problem-for={id}>
      {text}
    </p>
  );
}

export const inputClass =
  'mt-1 w-full text-start rounded border border-slate-500 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2';
/** text areas grow with what is typed (where the browser can), from their rows */
export const areaClass = `${inputClass} [field-sizing:content] min-h-[4.5rem]`;

export function TextField({
  label,
  hint,
  path,
  value,
  onChange,
  problem,
  type = 'text',
  readOnly,
  lang,
  dirLtr,
  pageLang,
  near,
  idPrefix,
}: {
  label: string;
  hint?: string;
  path: string;
  value: string;
  onChange: (v: string) => void;
  problem?: string;
  type?: 'text' | 'date';
  readOnly?: boolean;
  /** the language of the text typed (a summary's) */
  lang?: Lang;
  dirLtr?: boolean;
  /** the page's language: a date's format */
  pageLang?: Lang;
  /** an empty date's calendar opens there */
  near?: string;
  /** the form's prefix of its fields' ids (fid) */
  idPrefix?: string;
}) {
  const id = fid(path, idPrefix);
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  if (type === 'date')
    return (
      <div className="min-w-0">
        <DateField
          id={id}
          name={path}
          label={label}
          lang={pageLang ?? 'en'}
          value={value}
          onChange={onChange}
          invalid={!!problem}
          near={near}
          describedBy={described}
          labelClass="block text-sm font-medium"
          boxClass={inputClass}
        />
        <Problem path={path} text={problem} idPrefix={idPrefix} />
      </div>
    );
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={path}
        type={type}
        value={value}
        readOnly={readOnly}
        lang={lang}
        dir={lang === 'ar' ? 'rtl' : dirLtr || lang ? 'ltr' : undefined}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described}
        className={`${inputClass} ${readOnly ? 'bg-slate-100 text-slate-700' : ''}`}
      />
      <Problem path={path} text={problem} idPrefix={idPrefix} />
    </div>
  );
}

export function TextArea({
  label,
  path,
  value,
  onChange,
  problem,
  lang,
  rows = 3,
  idPrefix,
}: {
  label: string;
  path: string;
  value: string;
  onChange: (v: string) => void;
  problem?: string;
  lang?: Lang;
  rows?: number;
  /** the form's prefix of its fields' ids (fid) */
  idPrefix?: string;
}) {
  const id = fid(path, idPrefix);
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={path}
        rows={rows}
        value={value}
        lang={lang}
        dir={lang === 'ar' ? 'rtl' : 'ltr'}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        className={areaClass}
      />
      <Problem path={path} text={problem} idPrefix={idPrefix} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  path,
  value,
  options,
  onChange,
  problem,
  placeholder,
  allowEmpty,
  idPrefix,
}: {
  label: string;
  hint?: string;
  path: string;
  value: string;
  options: { id: string; name: string }[];
  onChange: (v: string) => void;
  problem?: string;
  /** the first, empty option's words; with `allowEmpty` it is a choice, otherwise a prompt */
  placeholder?: string;
  allowEmpty?: boolean;
  /** the form's prefix of its fields' ids (fid) */
  idPrefix?: string;
}) {
  const id = fid(path, idPrefix);
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={path}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described}
        className={inputClass}
      >
        {(placeholder !== undefined || value === '') && (
          <option value="" disabled={!allowEmpty}>
            {placeholder ?? ''}
          </option>
        )}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <Problem path={path} text={problem} idPrefix={idPrefix} />
    </div>
  );
}

/** A figure: from and to, either blank; blank both is "not reported". */
export function CountField({
  t,
  label,
  path,
  value,
  onChange,
  problemAt,
}: {
  t: FormText;
  label: string;
  path: string;
  value: CountDraft;
  onChange: (v: CountDraft) => void;
  problemAt: (path: string) => string | undefined;
}) {
  const whole = problemAt(path);
  return (
    <fieldset className="min-w-0" aria-describedby={whole ? `${fid(path)}-problem` : undefined}>
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex items-start gap-2">
        {(['low', 'high'] as const).map((side) => {
          const p = `${path}.${side}`;
          const problem = problemAt(p);
          return (
            <div key={side} className="min-w-0 flex-1">
              <label htmlFor={fid(p)} className="text-xs text-slate-700">
                {t(side)}
              </label>
              <input
                id={fid(p)}
                name={p}
                inputMode="numeric"
                value={value[side]}
                onChange={(e) => onChange({ ...value, [side]: e.target.value })}
                aria-invalid={problem || whole ? true : undefined}
                aria-describedby={problem ? `${fid(p)}-problem` : undefined}
                className={`${inputClass} mt-0`}
                dir="ltr"
              />
              <Problem path={p} text={problem} />
            </div>
          );
        })}
      </div>
      <Problem path={path} text={whole} />
    </fieldset>
  );
}

export function AddButton({ children, onClick, id, problem }: { children: ReactNode; onClick: () => void; id?: string; problem?: string }) {
  return (
    <div>
      <button
        id={id}
        type="button"
        onClick={onClick}
        aria-describedby={problem && id ? `${id}-problem` : undefined}
        className="mt-2 rounded border border-slate-500 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
      >
        + {children}
      </button>
      {problem && id && (
        <p id={`${id}-problem`} className="mt-1 text-sm text-red-800">
          {problem}
        </p>
      )}
    </div>
  );
}

export function RemoveButton({ label, text, onClick }: { label: string; text: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      className="mb-1 rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100"
    >
      {text}
    </button>
  );
}
