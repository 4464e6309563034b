import { sql } from 'drizzle-orm';
import { check, date, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DRAFT_STATUSES, type PlanContents, planningSchema } from './_schema.js';
import { sqlList } from './_sql.js';

/**
 * The joint plan of a case: one per case. It holds the draft being worked on (`draft`,
 * `draft_revision` = the ETag) and points at the current agreed version; the agreed versions
 * themselves are immutable rows of `plan_versions`.
 */
export const plans = planningSchema.table(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    clientId: uuid('client_id').notNull(),
    cooperationAreaId: uuid('cooperation_area_id').notNull(),
    draftStatus: text('draft_status', { enum: DRAFT_STATUSES }).notNull().default('none'),
    draft: jsonb('draft').$type<PlanContents>(),
    /** Rises on every change of the draft; the ETag of `PUT …/plan/draft`. */
    draftRevision: integer('draft_revision').notNull().default(0),
    /** The revision that was submitted for approval; approvals are for this revision. */
    submittedRevision: integer('submitted_revision'),
    currentVersion: integer('current_version').notNull().default(0),
    lastAgreedOn: date('last_agreed_on', { mode: 'string' }),
    lastReviewedOn: date('last_reviewed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('plans_draft_status_check', sql`${t.draftStatus} IN (${sqlList(DRAFT_STATUSES)})`),
    check('plans_draft_check', sql`(${t.draftStatus} = 'none') = (${t.draft} IS NULL)`),
    check(
      'plans_submitted_check',
      sql`(${t.draftStatus} = 'submitted') = (${t.submittedRevision} IS NOT NULL AND ${t.submittedRevision} = ${t.draftRevision})`,
    ),
    check('plans_version_check', sql`${t.currentVersion} >= 0 AND ${t.draftRevision} >= 0`),
    uniqueIndex('plans_case_key').on(t.caseId),
  ],
);
