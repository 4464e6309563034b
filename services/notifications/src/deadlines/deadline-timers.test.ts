import { describe, expect, it } from 'vitest';
import { normaliseLeadDays, timersOf } from './deadline-timers.js';

const at = (iso: string) => new Date(iso);

describe('deadline timers (Europe/Helsinki dates)', () => {
  it('reminds 14 and 3 days ahead at local midnight, is due on the day, escalates when the day has ended', () => {
    // Summer time (UTC+3): local midnight is 21:00 UTC the day before.
    const timers = timersOf(
      { kind: 'plan.due', dueOn: '2026-06-22', updatedAt: at('2026-03-19T10:00:00Z') },
      [14, 3],
    );
    expect(timers.map((t) => [t.step, t.fireOn, t.fireAt.toISOString()])).toEqual([
      ['remind-14', '2026-06-08', '2026-06-07T21:00:00.000Z'],
      ['remind-3', '2026-06-19', '2026-06-18T21:00:00.000Z'],
      ['due', '2026-06-22', '2026-06-21T21:00:00.000Z'],
      ['escalate', '2026-06-23', '2026-06-22T21:00:00.000Z'],
    ]);
  });

  it('uses winter time (UTC+2) and crosses the clock change correctly', () => {
    // Due Monday 30 March 2026, the day after the change to summer time (29 March).
    const timers = timersOf(
      { kind: 'plan.review', dueOn: '2026-03-30', updatedAt: at('2026-01-02T08:00:00Z') },
      [3],
    );
    expect(timers.map((t) => [t.step, t.fireAt.toISOString()])).toEqual([
      ['remind-3', '2026-03-26T22:00:00.000Z'],
      ['due', '2026-03-29T21:00:00.000Z'],
      ['escalate', '2026-03-30T21:00:00.000Z'],
    ]);
  });

  it('skips reminders whose day came before the version was set', () => {
    const timers = timersOf(
      { kind: 'referral.response', dueOn: '2026-04-02', updatedAt: at('2026-03-25T12:00:00Z') },
      [14, 3],
    );
    expect(timers.map((t) => t.step)).toEqual(['remind-3', 'due', 'escalate']);
  });

  it('erases once the retention day has ended, with no reminders', () => {
    const timers = timersOf(
      { kind: 'case.erasure', dueOn: '2030-09-01', updatedAt: at('2026-09-01T09:00:00Z') },
      [14, 3],
    );
    expect(timers.map((t) => [t.step, t.fireOn, t.fireAt.toISOString()])).toEqual([
      ['erase', '2030-09-02', '2030-09-01T21:00:00.000Z'],
    ]);
  });

  it('keeps lead days sane', () => {
    expect(normaliseLeadDays([3, 14, 14, 0, -1, 1.5, 91, 30])).toEqual([30, 14, 3]);
  });
});
