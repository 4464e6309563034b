import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  addDaysDeadline,
  addMonthsDeadline,
  addMonthsRetention,
  DEADLINE_DATE_RANGE,
  DeadlineOutOfRangeError,
  type DueDate,
  explainDueDate,
  termEnd,
} from './deadline-arithmetic.js';

/** The dates and kinds of the skipped days, for compact assertions. */
const skippedOf = (d: DueDate) => d.skipped.map((s) => `${s.date} ${s.kind}`);

describe('addCalendarMonths (150/1930 §3)', () => {
  it('same day number, or the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-03-15', 3)).toEqual({ date: '2026-06-15', clamped: false });
    expect(addCalendarMonths('2026-01-31', 1)).toEqual({ date: '2026-02-28', clamped: true });
    expect(addCalendarMonths('2028-01-31', 1)).toEqual({ date: '2028-02-29', clamped: true });
    expect(addCalendarMonths('2026-08-31', 1)).toEqual({ date: '2026-09-30', clamped: true });
    expect(addCalendarMonths('2026-10-15', 3)).toEqual({ date: '2027-01-15', clamped: false });
    expect(addCalendarMonths('2026-02-28', 1)).toEqual({ date: '2026-03-28', clamped: false });
    expect(addCalendarMonths('2026-03-31', -1)).toEqual({ date: '2026-02-28', clamped: true });
  });
});

