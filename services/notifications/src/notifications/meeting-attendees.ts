import type { Queryable } from '@tym/db';
import type { Lang } from '@tym/domain';
import { findMeetingAttendees } from '@tym/planning';
import { findCase, findClientLanguage } from '@tym/referrals';
import { findStaffById } from '@tym/resourcing';
import { clientLanguagesOf } from '../client-letters/client-messages.jobs.js';
import type { MeetingAttendees } from './event-notifications.jobs.js';

/**
 * The meeting's participants as recipients: staff (inbox, e-mail per their settings), and
 * the client and guests with an address (e-mail in the client's language — Finnish and
 * Swedish together when it is not known in a bilingual municipality, kielilaki 423/2003 §10;
 * guests such as a guardian or an interpreter get the same language as the client's
 * invitation).
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
  // The client's language by `clientMessageLanguages` (never a presumed Finnish); a client
  // who asked for English keeps getting invitations in English.
  const recorded = kase ? await findClientLanguage(db, kase.clientId) : 'fi';
  const choice = kase && recorded !== 'en' ? await clientLanguagesOf(db, kase.clientId) : null;
  const [language = recorded, ...alsoIn]: Lang[] = choice?.languages ?? [recorded];
  return {
    staff,
    external: list.external.map((e) => ({
      address: e.email,
      language,
      ...(alsoIn.length ? { alsoIn } : {}),
    })),
  };
}
