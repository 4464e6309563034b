import { sql } from 'drizzle-orm';
import { bigserial, check, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CASE_STATUSES, referralsSchema } from './_schema.js';
import { cases } from './cases.js';

const list = sql.raw(CASE_STATUSES.map((v) => `'${v}'`).join(', '));

/** Every state change of a case: who, from which organisation, when, why. Never updated. */
export const caseTransitions = referralsSchema.table(
  'case_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fromStatus: text('from_status', { enum: CASE_STATUSES }),
    toStatus: text('to_status', { enum: CASE_STATUSES }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorSub: text('actor_sub').notNull(),
    reasonCode: text('reason_code'),
  },
  (t) => [
    check(
      'case_transitions_status_check',
      sql`${t.toStatus} IN (${list}) AND (${t.fromStatus} IS NULL OR ${t.fromStatus} IN (${list}))`,
    ),
    index('case_transitions_case_idx').on(t.caseId, t.id),
  ],
);
