import { primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema } from './_schema.js';
import { caseEndingProposals } from './case-ending-proposals.js';

/** One confirmation per organisation per proposal: the key refuses a second one. */
export const caseEndingConfirmations = referralsSchema.table(
  'case_ending_confirmations',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => caseEndingProposals.id),
    organisationCode: text('organisation_code').notNull(),
    confirmedBySub: text('confirmed_by_sub').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.organisationCode] })],
);
