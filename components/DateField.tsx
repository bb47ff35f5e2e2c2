'use client';
/**
 * A date typed or picked in the page's language, whatever the browser's own: the dashboard's
 * filters and the desk's forms. A native <input type="date"> shows the browser's format (mm/dd/yyyy
 * in an Arabic page read in an American browser); this one shows day, month and year in the order,
 * digits and direction of the page's language (en-GB, fr-FR, ar-SY, as lib/format.ts writes dates),
 * each part a spin button (typed, or stepped with the arrow keys), and a calendar beside it.
 * Built on React Aria's date picker (keyboard, screen readers, right-to-left).
 *
 * The value is an ISO day ('2020-02-20'), or '' for none, like the native input's.
 */
import { type CalendarDate, parseDate } from '@internationalized/date';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
} from 'react-aria-components';
import { useEffect, useRef, useState } from 'react';
import { LOCALES } from '@/lib/format';
import type { Lang } from '@/lib/i18n/messages';

/** An ISO day as a calendar date; null for '' or anything that is not one. */
export function calendarDateOf(iso: string | null | undefined): CalendarDate | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  try {
    return parseDate(iso);
  } catch {
    return null;
  }
}

export interface DateFieldProps {
  label: string;
  lang: Lang;
  /** ISO day, or '' */
  value: string;
  onChange(value: string): void;
  /** the group's id: what a label's or an error's link points to (focusDateField focuses its first part) */
  id?: string;
  name?: string;
  min?: string | null;
  max?: string | null;
  /** where the calendar opens when the field is empty (the data's dates rather than today's) */
  near?: string | null;
  invalid?: boolean;
  describedBy?: string;
  /** classes of the whole (label and box) */
  className?: string;
  /** classes of the label's text */
  labelClass?: string;
  /** classes of the box around the parts */
  boxClass?: string;
}

export default function DateField({
  label,
  lang,
  value,
  onChange,
  id,
  name,
  min,
  max,
  near,
  invalid,
  describedBy,
  className = 'block min-w-0',
  labelClass = 'block text-xs text-slate-700',
  boxClass = 'mt-0.5 w-full rounded border border-slate-400 bg-white px-2 py-1 text-sm',
}: DateFieldProps) {
  // the date as typed, held here: a year is typed a digit at a time, and each digit makes a whole date
  // (year 2, 20, 202, then 2020). Only a date of four-digit year is handed on (a filter is not asked
  // for the year 2), and a value coming back from the page replaces what is typed only when it is not
  // the one handed on (an answer to an earlier keystroke arriving late would undo the later ones).
  const [typed, setTyped] = useState<CalendarDate | null>(() => calendarDateOf(value));
  const handed = useRef(value);
  useEffect(() => {
    if (value === handed.current) return;
    handed.current = value;
    setTyped(calendarDateOf(value));
  }, [value]);
  const change = (d: CalendarDate | null) => {
    setTyped(d);
    if (d && d.year < 1000) return;
    const iso = d ? d.toString() : '';
    if (iso === handed.current) return;
    handed.current = iso;
    onChange(iso);
  };
  return (
    <I18nProvider locale={LOCALES[lang]}>
      <DatePicker
        className={className}
        value={typed}
        onChange={change}
        minValue={calendarDateOf(min) ?? undefined}
        maxValue={calendarDateOf(max) ?? undefined}
        isInvalid={invalid}
        name={name}
        aria-describedby={describedBy}
        granularity="day"
        // an empty field's calendar opens there, and its arrow keys start from there (React Aria's default: today)
        placeholderValue={calendarDateOf(near) ?? undefined}
        data-testid={name ? `date-${name}` : undefined}
      >
        <Label className={labelClass}>{label}</Label>
        <Group
          id={id}
          className={`flex items-center gap-1 ${boxClass} focus-within:outline-2 focus-within:outline-blue-600 data-[invalid]:border-2 data-[invalid]:border-red-700`}
        >
          <DateInput className="flex min-w-0 flex-1 tabular-nums">
            {(segment) => (
              <DateSegment
                segment={segment}
                className="inline-flex h-6 items-center justify-center rounded px-1 outline-none data-[type=literal]:px-0 data-[focused]:bg-blue-700 data-[focused]:text-white data-[placeholder]:text-slate-600"
              />
            )}
          </DateInput>
          {/* React Aria labels this button in the page's language ("Calendar") */}
          <Button className="-my-1 -me-1 rounded px-1.5 py-1 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600">
            <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5">
              <rect x="2" y="3" width="12" height="11" rx="1.5" />
              <path d="M2 6.5h12M5 1.5v3M11 1.5v3" />
            </svg>
          </Button>
        </Group>
        <Popover className="rounded border border-slate-300 bg-white p-2 text-sm shadow-lg" placement="bottom start">
          <Dialog className="outline-none">
            <Calendar>
              <header className="mb-1 flex items-center justify-between gap-2">
                <Button
                  slot="previous"
                  className="rounded px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  <span aria-hidden="true" className="inline-block rtl:rotate-180">
                    ‹
                  </span>
                </Button>
                <Heading className="font-semibold" />
                <Button slot="next" className="rounded px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600">
                  <span aria-hidden="true" className="inline-block rtl:rotate-180">
                    ›
                  </span>
                </Button>
              </header>
              <CalendarGrid className="border-separate border-spacing-0.5">
                {(date) => (
                  <CalendarCell
                    date={date}
                    className="flex h-8 w-8 items-center justify-center rounded tabular-nums outline-none hover:bg-slate-100 data-[disabled]:text-slate-300 data-[focus-visible]:outline-2 data-[focus-visible]:outline-blue-600 data-[outside-month]:hidden data-[selected]:bg-blue-700 data-[selected]:text-white"
                  />
                )}
              </CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}

/** Focuses a field by its id: the element itself when it takes focus, else its first part (a date field's day). */
export function focusField(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  const target = el.matches('input, select, textarea, button, [tabindex]')
    ? el
    : el.querySelector<HTMLElement>('[role=spinbutton], input, select, textarea, button');
  (target ?? el).focus();
  return true;
}
