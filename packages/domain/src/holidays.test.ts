import { describe, expect, it } from 'vitest';
import { holidaysInYear, isWorkingDay, nextWorkingDayOnOrAfter, nonWorkingDay } from './holidays.js';
import { addDays, formatLocalDate, weekday } from './local-date.js';

/** Gregorian Easter Sunday (Meeus/Jones/Butcher), computed independently of date-holidays. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate({ year, month, day });
}

describe('nonWorkingDay (150/1930 §5)', () => {
  it('names the holidays of 2026 in all three languages', () => {
    expect(nonWorkingDay('2026-06-19')).toEqual({
      kind: 'midsummer_eve',
      name: { fi: 'juhannusaatto', sv: 'midsommarafton', en: 'Midsummer Eve' },
    });
    expect(nonWorkingDay('2026-12-24')).toEqual({
      kind: 'christmas_eve',
      name: { fi: 'jouluaatto', sv: 'julafton', en: 'Christmas Eve' },
    });
    expect(nonWorkingDay('2026-05-01')).toEqual({
      kind: 'may_day',
      name: { fi: 'vappu', sv: 'första maj', en: 'May Day' },
    });
    expect(nonWorkingDay('2027-12-06')).toEqual({
      kind: 'independence_day',
      name: { fi: 'itsenäisyyspäivä', sv: 'självständighetsdagen', en: 'Independence Day' },
    });
    expect(nonWorkingDay('2026-05-14')).toEqual({
      kind: 'public_holiday',
      name: { fi: 'helatorstai', sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' },
    });
  });

  it('reports a holiday on a weekend as the holiday, not the weekday', () => {
    expect(nonWorkingDay('2026-12-26')?.name.en).toBe('Boxing Day'); // a Saturday
    expect(nonWorkingDay('2026-12-06')?.kind).toBe('independence_day'); // a Sunday
    expect(nonWorkingDay('2026-04-05')?.name.fi).toBe('pääsiäispäivä'); // Easter Sunday
    expect(nonWorkingDay('2026-05-24')?.name.sv).toBe('pingstdagen'); // Pentecost, a Sunday
    expect(nonWorkingDay('2026-10-31')?.name.sv).toBe('alla helgons dag'); // a Saturday
  });

  it('hands out frozen entries, so the per-year cache cannot be corrupted', () => {
    const eve = nonWorkingDay('2026-06-19');
    expect(Object.isFrozen(eve) && Object.isFrozen(eve?.name)).toBe(true);
  });

  it('plain weekends and working days', () => {
    expect(nonWorkingDay('2026-04-11')).toEqual({
      kind: 'saturday',
      name: { fi: 'lauantai', sv: 'lördag', en: 'Saturday' },
    });
    expect(nonWorkingDay('2026-04-12')).toEqual({
      kind: 'sunday',
      name: { fi: 'sunnuntai', sv: 'söndag', en: 'Sunday' },
    });
    expect(nonWorkingDay('2026-04-13')).toBeNull();
    expect(isWorkingDay('2026-04-15')).toBe(true);
  });

  it("New Year's Eve is a working day (not named in 150/1930 §5), unless a weekend", () => {
    expect(nonWorkingDay('2026-12-31')).toBeNull(); // Thursday
    expect(nonWorkingDay('2027-12-31')).toBeNull(); // Friday
    expect(nonWorkingDay('2022-12-31')?.kind).toBe('saturday');
  });

  it('exactly these weekdays of 2026 are non-working', () => {
    const weekdaysOff: string[] = [];
    for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
      if (weekday(d) <= 5 && !isWorkingDay(d)) weekdaysOff.push(d);
    }
    expect(weekdaysOff).toEqual([
      '2026-01-01', // New Year's Day, Thu
      '2026-01-06', // Epiphany, Tue
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-01', // May Day, Fri
      '2026-05-14', // Ascension Day, Thu
      '2026-06-19', // Midsummer Eve, Fri
      '2026-12-24', // Christmas Eve, Thu
      '2026-12-25', // Christmas Day, Fri
    ]);
  });

  it('lists the 15 holidays of 2026 in date order', () => {
    expect(holidaysInYear(2026).map((h) => `${h.date} ${h.name.en}`)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-06 Epiphany',
      '2026-04-03 Good Friday',
      '2026-04-05 Easter Sunday',
      '2026-04-06 Easter Monday',
      '2026-05-01 May Day',
      '2026-05-14 Ascension Day',
      '2026-05-24 Pentecost',
      '2026-06-19 Midsummer Eve',
      '2026-06-20 Midsummer Day',
      "2026-10-31 All Saints' Day",
      '2026-12-06 Independence Day',
      '2026-12-24 Christmas Eve',
      '2026-12-25 Christmas Day',
      '2026-12-26 Boxing Day',
    ]);
  });

  it('movable holidays follow their rules every year 2025–2124', () => {
    for (let year = 2025; year < 2125; year++) {
      const easter = easterSunday(year);
      const byName = new Map(holidaysInYear(year).map((h) => [h.name.en, h]));
      expect(byName.size, String(year)).toBe(15);
      expect(byName.get('Good Friday')?.date).toBe(addDays(easter, -2));
      expect(byName.get('Easter Sunday')?.date).toBe(easter);
      expect(byName.get('Easter Monday')?.date).toBe(addDays(easter, 1));
      expect(byName.get('Ascension Day')?.date).toBe(addDays(easter, 39));
      expect(byName.get('Pentecost')?.date).toBe(addDays(easter, 49));
      // Midsummer Eve: the Friday of 19–25 June; Midsummer Day the next day.
      const eve = byName.get('Midsummer Eve')?.date ?? '';
      expect(eve >= `${year}-06-19` && eve <= `${year}-06-25` && weekday(eve) === 5, eve).toBe(true);
      expect(byName.get('Midsummer Day')?.date).toBe(addDays(eve, 1));
      // All Saints' Day: the Saturday of 31 Oct – 6 Nov.
      const saints = byName.get("All Saints' Day")?.date ?? '';
      expect(saints >= `${year}-10-31` && saints <= `${year}-11-06` && weekday(saints) === 6, saints).toBe(
        true,
      );
      expect(nonWorkingDay(`${year}-12-31`)?.kind ?? null).toBe(
        weekday(`${year}-12-31`) >= 6 ? (weekday(`${year}-12-31`) === 6 ? 'saturday' : 'sunday') : null,
      );
    }
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it('keeps a working day and skips holiday chains', () => {
    expect(nextWorkingDayOnOrAfter('2026-04-15')).toBe('2026-04-15');
    expect(nextWorkingDayOnOrAfter('2026-04-03')).toBe('2026-04-07'); // Good Friday → Tuesday after Easter
    expect(nextWorkingDayOnOrAfter('2026-12-24')).toBe('2026-12-28');
    expect(nextWorkingDayOnOrAfter('2027-01-01')).toBe('2027-01-04');
  });
});
