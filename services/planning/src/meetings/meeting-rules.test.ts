import { AppError } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import { calendarDays, calendarWindow } from './meeting-calendar.rules.js';
import { MAX_DURATION_MINUTES, resolvePlace, resolveTiming } from './meeting-timing.rules.js';

const now = new Date('2026-03-02T08:00:00Z');

function problem(fn: () => unknown): { code: string; location: string | undefined } {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, location: err.errors?.[0]?.location };
    throw err;
  }
  throw new Error('expected a problem');
}

describe('resolveTiming', () => {
  it('reads a local start in the zone, with a length or an end', () => {
    const t = resolveTiming({ start: '2026-03-10T09:00', durationMinutes: 90 }, now);
    expect(t).toEqual({
      localStart: '2026-03-10T09:00',
      timeZone: 'Europe/Helsinki',
      startsAt: new Date('2026-03-10T07:00:00Z'),
      endsAt: new Date('2026-03-10T08:30:00Z'),
      durationMinutes: 90,
    });
    const e = resolveTiming(
      { start: '2026-03-10T09:00', end: '2026-03-10T10:15', timeZone: 'Europe/Stockholm' },
      now,
    );
    expect(e.durationMinutes).toBe(75);
    expect(e.startsAt).toEqual(new Date('2026-03-10T08:00:00Z'));
  });

  it.each([
    [
      { start: '2026-03-10T09:00', durationMinutes: 60, timeZone: 'Mars/Olympus' },
      'MEETING_TIME_ZONE_UNKNOWN',
      'body.timeZone',
    ],
    [{ start: '2026-02-30T09:00', durationMinutes: 60 }, 'MEETING_START_INVALID', 'body.start'],
    [
      { start: '2026-03-10T09:00', durationMinutes: 60, end: '2026-03-10T10:00' },
      'VALIDATION_FAILED',
      'body.end',
    ],
    [{ start: '2026-03-10T09:00', end: '2026-03-10T25:00' }, 'MEETING_START_INVALID', 'body.end'],
    [{ start: '2026-03-10T09:00', end: '2026-03-10T09:00' }, 'MEETING_END_BEFORE_START', 'body.end'],
    [{ start: '2026-03-10T09:00' }, 'MEETING_DURATION_INVALID', 'body.durationMinutes'],
    [
      { start: '2026-03-10T09:00', durationMinutes: MAX_DURATION_MINUTES + 1 },
      'MEETING_DURATION_INVALID',
      'body.durationMinutes',
    ],
    [{ start: '2026-03-10T00:00', end: '2026-03-10T23:59' }, 'MEETING_DURATION_INVALID', 'body.end'],
    [{ start: '2026-03-01T09:00', durationMinutes: 60 }, 'MEETING_IN_PAST', 'body.start'],
  ])('refuses %j with %s at %s', (input, code, location) => {
    expect(problem(() => resolveTiming(input, now))).toEqual({ code, location });
  });
});

describe('resolvePlace', () => {
  it('keeps only the place of the mode', () => {
    expect(resolvePlace({ mode: 'in_person', address: 'Kauppakatu 1', onlineUrl: 'https://x' })).toEqual({
      mode: 'in_person',
      address: 'Kauppakatu 1',
      onlineUrl: null,
    });
    expect(resolvePlace({ mode: 'remote', onlineUrl: 'https://x' })).toEqual({
      mode: 'remote',
      address: null,
      onlineUrl: 'https://x',
    });
  });

  it('needs an address in person and a link remotely', () => {
    expect(problem(() => resolvePlace({ mode: 'in_person' }))).toEqual({
      code: 'MEETING_PLACE_REQUIRED',
      location: 'body.address',
    });
    expect(problem(() => resolvePlace({ mode: 'remote' }))).toEqual({
      code: 'MEETING_PLACE_REQUIRED',
      location: 'body.onlineUrl',
    });
  });
});

describe('calendar window', () => {
  it('defaults to 30 days from today in Helsinki', () => {
    expect(calendarDays({}, now)).toEqual({ from: '2026-03-02', to: '2026-04-01' });
    expect(calendarWindow('2026-03-02', '2026-03-02')).toEqual({
      from: new Date('2026-03-01T22:00:00Z'),
      to: new Date('2026-03-02T22:00:00Z'),
    });
  });

  it.each([
    [{ from: '1899-12-31' }, 'query.from'],
    [{ from: '9999-12-15' }, 'query.from'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'query.to'],
    [{ from: '2026-01-01', to: '2027-01-03' }, 'query.to'],
  ])('refuses %j at %s', (query, location) => {
    expect(problem(() => calendarDays(query, now))).toEqual({ code: 'VALIDATION_FAILED', location });
  });

  it('refuses a window past the last day dates can hold', () => {
    expect(problem(() => calendarWindow('9999-12-01', '9999-12-31'))).toEqual({
      code: 'VALIDATION_FAILED',
      location: 'query.to',
    });
  });
});
