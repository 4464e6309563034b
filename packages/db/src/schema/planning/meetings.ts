import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { MEETING_KINDS, MEETING_MODES, MEETING_STATUSES, planningSchema } from './_schema.js';
import { sqlList } from './_sql.js';

/**
 * A joint meeting of the parties and the client (domain.md §3). `sequence` is the iCalendar
 * SEQUENCE: it rises on every reschedule and on cancellation, so calendars replace the old
 * invitation. `starts_at`/`ends_at` are instants; `local_start` + `time_zone` are what the
 * organiser entered.
 */
export const meetings = planningSchema.table(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    cooperationAreaId: uuid('cooperation_area_id').notNull(),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('scheduled'),
    localStart: text('local_start').notNull(),
    timeZone: text('time_zone').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    mode: text('mode', { enum: MEETING_MODES }).notNull(),
    address: text('address'),
    onlineUrl: text('online_url'),
    sequence: integer('sequence').notNull().default(0),
    organiserStaffId: uuid('organiser_staff_id').notNull(),
    organiserOrganisationCode: text('organiser_organisation_code').notNull(),
    organiserSub: text('organiser_sub').notNull(),
    cancelReasonCode: text('cancel_reason_code'),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('meetings_kind_check', sql`${t.kind} IN (${sqlList(MEETING_KINDS)})`),
    check('meetings_status_check', sql`${t.status} IN (${sqlList(MEETING_STATUSES)})`),
    check('meetings_mode_check', sql`${t.mode} IN (${sqlList(MEETING_MODES)})`),
    check('meetings_duration_check', sql`${t.durationMinutes} > 0 AND ${t.endsAt} > ${t.startsAt}`),
    check('meetings_sequence_check', sql`${t.sequence} >= 0`),
    check(
      'meetings_place_check',
      sql`(${t.mode} = 'in_person' AND ${t.address} IS NOT NULL) OR (${t.mode} = 'remote' AND ${t.onlineUrl} IS NOT NULL)`,
    ),
    check('meetings_cancelled_check', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL)`),
    index('meetings_case_idx').on(t.caseId, t.startsAt),
  ],
);
