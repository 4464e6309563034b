import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { agreements } from './agreements.js';

/**
 * A review of whether staffing is adequate, at least once a year (VNA 388/2024 §3(3)): the
 * conclusion, whether adequate, and the next review due 12 months later (a deadline row of
 * kind `agreement.staffing_review`).
 */
export const agreementStaffingReviews = resourcing.table(
  'agreement_staffing_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    /** The agreement version the review looked at. */
    agreementVersion: integer('agreement_version').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    adequate: boolean('adequate').notNull(),
    conclusion: text('conclusion').notNull(),
    nextReviewDueOn: date('next_review_due_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedByOrganisation: text('recorded_by_organisation').notNull(),
    recordedBySub: text('recorded_by_sub').notNull(),
  },
  (t) => [
    check('agreement_staffing_reviews_conclusion_check', sql`length(${t.conclusion}) BETWEEN 1 AND 4000`),
    check('agreement_staffing_reviews_due_check', sql`${t.nextReviewDueOn} > ${t.reviewedOn}`),
    index('agreement_staffing_reviews_agreement_idx').on(t.agreementId, t.reviewedOn),
  ],
);
