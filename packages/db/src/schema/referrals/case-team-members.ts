import { sql } from 'drizzle-orm';
import { check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema, TEAM_ROLES } from './_schema.js';
import { cases } from './cases.js';

/**
 * The case team: staff of the parties of the case's cooperation area. A removal closes the
 * row (`removed_at`) instead of deleting it, so who was on the team when stays answerable.
 * `organisation_code` and `subject` are copied from the staff record so access checks need
 * no cross-service join.
 */
export const caseTeamMembers = referralsSchema.table(
  'case_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    staffId: uuid('staff_id').notNull(),
    organisationCode: text('organisation_code').notNull(),
    subject: text('subject').notNull(),
    role: text('role', { enum: TEAM_ROLES }).notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
    addedByOrganisation: text('added_by_organisation').notNull(),
    addedBySub: text('added_by_sub').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
    removedByOrganisation: text('removed_by_organisation'),
    removedBySub: text('removed_by_sub'),
  },
  (t) => [
    check('case_team_members_role_check', sql`${t.role} IN ('responsible', 'member')`),
    check(
      'case_team_members_removed_check',
      sql`(${t.removedAt} IS NULL) = (${t.removedBySub} IS NULL AND ${t.removedByOrganisation} IS NULL)`,
    ),
    uniqueIndex('case_team_members_one_current_key')
      .on(t.caseId, t.staffId)
      .where(sql`${t.removedAt} IS NULL`),
    // "Mine": the cases a person is currently on.
    index('case_team_members_member_idx')
      .on(t.organisationCode, t.subject, t.caseId)
      .where(sql`${t.removedAt} IS NULL`),
    index('case_team_members_staff_idx').on(t.staffId).where(sql`${t.removedAt} IS NULL`),
  ],
);
