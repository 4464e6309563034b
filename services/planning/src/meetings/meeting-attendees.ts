import { meetingParticipants, meetings, type Queryable } from '@tym/db';
import { eq } from 'drizzle-orm';

export interface MeetingAttendeeList {
  caseId: string;
  /** Staff participants: told in their inbox (and by e-mail per their settings). */
  staff: Array<{ staffId: string; organisationCode: string; subject: string }>;
  /** The client and guests who gave an e-mail address: told by e-mail only. */
  external: Array<{ kind: 'client' | 'guest'; email: string }>;
}

/**
 * Who takes part in a meeting, for the notifier (invitations, changes, cancellations).
 * Contact details leave this service only towards the e-mail outbox, never into events.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findMeetingAttendees(
  db: Queryable,
  meetingId: string,
): Promise<MeetingAttendeeList | null> {
  // Events of other shapes may name a subject that is not a meeting id at all.
  if (!UUID.test(meetingId)) return null;
  const [meeting] = await db
    .select({ caseId: meetings.caseId })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  if (!meeting) return null;
  const rows = await db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meetingId));
  const list: MeetingAttendeeList = { caseId: meeting.caseId, staff: [], external: [] };
  for (const p of rows) {
    if (p.kind === 'staff' && p.staffId && p.organisationCode && p.subject) {
      list.staff.push({ staffId: p.staffId, organisationCode: p.organisationCode, subject: p.subject });
    } else if ((p.kind === 'client' || p.kind === 'guest') && p.email) {
      list.external.push({ kind: p.kind, email: p.email });
    }
  }
  return list;
}
