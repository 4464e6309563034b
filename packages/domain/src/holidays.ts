import Holidays from 'date-holidays';
import type { Localized } from './language.js';
import { addDays, type LocalDate, parseLocalDate, weekday } from './local-date.js';

/**
 * Why a day is not a working day for a statutory time limit, per 150/1930 §5 (laki
 * säädettyjen määräaikain laskemisesta): a Saturday (arkilauantai), a Sunday or other
 * church holiday (pyhäpäivä), Independence Day, 1 May, Christmas Eve or Midsummer Eve.
 * Independence Day, 1 May and the two eves are named separately in §5 because they are not
 * pyhäpäivä; they get their own kinds so callers can tell them apart.
 */
export type NonWorkingDayKind =
  | 'saturday'
  | 'sunday'
  | 'public_holiday'
  | 'christmas_eve'
  | 'midsummer_eve'
  | 'may_day'
  | 'independence_day';

export type NonWorkingDay = { kind: NonWorkingDayKind; name: Localized };

export type Holiday = NonWorkingDay & { date: LocalDate };

/** A frozen entry: the cache hands these out, so no caller can rename a holiday for everyone. */
function entry(kind: NonWorkingDayKind, fi: string, sv: string, en: string): NonWorkingDay {
  return Object.freeze({ kind, name: Object.freeze({ fi, sv, en }) });
}

/**
 * The Finnish holidays that end no time limit, keyed by the `date-holidays` rule that
 * produces them (the library computes Easter and the movable Saturdays; we only name
 * them). Of the library's FI rules, all of type `public` are here, plus two of type `bank`:
 * Midsummer Eve and Christmas Eve. New Year's Eve (`12-31`, also `bank`) is deliberately
 * absent: 150/1930 §5 does not name it, so a time limit can end on it.
 */
const HOLIDAY_RULES: Readonly<Record<string, NonWorkingDay>> = Object.freeze({
  '01-01': entry('public_holiday', 'uudenvuodenpäivä', 'nyårsdagen', "New Year's Day"),
  '01-06': entry('public_holiday', 'loppiainen', 'trettondedagen', 'Epiphany'),
  'easter -2': entry('public_holiday', 'pitkäperjantai', 'långfredagen', 'Good Friday'),
  easter: entry('public_holiday', 'pääsiäispäivä', 'påskdagen', 'Easter Sunday'),
  'easter 1': entry('public_holiday', 'toinen pääsiäispäivä', 'annandag påsk', 'Easter Monday'),
  '05-01': entry('may_day', 'vappu', 'första maj', 'May Day'),
  'easter 39': entry('public_holiday', 'helatorstai', 'Kristi himmelsfärdsdag', 'Ascension Day'),
  'easter 49': entry('public_holiday', 'helluntaipäivä', 'pingstdagen', 'Pentecost'),
  'friday after 06-19': entry('midsummer_eve', 'juhannusaatto', 'midsommarafton', 'Midsummer Eve'),
  'saturday after 06-20': entry('public_holiday', 'juhannuspäivä', 'midsommardagen', 'Midsummer Day'),
  'saturday after 10-31': entry('public_holiday', 'pyhäinpäivä', 'alla helgons dag', "All Saints' Day"),
  '12-06': entry('independence_day', 'itsenäisyyspäivä', 'självständighetsdagen', 'Independence Day'),
  '12-24': entry('christmas_eve', 'jouluaatto', 'julafton', 'Christmas Eve'),
  '12-25': entry('public_holiday', 'joulupäivä', 'juldagen', 'Christmas Day'),
  '12-26': entry('public_holiday', 'tapaninpäivä', 'annandag jul', 'Boxing Day'),
});

const SATURDAY = entry('saturday', 'lauantai', 'lördag', 'Saturday');
const SUNDAY = entry('sunday', 'sunnuntai', 'söndag', 'Sunday');

let finnishHolidays: Holidays | undefined;
const holidaysByYear = new Map<number, ReadonlyMap<LocalDate, NonWorkingDay>>();

/**
 * The year's holidays that end no time limit, computed once per year and cached (the rules
 * never change within a process). Throws if `date-holidays` stops producing every rule of
 * `HOLIDAY_RULES` in a year — a renamed rule after an upgrade must fail loudly, never turn
 * Midsummer Eve silently into a working day.
 */
function holidaysOf(year: number): ReadonlyMap<LocalDate, NonWorkingDay> {
  const cached = holidaysByYear.get(year);
  if (cached !== undefined) return cached;
  finnishHolidays ??= new Holidays('FI');
  const byDate = new Map<LocalDate, NonWorkingDay>();
  const seen = new Set<string>();
  for (const h of finnishHolidays.getHolidays(year)) {
    const known = Object.hasOwn(HOLIDAY_RULES, h.rule) ? HOLIDAY_RULES[h.rule] : undefined;
    if (known !== undefined && (h.type === 'public' || h.type === 'bank')) {
      // `h.date` is the local date and time, "YYYY-MM-DD 00:00:00".
      byDate.set(h.date.slice(0, 10), known);
      seen.add(h.rule);
    }
  }
  const missing = Object.keys(HOLIDAY_RULES).filter((rule) => !seen.has(rule));
  if (missing.length > 0 || [...byDate.keys()].some((d) => parseLocalDate(d).year !== year)) {
    throw new Error(
      `date-holidays gave unexpected Finnish holidays for ${year} (missing: ${missing.join(', ')})`,
    );
  }
  holidaysByYear.set(year, byDate);
  return byDate;
}

/**
 * Whether a time limit that ends on `d` moves to the next working day (150/1930 §5), and
 * why; `null` for a working day. A holiday that falls on a weekend is reported as the
 * holiday (Boxing Day, not Saturday).
 *
 * The holiday calendar is today's. Earlier arrangements (Epiphany and Ascension Day on
 * Saturdays in 1973–1990) are not modelled: the service counts deadlines from 2025 on.
 */
export function nonWorkingDay(d: LocalDate): NonWorkingDay | null {
  const holiday = holidaysOf(parseLocalDate(d).year).get(d);
  if (holiday !== undefined) return holiday;
  const w = weekday(d);
  return w === 6 ? SATURDAY : w === 7 ? SUNDAY : null;
}

export function isWorkingDay(d: LocalDate): boolean {
  return nonWorkingDay(d) === null;
}

/** `d` itself when it is a working day, otherwise the first working day after it (150/1930 §5). */
export function nextWorkingDayOnOrAfter(d: LocalDate): LocalDate {
  let day = d;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The holidays of `year` that are not working days under 150/1930 §5, in date order. */
export function holidaysInYear(year: number): Holiday[] {
  return [...holidaysOf(year)]
    .map(([date, h]) => ({ date, ...h }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
