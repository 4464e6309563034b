import { type NonWorkingDay, type NonWorkingDayKind, nonWorkingDay } from './holidays.js';
import type { Lang, Localized } from './language.js';
import {
  addDays,
  daysInMonth,
  formatLocalDate,
  type LocalDate,
  parseLocalDate,
  weekday,
} from './local-date.js';

/**
 * How the due date was reached:
 * - `time_limit`: a statutory or agreed time limit for doing something, counted under
 *   150/1930 (§2 days, §3 months) and moved past non-working days (§5).
 * - `retention`: a period that simply runs out (data kept until, then erased). Counted like a
 *   time limit (§3), but nothing has to be done *by* its last day, so §5 does not move it:
 *   moving it would only keep personal data longer.
 * - `term`: a term of office (a management group's five years), which ends on the day before
 *   the same date years later and never moves.
 */
export type DueDateBasis = 'time_limit' | 'retention' | 'term';

export type SkippedDay = { date: LocalDate; kind: NonWorkingDayKind; name: Localized };

export type DueDate = {
  /** The day of the event the limit is counted from (not itself counted, 150/1930 §2). */
  from: LocalDate;
  amount: number;
  unit: 'months' | 'days';
  /** Where the count lands before any move to a working day. */
  nominalOn: LocalDate;
  /** The last day; the limit is met by anything done before this day ends in Helsinki. */
  dueOn: LocalDate;
  /** The target month had no day numbered like `from`, so the count ended on its last day. */
  monthEndClamped: boolean;
  /** The non-working days passed over, from `nominalOn` on; empty when not moved. */
  skipped: SkippedDay[];
  basis: DueDateBasis;
};

export const MAX_DEADLINE_MONTHS = 1200;
export const MAX_DEADLINE_DAYS = 36_500;

/**
 * The dates a time limit is counted in: its start, where the count lands and its last day.
 * Well inside the years the holiday calendar knows (date-holidays: 100–9999), with room for
 * the longest limit (1200 months) from any date of the service's life.
 */
export const DEADLINE_DATE_RANGE = { min: '1900-01-01', max: '2399-12-31' } as const;

/** A time limit that starts (`from`) or ends (`result`) outside `DEADLINE_DATE_RANGE`. */
export class DeadlineOutOfRangeError extends RangeError {
  override name = 'DeadlineOutOfRangeError';
  constructor(
    readonly subject: 'from' | 'result',
    date: LocalDate,
  ) {
    super(
      `${subject === 'from' ? 'The start' : 'The end'} of a time limit must lie in ` +
        `${DEADLINE_DATE_RANGE.min}–${DEADLINE_DATE_RANGE.max}, got ${date}`,
    );
  }
}

function assertInRange(date: LocalDate, subject: 'from' | 'result'): void {
  // YYYY-MM-DD strings of four-digit years order like the dates they name.
  if (date < DEADLINE_DATE_RANGE.min || date > DEADLINE_DATE_RANGE.max) {
    throw new DeadlineOutOfRangeError(subject, date);
  }
}

/** The non-moving part of a limit's end, checked against the range before §5 is applied. */
function nominalIn(from: LocalDate, count: () => LocalDate): LocalDate {
  parseLocalDate(from);
  assertInRange(from, 'from');
  let nominalOn: LocalDate;
  try {
    nominalOn = count();
  } catch (err) {
    // Past year 9999: out of range like any other date after 2399.
    if (err instanceof RangeError) throw new DeadlineOutOfRangeError('result', from);
    throw err;
  }
  assertInRange(nominalOn, 'result');
  return nominalOn;
}

function movedInRange(nominalOn: LocalDate): { dueOn: LocalDate; skipped: SkippedDay[] } {
  const moved = moveToWorkingDay(nominalOn);
  assertInRange(moved.dueOn, 'result');
  return moved;
}

function assertAmount(amount: number, max: number, unit: string): void {
  if (!Number.isInteger(amount) || amount < 0 || amount > max) {
    throw new RangeError(`${unit} must be an integer from 0 to ${max}, got ${amount}`);
  }
}

