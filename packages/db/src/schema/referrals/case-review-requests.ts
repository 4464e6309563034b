import { sql } from 'drizzle-orm';
import { check, date, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema } from './_schema.js';
import { cases } from './cases.js';

export const REVIEW_REQUEST_CHANNELS = ['in_person', 'phone', 'written', 'electronic'] as const;

/**
 * Why a client's review request was refused: a review is made when the client asks unless it
 * is clearly unnecessary (381/2023 §6(1)); each code is a form of "clearly unnecessary".
 */
export const REVIEW_REQUEST_REFUSAL_REASONS = [
  'clearly_unnecessary',
  'recently_reviewed',
  'review_already_scheduled',
] as const;
export type ReviewRequestRefusalReason = (typeof REVIEW_REQUEST_REFUSAL_REASONS)[number];

/**
 * The client asked for a review of the plan (381/2023 §6). A refusal (by the employment
 * authority, with a reason code and a written reason, §6(1)) fills the `refused_*` columns
 * once; the written reason is erased with the case's other free texts (§12(2)).
 */
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
    refusedOn: date('refused_on', { mode: 'string' }),
    refusalReasonCode: text('refusal_reason_code', { enum: REVIEW_REQUEST_REFUSAL_REASONS }),
    refusalReason: text('refusal_reason'),
    refusedByOrganisation: text('refused_by_organisation'),
    refusedBySub: text('refused_by_sub'),
    refusedAt: timestamp('refused_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check(
      'case_review_requests_channel_check',
      sql`${t.channel} IN ('in_person', 'phone', 'written', 'electronic')`,
    ),
    check(
      'case_review_requests_refusal_reason_check',
      sql`${t.refusalReasonCode} IN ('clearly_unnecessary', 'recently_reviewed', 'review_already_scheduled')`,
    ),
    check(
      'case_review_requests_refusal_check',
      sql`(${t.refusedOn} IS NULL) = (${t.refusalReasonCode} IS NULL) AND (${t.refusedOn} IS NULL) = (${t.refusedAt} IS NULL) AND (${t.refusedOn} IS NULL) = (${t.refusedByOrganisation} IS NULL)`,
    ),
    index('case_review_requests_case_idx').on(t.caseId),
  ],
);
