import { addDays, daysBetween, endOfDayInHelsinki, startOfDayInHelsinki, todayInHelsinki } from '@tym/domain';
import { invalidField } from '@tym/platform';

/** The first day a calendar window may start on. */
export const EARLIEST_CALENDAR_DAY = '1900-01-01';

/** Longest calendar window one request reads. */
export const MAX_CALENDAR_DAYS = 366;

/**
 * The Helsinki days of a calendar request (both included): from today and 30 days on unless
 * given; each bad value is a 400 naming its query parameter.
 */
export function calendarDays(query: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const from = query.from ?? todayInHelsinki(now);
  // Before 1900 Helsinki kept local mean time, and year 0 is out of PostgreSQL's range.
  if (from < EARLIEST_CALENDAR_DAY) {
    throw invalidField(
      'VALIDATION_FAILED',
      'query.from',
      `must be ${EARLIEST_CALENDAR_DAY} or later`,
      'range',
    );
  }
  let to: string;
  try {
    to = query.to ?? addDays(from, 30);
  } catch (err) {
    // The default window would end after the last day of the calendar (9999-12-31).
    if (!(err instanceof RangeError)) throw err;
    throw invalidField('VALIDATION_FAILED', 'query.from', 'leaves no 30-day window; give to', 'range');
  }
  if (daysBetween(from, to) < 0)
    throw invalidField('VALIDATION_FAILED', 'query.to', 'must not be before from', 'range');
  if (daysBetween(from, to) > MAX_CALENDAR_DAYS) {
    throw invalidField(
      'VALIDATION_FAILED',
      'query.to',
      `must be at most ${MAX_CALENDAR_DAYS} days after from`,
      'range',
    );
  }
  return { from, to };
}

/** The instants of a window of Helsinki days: from the start of `from` to the end of `to`. */
export function calendarWindow(from: string, to: string): { from: Date; to: Date } {
  try {
    return { from: startOfDayInHelsinki(from), to: endOfDayInHelsinki(to) };
  } catch (err) {
    // The end of the last day of the calendar (9999-12-31) is past what dates can hold.
    if (!(err instanceof RangeError)) throw err;
    throw invalidField('VALIDATION_FAILED', 'query.to', 'must be before 9999-12-31', 'range');
  }
}
