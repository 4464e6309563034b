/**
 * Calendar dates without a time or zone, as `YYYY-MM-DD` strings.
 *
 * Deadlines are days, not instants (domain.md §3: "a deadline ends at the end of its day",
 * computed in Europe/Helsinki). All arithmetic runs on whole days in UTC, where no day is
 * ever 23 or 25 hours long, so a DST change can never shift a date. Only the conversions
 * between a day and an instant (`todayInHelsinki`, `startOfDayInHelsinki`,
 * `endOfDayInHelsinki`) look at the Helsinki time zone.
 */

/** A calendar date `YYYY-MM-DD` (years 0001–9999). Check untrusted input with `isLocalDate`. */
export type LocalDate = string;

export type LocalDateParts = { year: number; month: number; day: number };

/** ISO 8601 weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const HELSINKI_TIME_ZONE = 'Europe/Helsinki';

const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year (0001–9999), month and day form a real calendar date. */
export function isValidDateParts(parts: LocalDateParts): boolean {
  const { year, month, day } = parts;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True for a real calendar date in `YYYY-MM-DD` form; false for `2026-02-30`, `2026-2-3`, etc. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE_PATTERN.exec(value);
  return m !== null && isValidDateParts({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
}

/** Splits a `YYYY-MM-DD` date into numbers. Throws `RangeError` for anything that is not a real date. */
export function parseLocalDate(value: string): LocalDateParts {
  const m = LOCAL_DATE_PATTERN.exec(value);
  const parts = m === null ? null : { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (parts === null || !isValidDateParts(parts)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  return parts;
}

/** Formats year, month and day as `YYYY-MM-DD`. Throws `RangeError` for an impossible date. */
export function formatLocalDate(parts: LocalDateParts): LocalDate {
  const { year, month, day } = parts;
  if (!isValidDateParts(parts)) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Milliseconds of UTC midnight of the date (`Date.UTC` would map years 0–99 to 1900–1999). */
function utcMidnightMs(parts: LocalDateParts): number {
  const t = new Date(0);
  t.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return t.getTime();
}

function toEpochDay(d: LocalDate): number {
  return Math.round(utcMidnightMs(parseLocalDate(d)) / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): LocalDate {
  const t = new Date(epochDay * MS_PER_DAY);
  const year = t.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError('Date out of range (years 0001–9999)');
  return formatLocalDate({ year, month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** The date `n` days after (or, for negative `n`, before) `d`. */
export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Days must be an integer: ${n}`);
  return fromEpochDay(toEpochDay(d) + n);
}

/** Number of days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Comparator for sorting: -1 when `a` is earlier, 1 when later, 0 when the same day. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const diff = toEpochDay(a) - toEpochDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** ISO weekday of `d`: 1 = Monday … 7 = Sunday. */
export function weekday(d: LocalDate): IsoWeekday {
  // 1970-01-01 (epoch day 0) was a Thursday (ISO 4).
  return (((((toEpochDay(d) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

const helsinkiFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: HELSINKI_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** Wall-clock fields of the instant `t` in Helsinki. */
function helsinkiFields(t: number): LocalDateParts & { hour: number; minute: number; second: number } {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of helsinkiFormat.formatToParts(new Date(t))) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}

/** Helsinki's offset from UTC at the instant `t`, in milliseconds (+2 h in winter, +3 h in summer). */
function helsinkiOffsetMs(t: number): number {
  const f = helsinkiFields(t);
  const wallClockAsUtc = utcMidnightMs(f) + ((f.hour * 60 + f.minute) * 60 + f.second) * 1000;
  return wallClockAsUtc - (t - (((t % 1000) + 1000) % 1000));
}

/** The last day asked for and the instants it spans in Helsinki: [fromMs, untilMs). */
let lastDay: { fromMs: number; untilMs: number; day: LocalDate } | undefined;

/**
 * The calendar date in Helsinki at the instant `now`. The day last answered is kept with
 * its bounds, so the next instant inside it costs no time-zone conversion (every routing
 * read asks, issue 14).
 */
export function todayInHelsinki(now: Date): LocalDate {
  const t = now.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  if (lastDay && t >= lastDay.fromMs && t < lastDay.untilMs) return lastDay.day;
  const { year, month, day } = helsinkiFields(t);
  const today = formatLocalDate({ year, month, day });
  lastDay = {
    fromMs: startOfDayInHelsinki(today).getTime(),
    untilMs: endOfDayInHelsinki(today).getTime(),
    day: today,
  };
  return today;
}

/**
 * The instant the day `d` begins in Helsinki (local midnight). Finland changes clocks at
 * 03:00/04:00 local time, so midnight always exists and is unique.
 */
export function startOfDayInHelsinki(d: LocalDate): Date {
  const midnightAsUtc = utcMidnightMs(parseLocalDate(d));
  // The offset at the guess can differ from the offset at the answer only near a clock
  // change; a second pass settles it.
  const guess = midnightAsUtc - helsinkiOffsetMs(midnightAsUtc);
  return new Date(midnightAsUtc - helsinkiOffsetMs(guess));
}

/**
 * The instant the day `d` ends in Helsinki: the next local midnight (exclusive bound). A
 * deadline on `d` is met by anything strictly before this instant.
 */
export function endOfDayInHelsinki(d: LocalDate): Date {
  return startOfDayInHelsinki(addDays(d, 1));
}
