import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CLIENT_APPROVAL_METHODS, planningSchema } from './_schema.js';
import { sqlList } from './_sql.js';
import { plans } from './plans.js';

/**
 * Approvals of a submitted draft revision: `approver` is `client` or an organisation code.
 * An edit after submission withdraws them (`withdrawn_at`); the rows stay as history.
 */
export const planApprovals = planningSchema.table(
  'plan_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    draftRevision: integer('draft_revision').notNull(),
    approver: text('approver').notNull(),
    roles: text('roles').array().notNull(),
    method: text('method', { enum: CLIENT_APPROVAL_METHODS }),
    recordedByOrganisation: text('recorded_by_organisation').notNull(),
    recordedBySub: text('recorded_by_sub').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check(
      'plan_approvals_method_check',
      sql`(${t.approver} = 'client') = (${t.method} IS NOT NULL) AND (${t.method} IS NULL OR ${t.method} IN (${sqlList(CLIENT_APPROVAL_METHODS)}))`,
    ),
    uniqueIndex('plan_approvals_one_current_key')
      .on(t.planId, t.approver)
      .where(sql`${t.withdrawnAt} IS NULL`),
    index('plan_approvals_plan_idx').on(t.planId),
  ],
);
