import { sql } from 'drizzle-orm';
import { check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  CASE_ENDING_GROUNDS,
  CASE_ENDING_OUTCOMES,
  CASE_ENDING_STATUSES,
  referralsSchema,
} from './_schema.js';
import { cases } from './cases.js';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A proposal to end the client relationship. It completes only when every required party
 * (the employment authority, the HVA organiser and Kela, 381/2023 §8) has confirmed; an
 * objection by any party closes it. The required organisations are fixed when proposed:
 * Helsinki, holding two roles, appears once.
 */
export const caseEndingProposals = referralsSchema.table(
  'case_ending_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The §8 ground: the one there is. */
    ground: text('ground', { enum: CASE_ENDING_GROUNDS }).notNull().default('support_no_longer_needed'),
    /** The outcome (the column keeps its v1 name). */
    reasonCode: text('reason_code', { enum: CASE_ENDING_OUTCOMES }).notNull(),
    requiredOrganisationCodes: text('required_organisation_codes').array().notNull(),
    status: text('status', { enum: CASE_ENDING_STATUSES }).notNull().default('open'),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    proposedByOrganisation: text('proposed_by_organisation').notNull(),
    proposedBySub: text('proposed_by_sub').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    objectedByOrganisation: text('objected_by_organisation'),
    objectedBySub: text('objected_by_sub'),
    objectionText: text('objection_text'),
  },
  (t) => [
    check('case_ending_proposals_status_check', sql`${t.status} IN (${list(CASE_ENDING_STATUSES)})`),
    check('case_ending_proposals_reason_check', sql`${t.reasonCode} IN (${list(CASE_ENDING_OUTCOMES)})`),
    check('case_ending_proposals_ground_check', sql`${t.ground} IN (${list(CASE_ENDING_GROUNDS)})`),
    check('case_ending_proposals_required_check', sql`cardinality(${t.requiredOrganisationCodes}) >= 1`),
    check(
      'case_ending_proposals_closed_check',
      sql`(${t.status} = 'open') = (${t.closedAt} IS NULL) AND (${t.status} = 'objected') = (${t.objectedBySub} IS NOT NULL)`,
    ),
    uniqueIndex('case_ending_proposals_one_open_key').on(t.caseId).where(sql`${t.status} = 'open'`),
    index('case_ending_proposals_case_idx').on(t.caseId),
  ],
);
