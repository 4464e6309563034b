import { sql } from 'drizzle-orm';
import { check, date, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema } from './_schema.js';
import { cases } from './cases.js';

export const REVIEW_REQUEST_CHANNELS = ['in_person', 'phone', 'written', 'electronic'] as const;

/** The client asked for a review of the plan (381/2023 §6). */
export const caseReviewRequests = referralsSchema.table(
  'case_review_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    channel: text('channel', { enum: REVIEW_REQUEST_CHANNELS }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    recordedByOrganisation: text('recorded_by_organisation').notNull(),
    recordedBySub: text('recorded_by_sub').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check(
      'case_review_requests_channel_check',
      sql`${t.channel} IN ('in_person', 'phone', 'written', 'electronic')`,
    ),
    index('case_review_requests_case_idx').on(t.caseId),
  ],
);
