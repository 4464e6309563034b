import { sql } from 'drizzle-orm';
import { boolean, check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { GUEST_ROLES, PARTICIPANT_KINDS, PARTICIPANT_RESPONSES, planningSchema } from './_schema.js';
import { sqlList } from './_sql.js';
import { meetings } from './meetings.js';

/**
 * Who is invited: staff of the case's parties (by staff id; organisation and subject copied
 * for the calendar and conflict queries), the client, and guests without accounts with the
 * contact details their invitation goes to.
 */
export const meetingParticipants = planningSchema.table(
  'meeting_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    kind: text('kind', { enum: PARTICIPANT_KINDS }).notNull(),
    staffId: uuid('staff_id'),
    organisationCode: text('organisation_code'),
    subject: text('subject'),
    guestRole: text('guest_role', { enum: GUEST_ROLES }),
    /** An interpreter's language (ISO 639). */
    language: text('language'),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    response: text('response', { enum: PARTICIPANT_RESPONSES }).notNull().default('needs_action'),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    attended: boolean('attended'),
  },
  (t) => [
    check('meeting_participants_kind_check', sql`${t.kind} IN (${sqlList(PARTICIPANT_KINDS)})`),
    check('meeting_participants_response_check', sql`${t.response} IN (${sqlList(PARTICIPANT_RESPONSES)})`),
    check(
      'meeting_participants_guest_role_check',
      sql`${t.guestRole} IS NULL OR ${t.guestRole} IN (${sqlList(GUEST_ROLES)})`,
    ),
    check(
      'meeting_participants_shape_check',
      sql`(${t.kind} = 'staff') = (${t.staffId} IS NOT NULL AND ${t.organisationCode} IS NOT NULL AND ${t.subject} IS NOT NULL) AND (${t.kind} = 'guest') = (${t.guestRole} IS NOT NULL)`,
    ),
    uniqueIndex('meeting_participants_staff_key')
      .on(t.meetingId, t.staffId)
      .where(sql`${t.staffId} IS NOT NULL`),
    uniqueIndex('meeting_participants_one_client_key').on(t.meetingId).where(sql`${t.kind} = 'client'`),
    index('meeting_participants_staff_idx').on(t.staffId).where(sql`${t.staffId} IS NOT NULL`),
    index('meeting_participants_subject_idx').on(t.organisationCode, t.subject),
  ],
);
