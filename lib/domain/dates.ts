import type { DatePrecision } from './schema';

/** The last day an incident's date may stand for: itself, six days on (a week), or the month's end. */
export function periodEnd(isoDate: string, precision: DatePrecision): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (precision === 'week') d.setUTCDate(d.getUTCDate() + 6);
  if (precision === 'month') d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}
