import { sql } from 'drizzle-orm';
import { bigint, check, integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { agreements } from './agreements.js';

/**
 * A year's joint costs of a cooperation agreement (381/2023 §10): the budget the parties set
 * and the actual costs recorded, in euro cents, kept beside the split (`GET …/cost-shares`
 * splits both by the agreement's rule). Not part of the versioned content: recording the
 * year's costs needs no new approval round. Either may be null until known.
 */
export const agreementJointCosts = resourcing.table(
  'agreement_joint_costs',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    budgetCents: bigint('budget_cents', { mode: 'number' }),
    actualCents: bigint('actual_cents', { mode: 'number' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedByOrganisation: text('recorded_by_organisation').notNull(),
    recordedBySub: text('recorded_by_sub').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.year] }),
    check('agreement_joint_costs_year_check', sql`${t.year} BETWEEN 2025 AND 2100`),
    check(
      'agreement_joint_costs_cents_check',
      sql`(${t.budgetCents} IS NULL OR ${t.budgetCents} >= 0) AND (${t.actualCents} IS NULL OR ${t.actualCents} >= 0)`,
    ),
  ],
);
