import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platform } from './_schema.js';

export const DEADLINE_STATUSES = ['pending', 'met', 'met_late', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * Statutory and agreed deadlines as rows: the database is the truth, Redis only holds the
 * timers. `version` rises on every move so a timer of an old version does nothing.
 */
export const deadlines = platform.table(
  'deadlines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    caseId: uuid('case_id'),
    cooperationAreaId: uuid('cooperation_area_id'),
    organisationCodes: text('organisation_codes').array().notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: DEADLINE_STATUSES }).notNull().default('pending'),
    version: integer('version').notNull().default(1),
    /** Stable id of the rule that computed the date, e.g. `plan.due`. */
    rule: text('rule').notNull(),
    /** Where the rule comes from, e.g. `381/2023 §4(2); 150/1930 §3, §5`. */
    statute: text('statute').notNull(),
    /** How the date was computed: from, amount, unit, nominal date, skipped days. */
    computation: jsonb('computation').$type<Record<string, unknown>>().notNull(),
    metOn: date('met_on', { mode: 'string' }),
    closedReason: text('closed_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('deadlines_status_check', sql`${t.status} IN ('pending', 'met', 'met_late', 'cancelled')`),
    check('deadlines_version_check', sql`${t.version} >= 1`),
    uniqueIndex('deadlines_one_pending_key').on(t.kind, t.subjectId).where(sql`${t.status} = 'pending'`),
    index('deadlines_pending_due_idx').on(t.dueOn).where(sql`${t.status} = 'pending'`),
    index('deadlines_case_idx').on(t.caseId),
  ],
);
