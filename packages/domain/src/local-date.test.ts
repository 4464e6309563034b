import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareLocalDates,
  daysBetween,
  endOfDayInHelsinki,
  formatLocalDate,
  isLocalDate,
  parseLocalDate,
  startOfDayInHelsinki,
  todayInHelsinki,
  weekday,
} from './local-date.js';

describe('isLocalDate', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (s) => expect(isLocalDate(s)).toBe(true),
  );
  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '20260101',
    ' 2026-01-01',
    '2026-01-01T00:00:00Z',
    '0000-01-01',
    '',
  ])('rejects %j', (s) => expect(isLocalDate(s)).toBe(false));
  it('rejects non-strings', () => {
    expect(isLocalDate(20260101)).toBe(false);
    expect(isLocalDate(null)).toBe(false);
    expect(isLocalDate(new Date())).toBe(false);
  });
});

describe('parseLocalDate / formatLocalDate', () => {
  it('round-trips', () => {
    expect(parseLocalDate('2026-06-19')).toEqual({ year: 2026, month: 6, day: 19 });
    expect(formatLocalDate({ year: 2026, month: 6, day: 9 })).toBe('2026-06-09');
    expect(formatLocalDate({ year: 99, month: 1, day: 1 })).toBe('0099-01-01');
  });
  it('throws RangeError for impossible dates', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatLocalDate({ year: 2026, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => formatLocalDate({ year: 2026, month: 1, day: 1.5 })).toThrow(RangeError);
  });
});

describe('addDays, daysBetween, compareLocalDates, weekday', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('2026-06-19', 0)).toBe('2026-06-19');
  });
  it('is not shifted by the DST changes (29 Mar and 25 Oct 2026 in Finland)', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });
  it('rejects fractional day counts and out-of-range results', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
  it('compares', () => {
    expect(compareLocalDates('2026-06-19', '2026-06-22')).toBe(-1);
    expect(compareLocalDates('2026-06-22', '2026-06-19')).toBe(1);
    expect(compareLocalDates('2026-06-19', '2026-06-19')).toBe(0);
    expect(['2027-01-01', '2026-12-31', '2026-02-01'].sort(compareLocalDates)).toEqual([
      '2026-02-01',
      '2026-12-31',
      '2027-01-01',
    ]);
  });
  it('gives ISO weekdays (checked with `date -d … +%A`)', () => {
    expect(weekday('2026-06-19')).toBe(5); // Friday
    expect(weekday('2026-06-20')).toBe(6); // Saturday
    expect(weekday('2026-06-21')).toBe(7); // Sunday
    expect(weekday('2026-06-22')).toBe(1); // Monday
    expect(weekday('2028-02-29')).toBe(2); // Tuesday
    expect(weekday('1970-01-01')).toBe(4); // Thursday
    expect(weekday('1969-12-31')).toBe(3); // Wednesday
    expect(weekday('0001-01-01')).toBe(1); // Monday (proleptic Gregorian)
  });
});

describe('Helsinki days and instants', () => {
  it('todayInHelsinki: summer time is UTC+3', () => {
    expect(todayInHelsinki(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
    expect(todayInHelsinki(new Date('2026-06-30T20:59:59.999Z'))).toBe('2026-06-30');
    expect(todayInHelsinki(new Date('2026-06-30T21:00:00Z'))).toBe('2026-07-01');
  });
  it('todayInHelsinki: winter time is UTC+2', () => {
    expect(todayInHelsinki(new Date('2026-01-15T22:00:00Z'))).toBe('2026-01-16');
    expect(todayInHelsinki(new Date('2026-01-15T21:59:59Z'))).toBe('2026-01-15');
    expect(todayInHelsinki(new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
  });
  it('todayInHelsinki is right for instants in any order, around midnights and clock changes', () => {
    const cases: Array<[string, string]> = [
      ['2026-03-28T21:59:59.999Z', '2026-03-28'],
      ['2026-03-28T22:00:00Z', '2026-03-29'], // the night clocks go forward (UTC+2 → +3)
      ['2026-03-29T20:59:59.999Z', '2026-03-29'],
      ['2026-03-29T21:00:00Z', '2026-03-30'],
      ['2026-10-24T20:59:59.999Z', '2026-10-24'],
      ['2026-10-24T21:00:00Z', '2026-10-25'], // the night clocks go back (UTC+3 → +2)
      ['2026-10-25T21:59:59.999Z', '2026-10-25'],
      ['2026-10-25T22:00:00Z', '2026-10-26'],
    ];
    for (const order of [cases, [...cases].reverse(), [...cases, ...cases].sort(() => 0.5 - Math.random())]) {
      for (const [instant, day] of order) expect(todayInHelsinki(new Date(instant))).toBe(day);
    }
  });
  it('todayInHelsinki rejects an invalid Date', () => {
    expect(() => todayInHelsinki(new Date(Number.NaN))).toThrow(RangeError);
  });
  it('start and end of an ordinary day', () => {
    expect(startOfDayInHelsinki('2026-06-30').toISOString()).toBe('2026-06-29T21:00:00.000Z');
    expect(endOfDayInHelsinki('2026-06-30').toISOString()).toBe('2026-06-30T21:00:00.000Z');
    expect(startOfDayInHelsinki('2026-01-15').toISOString()).toBe('2026-01-14T22:00:00.000Z');
    expect(endOfDayInHelsinki('2026-01-15').toISOString()).toBe('2026-01-15T22:00:00.000Z');
  });
  it('the spring-forward day has 23 hours, the fall-back day 25', () => {
    expect(startOfDayInHelsinki('2026-03-29').toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(endOfDayInHelsinki('2026-03-29').toISOString()).toBe('2026-03-29T21:00:00.000Z');
    expect(startOfDayInHelsinki('2026-10-25').toISOString()).toBe('2026-10-24T21:00:00.000Z');
    expect(endOfDayInHelsinki('2026-10-25').toISOString()).toBe('2026-10-25T22:00:00.000Z');
  });
  it('every day of 2026 and 2027: the last millisecond is still that day, its end is the next', () => {
    for (let d = '2026-01-01'; d < '2028-01-01'; d = addDays(d, 1)) {
      const end = endOfDayInHelsinki(d);
      expect(todayInHelsinki(new Date(end.getTime() - 1))).toBe(d);
      expect(todayInHelsinki(end)).toBe(addDays(d, 1));
      expect(todayInHelsinki(startOfDayInHelsinki(d))).toBe(d);
    }
  });
});
