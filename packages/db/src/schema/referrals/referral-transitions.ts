import { sql } from 'drizzle-orm';
import { bigserial, check, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { REFERRAL_STATUSES, referralsSchema } from './_schema.js';
import { referrals } from './referrals.js';

const list = sql.raw(REFERRAL_STATUSES.map((v) => `'${v}'`).join(', '));

/** Every state change of a referral: who, from which organisation, when, why. Never updated. */
export const referralTransitions = referralsSchema.table(
  'referral_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    fromStatus: text('from_status', { enum: REFERRAL_STATUSES }),
    toStatus: text('to_status', { enum: REFERRAL_STATUSES }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorSub: text('actor_sub').notNull(),
    reasonCode: text('reason_code'),
    reasonText: text('reason_text'),
  },
  (t) => [
    check(
      'referral_transitions_status_check',
      sql`${t.toStatus} IN (${list}) AND (${t.fromStatus} IS NULL OR ${t.fromStatus} IN (${list}))`,
    ),
    index('referral_transitions_referral_idx').on(t.referralId, t.id),
  ],
);
