/**
 * Joint meetings, split by sub-aggregate. This module re-exports them so imports of
 * `meetings.service.js` keep working:
 * - `meeting-schedule.service.ts`: schedule, read, list, reschedule, cancel
 * - `meeting-attendance.service.ts`: answers to the invitation, who attended
 * - `meeting-minutes.service.ts`: minutes and decisions, closing
 * - `meeting-calendar.service.ts`: "my calendar" and the iCalendar invitation
 * - `meeting-access.ts`: loading a meeting as the caller may see or change it, the view
 * - `meeting-timing.rules.ts`, `meeting.transitions.ts`: the pure rules
 */
export type { MeetingView } from './meeting-access.js';
export { markHeld, recordResponse } from './meeting-attendance.service.js';
export { getInvitation, listCalendar } from './meeting-calendar.service.js';
export { closeMeeting, type MinutesInput, recordMinutes } from './meeting-minutes.service.js';
export {
  cancelMeeting,
  getMeeting,
  listCaseMeetings,
  type RescheduleInput,
  rescheduleMeeting,
  type ScheduleInput,
  scheduleMeeting,
} from './meeting-schedule.service.js';
export type { TimingInput } from './meeting-timing.rules.js';
