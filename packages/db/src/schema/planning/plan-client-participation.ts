import { sql } from 'drizzle-orm';
import { check, date, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CLIENT_PARTICIPATION_KINDS, planningSchema } from './_schema.js';
import { sqlList } from './_sql.js';
import { plans } from './plans.js';

/**
 * The client did not take part in drawing up or reviewing the plan, or refused a measure
 * (381/2023 §7(2)), with the day and what was explained to them: the employment authority
 * needs it for its labour-policy statement (työvoimapoliittinen lausunto). Append-only: the
 * service never updates a row, except the erasure of `explained` (381/2023 §12(2)).
 */
export const planClientParticipation = planningSchema.table(
  'plan_client_participation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    kind: text('kind', { enum: CLIENT_PARTICIPATION_KINDS }).notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** The refused action (refused_measure only). */
    actionId: uuid('action_id'),
    /** What was explained to the client (the consequences, the duty); free text. */
    explained: text('explained').notNull(),
    /** The agreed version in force when recorded; null before the first agreement. */
    planVersion: integer('plan_version'),
    recordedByOrganisation: text('recorded_by_organisation').notNull(),
    recordedBySub: text('recorded_by_sub').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('plan_client_participation_kind_check', sql`${t.kind} IN (${sqlList(CLIENT_PARTICIPATION_KINDS)})`),
    check(
      'plan_client_participation_action_check',
      sql`(${t.kind} = 'refused_measure') = (${t.actionId} IS NOT NULL)`,
    ),
    index('plan_client_participation_plan_idx').on(t.planId, t.occurredOn),
  ],
);