describe('addMonthsDeadline (150/1930 §3, §5)', () => {
  it('31 Jan 2026 + 1 month → Sat 28 Feb (clamped) → Mon 2 Mar', () => {
    const d = addMonthsDeadline('2026-01-31', 1);
    expect(d).toMatchObject({
      nominalOn: '2026-02-28',
      dueOn: '2026-03-02',
      monthEndClamped: true,
      basis: 'time_limit',
    });
    expect(skippedOf(d)).toEqual(['2026-02-28 saturday', '2026-03-01 sunday']);
  });

  it('30 Nov 2026 + 3 months → Sun 28 Feb 2027 (clamped) → Mon 1 Mar 2027', () => {
    const d = addMonthsDeadline('2026-11-30', 3);
    expect(d).toMatchObject({ nominalOn: '2027-02-28', dueOn: '2027-03-01', monthEndClamped: true });
    expect(skippedOf(d)).toEqual(['2027-02-28 sunday']);
  });

  it('30 Nov 2027 + 3 months → Tue 29 Feb 2028 (leap year, clamped, not moved)', () => {
    expect(addMonthsDeadline('2027-11-30', 3)).toEqual({
      from: '2027-11-30',
      amount: 3,
      unit: 'months',
      nominalOn: '2028-02-29',
      dueOn: '2028-02-29',
      monthEndClamped: true,
      skipped: [],
      basis: 'time_limit',
    });
  });

  it('19 Mar 2026 + 3 months → Midsummer Eve Fri 19 Jun → Mon 22 Jun', () => {
    const d = addMonthsDeadline('2026-03-19', 3);
    expect(d).toMatchObject({ nominalOn: '2026-06-19', dueOn: '2026-06-22', monthEndClamped: false });
    expect(skippedOf(d)).toEqual([
      '2026-06-19 midsummer_eve',
      '2026-06-20 public_holiday',
      '2026-06-21 sunday',
    ]);
    expect(d.skipped[1]?.name.en).toBe('Midsummer Day');
  });

  it('Christmas: Thu 24 Dec 2026 → Christmas Day, Boxing Day (Sat), Sunday → Mon 28 Dec', () => {
    const d = addMonthsDeadline('2026-09-24', 3);
    expect(d.dueOn).toBe('2026-12-28');
    expect(skippedOf(d)).toEqual([
      '2026-12-24 christmas_eve',
      '2026-12-25 public_holiday',
      '2026-12-26 public_holiday',
      '2026-12-27 sunday',
    ]);
    expect(d.skipped.map((s) => s.name.en)).toEqual([
      'Christmas Eve',
      'Christmas Day',
      'Boxing Day',
      'Sunday',
    ]);
  });

  it('Independence Day Mon 6 Dec 2027 → Tue 7 Dec', () => {
    const d = addMonthsDeadline('2027-09-06', 3);
    expect(d).toMatchObject({ nominalOn: '2027-12-06', dueOn: '2027-12-07' });
    expect(skippedOf(d)).toEqual(['2027-12-06 independence_day']);
  });

  it('Easter: Good Friday 3 Apr 2026 → through Easter Monday → Tue 7 Apr', () => {
    const d = addMonthsDeadline('2026-01-03', 3);
    expect(d).toMatchObject({ nominalOn: '2026-04-03', dueOn: '2026-04-07' });
    expect(d.skipped.map((s) => `${s.date} ${s.name.en}`)).toEqual([
      '2026-04-03 Good Friday',
      '2026-04-04 Saturday',
      '2026-04-05 Easter Sunday',
      '2026-04-06 Easter Monday',
    ]);
  });

  it('1 May 2026 (Friday) → Mon 4 May', () => {
    const d = addMonthsDeadline('2026-02-01', 3);
    expect(d).toMatchObject({ nominalOn: '2026-05-01', dueOn: '2026-05-04' });
    expect(skippedOf(d)).toEqual(['2026-05-01 may_day', '2026-05-02 saturday', '2026-05-03 sunday']);
  });

  it('Ascension Day Thu 14 May 2026 → Fri 15 May', () => {
    const d = addMonthsDeadline('2026-02-14', 3);
    expect(d).toMatchObject({ nominalOn: '2026-05-14', dueOn: '2026-05-15' });
    expect(d.skipped[0]?.name.fi).toBe('helatorstai');
  });

  it("New Year's Eve Thu 31 Dec 2026 is not moved", () => {
    expect(addMonthsDeadline('2026-10-31', 2)).toMatchObject({
      nominalOn: '2026-12-31',
      dueOn: '2026-12-31',
      monthEndClamped: false,
      skipped: [],
    });
  });

  it("New Year's Day Fri 1 Jan 2027 → Mon 4 Jan; Epiphany Wed 6 Jan 2027 → Thu 7 Jan", () => {
    expect(addMonthsDeadline('2026-10-01', 3).dueOn).toBe('2027-01-04');
    expect(addMonthsDeadline('2026-10-06', 3).dueOn).toBe('2027-01-07');
  });

  it('0 months is the day itself, still moved off a weekend', () => {
    expect(addMonthsDeadline('2026-04-15', 0)).toMatchObject({
      nominalOn: '2026-04-15',
      dueOn: '2026-04-15',
    });
    expect(addMonthsDeadline('2026-04-11', 0).dueOn).toBe('2026-04-13');
  });

  it.each([1.5, -1, 1201, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s months', (months) => {
    expect(() => addMonthsDeadline('2026-01-01', months)).toThrow(RangeError);
  });

  it('rejects an impossible starting date', () => {
    expect(() => addMonthsDeadline('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('addDaysDeadline (150/1930 §2, §5)', () => {
  it('14 days from Wed 1 Apr 2026 → Wed 15 Apr (the event day is not counted)', () => {
    expect(addDaysDeadline('2026-04-01', 14)).toEqual({
      from: '2026-04-01',
      amount: 14,
      unit: 'days',
      nominalOn: '2026-04-15',
      dueOn: '2026-04-15',
      monthEndClamped: false,
      skipped: [],
      basis: 'time_limit',
    });
  });

  it('a weekend: 10 days from 1 Apr 2026 → Sat 11 Apr → Mon 13 Apr', () => {
    const d = addDaysDeadline('2026-04-01', 10);
    expect(d).toMatchObject({ nominalOn: '2026-04-11', dueOn: '2026-04-13' });
    expect(skippedOf(d)).toEqual(['2026-04-11 saturday', '2026-04-12 sunday']);
  });

  it('14 days from 10 Dec 2026 → Christmas Eve → Mon 28 Dec', () => {
    expect(addDaysDeadline('2026-12-10', 14)).toMatchObject({ nominalOn: '2026-12-24', dueOn: '2026-12-28' });
  });

  it('crosses the year: 1 day from 31 Dec 2026 → New Year → Mon 4 Jan 2027', () => {
    expect(addDaysDeadline('2026-12-31', 1)).toMatchObject({ nominalOn: '2027-01-01', dueOn: '2027-01-04' });
  });

  it.each([0.5, -14, 36_501])('rejects %s days', (days) => {
    expect(() => addDaysDeadline('2026-01-01', days)).toThrow(RangeError);
  });

  it('accepts the bounds', () => {
    expect(addDaysDeadline('2026-01-01', 36_500).nominalOn).toBe('2125-12-08');
    expect(addMonthsDeadline('2026-01-01', 1200).nominalOn).toBe('2126-01-01');
  });
});

describe('the range of dates a time limit is counted in', () => {
  it('is 1900–2399, inside the years the holiday calendar knows', () => {
    expect(DEADLINE_DATE_RANGE).toEqual({ min: '1900-01-01', max: '2399-12-31' });
    expect(addDaysDeadline('1900-01-01', 0).dueOn).toBe('1900-01-02');
    expect(addMonthsDeadline('2399-11-30', 1).nominalOn).toBe('2399-12-30');
  });

  it.each([
    ['9999-12-31', 3, 'from'],
    ['0061-12-31', 310, 'from'],
    ['1899-12-31', 1, 'from'],
    ['2400-01-01', 0, 'from'],
    ['2399-12-31', 1, 'result'],
    ['2300-01-01', 1200, 'result'],
  ] as const)('refuses %s + %s months (%s out of range)', (from, months, subject) => {
    expect(() => addMonthsDeadline(from, months)).toThrow(DeadlineOutOfRangeError);
    try {
      addMonthsDeadline(from, months);
    } catch (err) {
      expect((err as DeadlineOutOfRangeError).subject).toBe(subject);
      expect(err).toBeInstanceOf(RangeError);
    }
  });

  it('refuses days past the range, and a move past its end', () => {
    expect(() => addDaysDeadline('2390-01-01', 36_500)).toThrow(DeadlineOutOfRangeError);
    expect(() => addDaysDeadline('0100-01-01', 1)).toThrow(DeadlineOutOfRangeError);
    // The last day of the range, a Friday, is still a due date.
    expect(addDaysDeadline('2399-12-01', 30).dueOn).toBe('2399-12-31');
  });
});

describe('addMonthsRetention and termEnd (never moved)', () => {
  it('a retention period ending on a Saturday stays there', () => {
    expect(addMonthsRetention('2026-01-19', 48)).toMatchObject({
      nominalOn: '2030-01-19',
      dueOn: '2030-01-19',
      skipped: [],
      basis: 'retention',
    });
  });

  it('a term ends the day before the same date years later', () => {
    expect(termEnd('2025-01-01', 5)).toMatchObject({
      from: '2025-01-01',
      amount: 60,
      dueOn: '2029-12-31',
      basis: 'term',
    });
    expect(termEnd('2025-03-31', 5).dueOn).toBe('2030-03-30');
    expect(termEnd('2027-03-01', 5).dueOn).toBe('2032-02-29'); // leap year, a Sunday: not moved
    expect(termEnd('2024-02-29', 5).dueOn).toBe('2029-02-28'); // next term begins 1 Mar 2029
    expect(termEnd('2024-02-29', 4).dueOn).toBe('2028-02-28');
  });
});

describe('explainDueDate', () => {
  const midsummer = addMonthsDeadline('2026-03-19', 3);
  const february = addMonthsDeadline('2026-11-30', 3);
  const fourteen = addDaysDeadline('2026-04-01', 14);

  it('English', () => {
    expect(explainDueDate(midsummer, 'en')).toBe(
      '3 months from 2026-03-19 is Friday 2026-06-19, Midsummer Eve; moved to the next working day, Monday 2026-06-22.',
    );
    expect(explainDueDate(february, 'en')).toBe(
      '3 months from 2026-11-30: February 2027 has no 30th, so it ends on the last day of the month, Sunday 2027-02-28; moved to the next working day, Monday 2027-03-01.',
    );
    expect(explainDueDate(fourteen, 'en')).toBe('14 days from 2026-04-01 is Wednesday 2026-04-15.');
    expect(explainDueDate(addMonthsDeadline('2026-01-31', 1), 'en')).toBe(
      '1 month from 2026-01-31: February 2026 has no 31st, so it ends on the last day of the month, Saturday 2026-02-28; moved to the next working day, Monday 2026-03-02.',
    );
    expect(explainDueDate(addMonthsDeadline('2027-11-30', 3), 'en')).toBe(
      '3 months from 2027-11-30: February 2028 has no 30th, so it ends on the last day of the month, Tuesday 2028-02-29.',
    );
    expect(explainDueDate(addDaysDeadline('2026-04-01', 1), 'en')).toBe(
      '1 day from 2026-04-01 is Thursday 2026-04-02.',
    );
  });

  it('Finnish', () => {
    expect(explainDueDate(midsummer, 'fi')).toBe(
      '3 kuukauden määräaika 19.3.2026 lukien päättyisi perjantaina 19.6.2026, joka on juhannusaatto; se siirtyy seuraavaan arkipäivään, maanantaihin 22.6.2026.',
    );
    expect(explainDueDate(february, 'fi')).toBe(
      '3 kuukauden määräaika 30.11.2026 lukien: helmikuussa 2027 ei ole 30. päivää, joten määräaika päättyisi kuun viimeisenä päivänä, sunnuntaina 28.2.2027; se siirtyy seuraavaan arkipäivään, maanantaihin 1.3.2027.',
    );
    expect(explainDueDate(fourteen, 'fi')).toBe(
      '14 päivän määräaika 1.4.2026 lukien päättyy keskiviikkona 15.4.2026.',
    );
  });

  it('Swedish', () => {
    expect(explainDueDate(midsummer, 'sv')).toBe(
      'Tidsfristen på 3 månader från 19.3.2026 skulle gå ut fredag 19.6.2026, midsommarafton; den flyttas till följande vardag, måndag 22.6.2026.',
    );
    expect(explainDueDate(february, 'sv')).toBe(
      'Tidsfristen på 3 månader från 30.11.2026: februari 2027 har ingen 30:e dag, så den skulle gå ut den sista dagen i månaden, söndag 28.2.2027; den flyttas till följande vardag, måndag 1.3.2027.',
    );
    expect(explainDueDate(fourteen, 'sv')).toBe(
      'Tidsfristen på 14 dagar från 1.4.2026 går ut onsdag 15.4.2026.',
    );
  });

  it('retention periods and terms say they are not moved', () => {
    const erasure = addMonthsRetention('2026-01-19', 48);
    expect(explainDueDate(erasure, 'en')).toBe(
      '48 months from 2026-01-19 is Saturday 2030-01-19; a retention period does not move to a working day.',
    );
    expect(explainDueDate(erasure, 'fi')).toBe(
      '48 kuukauden säilytysaika 19.1.2026 lukien päättyy lauantaina 19.1.2030; säilytysaika ei siirry arkipäivään.',
    );
    expect(explainDueDate(erasure, 'sv')).toBe(
      'Lagringstiden på 48 månader från 19.1.2026 går ut lördag 19.1.2030; lagringstiden flyttas inte till en vardag.',
    );
    const term = termEnd('2025-01-01', 5);
    expect(explainDueDate(term, 'en')).toBe('A 5-year term beginning 2025-01-01 ends on Monday 2029-12-31.');
    expect(explainDueDate(term, 'fi')).toBe(
      '1.1.2025 alkava 5 vuoden toimikausi päättyy maanantaina 31.12.2029.',
    );
    expect(explainDueDate(term, 'sv')).toBe(
      'Mandatperioden på 5 år som börjar 1.1.2025 går ut måndag 31.12.2029.',
    );
  });
});
