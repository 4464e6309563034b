import { MEETING_STATUSES, type MeetingStatus } from '@tym/db';
import { AppError, findErrorDefinition } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import { MEETING_ACTIONS, type MeetingAction, meetingTransition } from './meeting.transitions.js';

const CLOSED = 'MEETING_CLOSED';
const NOT_SCHEDULED = 'MEETING_NOT_SCHEDULED';
const NOT_HELD = 'MEETING_NOT_HELD';

/** Every cell: the next status, or the problem code (all 409). */
const expected: Record<MeetingStatus, Record<MeetingAction, MeetingStatus | string>> = {
  scheduled: {
    reschedule: 'scheduled',
    cancel: 'cancelled',
    respond: 'scheduled',
    hold: 'held',
    record_minutes: NOT_HELD,
    close: NOT_HELD,
  },
  held: {
    reschedule: NOT_SCHEDULED,
    cancel: NOT_SCHEDULED,
    respond: NOT_SCHEDULED,
    hold: 'held',
    record_minutes: 'held',
    close: 'closed',
  },
  closed: {
    reschedule: CLOSED,
    cancel: CLOSED,
    respond: CLOSED,
    hold: CLOSED,
    record_minutes: CLOSED,
    close: CLOSED,
  },
  cancelled: {
    reschedule: NOT_SCHEDULED,
    cancel: NOT_SCHEDULED,
    respond: NOT_SCHEDULED,
    hold: NOT_SCHEDULED,
    record_minutes: NOT_HELD,
    close: NOT_HELD,
  },
};

const cells = MEETING_STATUSES.flatMap((s) => MEETING_ACTIONS.map((a) => [s, a] as const));

describe('meeting transitions', () => {
  it.each(cells)('%s × %s', (status, action) => {
    const want = expected[status][action];
    if ((MEETING_STATUSES as readonly string[]).includes(want)) {
      expect(meetingTransition({ status }, action).to).toBe(want);
      return;
    }
    let thrown: unknown;
    try {
      meetingTransition({ status }, action);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const e = thrown as AppError;
    expect(e.code).toBe(want);
    expect(findErrorDefinition(e.code)?.status).toBe(409);
    expect(e.extensions).toEqual(status === 'closed' ? undefined : { currentStatus: status });
  });
});
