import { z } from 'astro/zod';

/** A calendar date, YYYY-MM-DD, that exists: 2021-02-30 is refused instead of becoming March 2. */
export const DATE_MESSAGE = 'must be a date (YYYY-MM-DD) that exists on the calendar';

export function parseCalendarDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : undefined;
}

/**
 * A date field. Unquoted dates in YAML arrive already parsed, and a YAML parser rolls 2021-02-30 over
 * to March 2: `validateSeries` also reads the date as written in the file and refuses that.
 */
export const CalendarDateSchema = z.unknown().transform((value, ctx) => {
  const date = parseCalendarDate(value);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: DATE_MESSAGE });
    return z.NEVER;
  }
  return date;
});
