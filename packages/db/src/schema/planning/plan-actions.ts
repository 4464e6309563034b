import { sql } from 'drizzle-orm';
import { boolean, check, date, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PLAN_ACTION_STATUSES, planningSchema } from './_schema.js';
import { sqlList } from './_sql.js';
import { plans } from './plans.js';

/**
 * The live status of each agreed plan action. The action's text lives in the versions; this
 * row carries what changes between versions: the status, set only by the owner organisation.
 * `in_force` is false once a later version dropped the action.
 */
export const planActions = planningSchema.table(
  'plan_actions',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    ownerOrganisationCode: text('owner_organisation_code').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status', { enum: PLAN_ACTION_STATUSES }).notNull().default('planned'),
    inForce: boolean('in_force').notNull().default(true),
    statusUpdatedAt: timestamp('status_updated_at', { withTimezone: true, mode: 'date' }),
    statusUpdatedByOrganisation: text('status_updated_by_organisation'),
    statusUpdatedBySub: text('status_updated_by_sub'),
  },
  (t) => [
    check('plan_actions_status_check', sql`${t.status} IN (${sqlList(PLAN_ACTION_STATUSES)})`),
    index('plan_actions_plan_idx').on(t.planId),
  ],
);
