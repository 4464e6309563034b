import { date, integer, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { type PlanContents, planningSchema } from './_schema.js';
import { plans } from './plans.js';

/** Who approved an agreed version, and how (domain.md §4(7)). */
export interface ApprovalRecord {
  approver: string;
  roles: string[];
  method: string | null;
  recordedByOrganisation: string;
  approvedAt: string;
}

/** An agreed, immutable version of the plan: every one is kept (domain.md §4(7)). */
export const planVersions = planningSchema.table(
  'plan_versions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    version: integer('version').notNull(),
    contents: jsonb('contents').$type<PlanContents>().notNull(),
    /** Action statuses when the version was agreed, by action id. */
    actionStatuses: jsonb('action_statuses').$type<Record<string, string>>().notNull(),
    approvals: jsonb('approvals').$type<ApprovalRecord[]>().notNull(),
    draftRevision: integer('draft_revision').notNull(),
    agreedOn: date('agreed_on', { mode: 'string' }).notNull(),
    agreedAt: timestamp('agreed_at', { withTimezone: true, mode: 'date' }).notNull(),
    basis: text('basis', { enum: ['initial', 'revision'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);
