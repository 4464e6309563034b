import type { Queryable } from '@tym/db';
import { findMeetingAttendees } from '@tym/planning';
import { findCase, findClientLanguage } from '@tym/referrals';
import { findStaffById } from '@tym/resourcing';
import type { MeetingAttendees } from './event-notifications.js';

/**
 * The meeting's participants as recipients: staff (inbox, e-mail per their settings), and
 * the client and guests with an address (e-mail in the client's language; guests such as a
 * guardian or an interpreter get the same language as the client's invitation).
 */
export async function meetingAttendees(db: Queryable, meetingId: string): Promise<MeetingAttendees | null> {
  const list = await findMeetingAttendees(db, meetingId);
  if (!list) return null;
  const staff: MeetingAttendees['staff'] = [];
  for (const s of list.staff) {
    const record = await findStaffById(db, s.staffId);
    if (record && !record.active) continue;
    staff.push({
      staffId: s.staffId,
      organisationCode: s.organisationCode,
      subject: s.subject,
      email: record?.email ?? null,
    });
  }
  const kase = list.external.length ? await findCase(db, list.caseId) : null;
  const language = kase ? await findClientLanguage(db, kase.clientId) : 'fi';
  return { staff, external: list.external.map((e) => ({ address: e.email, language })) };
}
