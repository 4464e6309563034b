import { date, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referralsSchema } from './_schema.js';
import { cases } from './cases.js';

/** The client's duties (381/2023 §7) were explained to them: when and by whom (§7(3)). */
export const caseDutyExplanations = referralsSchema.table(
  'case_duty_explanations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    explainedOn: date('explained_on', { mode: 'string' }).notNull(),
    explainedByOrganisation: text('explained_by_organisation').notNull(),
    explainedBySub: text('explained_by_sub').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_duty_explanations_case_idx').on(t.caseId)],
);