/**
 * `months` calendar months after `from`, 150/1930 §3: the day of the target month numbered
 * like the starting day, or the target month's last day when it has no such day (31 Jan + 1
 * month → 28 or 29 Feb). No move to a working day.
 */
export function addCalendarMonths(from: LocalDate, months: number): { date: LocalDate; clamped: boolean } {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer, got ${months}`);
  const { year, month, day } = parseLocalDate(from);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = daysInMonth(targetYear, targetMonth);
  return {
    date: formatLocalDate({ year: targetYear, month: targetMonth, day: Math.min(day, lastDay) }),
    clamped: day > lastDay,
  };
}

/**
 * 150/1930 §5: a time limit whose last day is a Saturday, Sunday, church holiday,
 * Independence Day, 1 May, Christmas Eve or Midsummer Eve ends on the next working day.
 */
function moveToWorkingDay(nominalOn: LocalDate): { dueOn: LocalDate; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let day = nominalOn;
  for (let off = nonWorkingDay(day); off !== null; off = nonWorkingDay(day)) {
    skipped.push({ date: day, kind: off.kind, name: off.name });
    day = addDays(day, 1);
  }
  return { dueOn: day, skipped };
}

/**
 * A time limit of `months` months from the event on `from`: 150/1930 §3 (same day number in
 * the target month, else its last day), then §5 (moved to the next working day, repeatedly).
 * `months` must be an integer 0–1200 (`RangeError` otherwise), and every date of the count
 * must lie in `DEADLINE_DATE_RANGE` (`DeadlineOutOfRangeError` otherwise).
 */
export function addMonthsDeadline(from: LocalDate, months: number): DueDate {
  assertAmount(months, MAX_DEADLINE_MONTHS, 'Months');
  let clamped = false;
  const nominalOn = nominalIn(from, () => {
    const counted = addCalendarMonths(from, months);
    clamped = counted.clamped;
    return counted.date;
  });
  return {
    from,
    amount: months,
    unit: 'months',
    nominalOn,
    ...movedInRange(nominalOn),
    monthEndClamped: clamped,
    basis: 'time_limit',
  };
}

/**
 * A time limit of `days` days from the event on `from`: 150/1930 §2 (the event's day is not
 * counted, so the limit ends on `from + days`), then §5 (moved to the next working day).
 * `days` must be an integer 0–36500 (`RangeError` otherwise), and every date of the count
 * must lie in `DEADLINE_DATE_RANGE` (`DeadlineOutOfRangeError` otherwise).
 */
export function addDaysDeadline(from: LocalDate, days: number): DueDate {
  assertAmount(days, MAX_DEADLINE_DAYS, 'Days');
  const nominalOn = nominalIn(from, () => addDays(from, days));
  return {
    from,
    amount: days,
    unit: 'days',
    nominalOn,
    ...movedInRange(nominalOn),
    monthEndClamped: false,
    basis: 'time_limit',
  };
}

/**
 * A retention period of `months` months from `from`, counted as in 150/1930 §3 and never
 * moved (see `DueDateBasis`). Erase once `dueOn` has ended.
 */
export function addMonthsRetention(from: LocalDate, months: number): DueDate {
  assertAmount(months, MAX_DEADLINE_MONTHS, 'Months');
  const { date, clamped } = addCalendarMonths(from, months);
  return {
    from,
    amount: months,
    unit: 'months',
    nominalOn: date,
    dueOn: date,
    monthEndClamped: clamped,
    skipped: [],
    basis: 'retention',
  };
}

/**
 * The last day of a term of `years` years whose first day is `startOn`: the day before the
 * same date `years` later (1 Jan 2025 → 31 Dec 2029). A term beginning on 29 February whose
 * end year is not a leap year ends on 28 February (the next term begins on 1 March). Not a
 * 150/1930 time limit: never moved to a working day.
 */
export function termEnd(startOn: LocalDate, years: number): DueDate {
  assertAmount(years, MAX_DEADLINE_MONTHS / 12, 'Years');
  const start = parseLocalDate(startOn);
  const endYear = start.year + years;
  const anniversary =
    start.day > daysInMonth(endYear, start.month)
      ? addDays(formatLocalDate({ year: endYear, month: start.month, day: 1 }), start.day - 1)
      : formatLocalDate({ year: endYear, month: start.month, day: start.day });
  const endOn = addDays(anniversary, -1);
  return {
    from: startOn,
    amount: years * 12,
    unit: 'months',
    nominalOn: endOn,
    dueOn: endOn,
    monthEndClamped: false,
    skipped: [],
    basis: 'term',
  };
}

const WEEKDAYS: Record<Lang | 'fiEssive' | 'fiIllative', readonly string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  fi: ['maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai'],
  fiEssive: [
    'maanantaina',
    'tiistaina',
    'keskiviikkona',
    'torstaina',
    'perjantaina',
    'lauantaina',
    'sunnuntaina',
  ],
  fiIllative: [
    'maanantaihin',
    'tiistaihin',
    'keskiviikkoon',
    'torstaihin',
    'perjantaihin',
    'lauantaihin',
    'sunnuntaihin',
  ],
};

const MONTHS: Record<'en' | 'sv' | 'fiInessive', readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  fiInessive: [
    'tammikuussa',
    'helmikuussa',
    'maaliskuussa',
    'huhtikuussa',
    'toukokuussa',
    'kesäkuussa',
    'heinäkuussa',
    'elokuussa',
    'syyskuussa',
    'lokakuussa',
    'marraskuussa',
    'joulukuussa',
  ],
};

function pick(list: readonly string[], index: number): string {
  const s = list[index];
  if (s === undefined) throw new RangeError(`No entry ${index}`);
  return s;
}

function weekdayName(form: keyof typeof WEEKDAYS, d: LocalDate): string {
  return pick(WEEKDAYS[form], weekday(d) - 1);
}

/** `2026-06-19` in English (as the API shows it), `19.6.2026` in Finnish and Swedish. */
function dateText(lang: Lang, d: LocalDate): string {
  if (lang === 'en') return d;
  const { year, month, day } = parseLocalDate(d);
  return `${day}.${month}.${year}`;
}

/** The holiday that stopped the count on `nominalOn`; weekends need no name beside the weekday. */
function holidayOn(d: DueDate): NonWorkingDay | null {
  const off = d.skipped[0] ?? (d.basis === 'time_limit' ? null : nonWorkingDay(d.nominalOn));
  return off === null || off.kind === 'saturday' || off.kind === 'sunday' ? null : off;
}

type Parts = {
  d: DueDate;
  moved: boolean;
  holiday: NonWorkingDay | null;
  /** The day number that the target month lacks, when clamped. */
  missingDay: number;
  targetYear: number;
  targetMonthIndex: number;
  offDay: boolean;
};

function explainEn(p: Parts): string {
  const { d } = p;
  const day = (x: LocalDate) => `${weekdayName('en', x)} ${x}`;
  if (d.basis === 'term') return `A ${d.amount / 12}-year term beginning ${d.from} ends on ${day(d.dueOn)}.`;
  const unit = d.amount === 1 ? d.unit.slice(0, -1) : d.unit;
  const ordinal = `${p.missingDay}${p.missingDay === 31 ? 'st' : 'th'}`;
  const head = d.monthEndClamped
    ? `${d.amount} ${unit} from ${d.from}: ${pick(MONTHS.en, p.targetMonthIndex)} ${p.targetYear} has no ${ordinal}, so it ends on the last day of the month, ${day(d.nominalOn)}`
    : `${d.amount} ${unit} from ${d.from} is ${day(d.nominalOn)}`;
  const holiday = p.holiday === null ? '' : `, ${p.holiday.name.en}`;
  const tail = p.moved
    ? `; moved to the next working day, ${day(d.dueOn)}`
    : d.basis === 'retention' && p.offDay
      ? '; a retention period does not move to a working day'
      : '';
  return `${head}${holiday}${tail}.`;
}

function explainFi(p: Parts): string {
  const { d } = p;
  const day = (x: LocalDate) => `${weekdayName('fiEssive', x)} ${dateText('fi', x)}`;
  if (d.basis === 'term') {
    return `${dateText('fi', d.from)} alkava ${d.amount / 12} vuoden toimikausi päättyy ${day(d.dueOn)}.`;
  }
  const noun = d.basis === 'retention' ? 'säilytysaika' : 'määräaika';
  const unit = d.unit === 'months' ? 'kuukauden' : 'päivän';
  const ends = p.moved ? 'päättyisi' : 'päättyy';
  const head = d.monthEndClamped
    ? `${d.amount} ${unit} ${noun} ${dateText('fi', d.from)} lukien: ${pick(MONTHS.fiInessive, p.targetMonthIndex)} ${p.targetYear} ei ole ${p.missingDay}. päivää, joten ${noun} ${ends} kuun viimeisenä päivänä, ${day(d.nominalOn)}`
    : `${d.amount} ${unit} ${noun} ${dateText('fi', d.from)} lukien ${ends} ${day(d.nominalOn)}`;
  const holiday = p.holiday === null ? '' : `, joka on ${p.holiday.name.fi}`;
  const tail = p.moved
    ? `; se siirtyy seuraavaan arkipäivään, ${weekdayName('fiIllative', d.dueOn)} ${dateText('fi', d.dueOn)}`
    : d.basis === 'retention' && p.offDay
      ? '; säilytysaika ei siirry arkipäivään'
      : '';
  return `${head}${holiday}${tail}.`;
}

function explainSv(p: Parts): string {
  const { d } = p;
  const day = (x: LocalDate) => `${weekdayName('sv', x)} ${dateText('sv', x)}`;
  if (d.basis === 'term') {
    return `Mandatperioden på ${d.amount / 12} år som börjar ${dateText('sv', d.from)} går ut ${day(d.dueOn)}.`;
  }
  const noun = d.basis === 'retention' ? 'Lagringstiden' : 'Tidsfristen';
  const unit =
    d.unit === 'months' ? (d.amount === 1 ? 'månad' : 'månader') : d.amount === 1 ? 'dag' : 'dagar';
  const ends = p.moved ? 'skulle gå ut' : 'går ut';
  const ordinal = `${p.missingDay}:${p.missingDay === 31 ? 'a' : 'e'}`;
  const head = d.monthEndClamped
    ? `${noun} på ${d.amount} ${unit} från ${dateText('sv', d.from)}: ${pick(MONTHS.sv, p.targetMonthIndex)} ${p.targetYear} har ingen ${ordinal} dag, så den ${ends} den sista dagen i månaden, ${day(d.nominalOn)}`
    : `${noun} på ${d.amount} ${unit} från ${dateText('sv', d.from)} ${ends} ${day(d.nominalOn)}`;
  const holiday = p.holiday === null ? '' : `, ${p.holiday.name.sv}`;
  const tail = p.moved
    ? `; den flyttas till följande vardag, ${day(d.dueOn)}`
    : d.basis === 'retention' && p.offDay
      ? '; lagringstiden flyttas inte till en vardag'
      : '';
  return `${head}${holiday}${tail}.`;
}

/**
 * One or two sentences a caseworker reads: where the count lands, why (month-end clamping,
 * holiday) and where the limit moved, e.g. "3 months from 2026-03-19 is Friday 2026-06-19,
 * Midsummer Eve; moved to the next working day, Monday 2026-06-22." Dates are ISO in
 * English and `d.m.yyyy` in Finnish and Swedish.
 */
export function explainDueDate(d: DueDate, lang: Lang): string {
  const nominal = parseLocalDate(d.nominalOn);
  const parts: Parts = {
    d,
    moved: d.dueOn !== d.nominalOn,
    holiday: holidayOn(d),
    missingDay: parseLocalDate(d.from).day,
    targetYear: nominal.year,
    targetMonthIndex: nominal.month - 1,
    offDay: nonWorkingDay(d.nominalOn) !== null,
  };
  return lang === 'fi' ? explainFi(parts) : lang === 'sv' ? explainSv(parts) : explainEn(parts);
}
