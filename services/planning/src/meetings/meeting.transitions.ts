import { MEETING_STATUSES, type MeetingStatus } from '@tym/db';
import { applyTransition, defineTransitions, type Transition } from '@tym/domain';
import { AppError } from '@tym/platform';
import { MeetingErrors } from './meetings.errors.js';

/**
 * A joint meeting: scheduled → held → closed, or scheduled → cancelled. The law sets no
 * format for joint meetings (domain.md §3 [open]), so no cell names a statute; a cancel
 * and a reschedule raise the iCalendar SEQUENCE (RFC 5546), which the service does.
 */
export const MEETING_ACTIONS = [
  'reschedule',
  'cancel',
  'respond',
  'hold',
  'record_minutes',
  'close',
] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

export const MeetingTransitions = defineTransitions<MeetingStatus, MeetingAction>(
  'meeting',
  MEETING_STATUSES,
  MEETING_ACTIONS,
  [
    { from: 'scheduled', action: 'reschedule', to: 'scheduled' },
    { from: 'scheduled', action: 'cancel', to: 'cancelled' },
    { from: 'scheduled', action: 'respond', to: 'scheduled' },
    { from: 'scheduled', action: 'hold', to: 'held' },
    // Attendance may be recorded again until the meeting is closed.
    { from: 'held', action: 'hold', to: 'held' },
    { from: 'held', action: 'record_minutes', to: 'held' },
    { from: 'held', action: 'close', to: 'closed' },
  ],
);

/**
 * The refusal of a cell outside the table (all 409): a closed meeting is read-only
 * (MEETING_CLOSED); minutes and closing need a held meeting (MEETING_NOT_HELD); everything
 * else needs a scheduled one (MEETING_NOT_SCHEDULED).
 */
export function refuseMeetingTransition(status: MeetingStatus, action: MeetingAction): AppError {
  if (status === 'closed') {
    return new AppError(MeetingErrors.MEETING_CLOSED, {
      detail: 'A closed meeting and its minutes are read-only.',
    });
  }
  if (action === 'record_minutes' || action === 'close') {
    return new AppError(MeetingErrors.MEETING_NOT_HELD, {
      detail: 'Record attendance (POST …/held) first.',
      extensions: { currentStatus: status },
    });
  }
  return new AppError(MeetingErrors.MEETING_NOT_SCHEDULED, {
    detail: `The meeting is ${status}.`,
    extensions: { currentStatus: status },
  });
}

/** The step `action` takes the meeting through, or its 409. */
export function meetingTransition(
  meeting: { status: MeetingStatus },
  action: MeetingAction,
): Transition<MeetingStatus, MeetingAction> {
  return applyTransition(MeetingTransitions, meeting.status, action, refuseMeetingTransition);
}
