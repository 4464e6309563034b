import { sql } from 'drizzle-orm';
import { check, date, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { planningSchema, REVIEW_OUTCOMES } from './_schema.js';
import { sqlList } from './_sql.js';
import { plans } from './plans.js';

/** A review of the plan (tarkistaminen), 381/2023 §6. */
export const planReviews = planningSchema.table(
  'plan_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    outcome: text('outcome', { enum: REVIEW_OUTCOMES }).notNull(),
    /** The agreed version reviewed. */
    version: integer('version').notNull(),
    meetingId: uuid('meeting_id'),
    nextReviewDueOn: date('next_review_due_on', { mode: 'string' }).notNull(),
    recordedByOrganisation: text('recorded_by_organisation').notNull(),
    recordedBySub: text('recorded_by_sub').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('plan_reviews_outcome_check', sql`${t.outcome} IN (${sqlList(REVIEW_OUTCOMES)})`),
    index('plan_reviews_plan_idx').on(t.planId),
  ],
);
