import { sql } from 'drizzle-orm';
import { check, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { cooperationAreas } from './cooperation-areas.js';
import { organisations } from './organisations.js';

/** A party's staffing status in an area: what utilisation reports and quota events compare. */
export const QUOTA_STATUSES = ['ok', 'below_commitment', 'over_capacity', 'no_commitment'] as const;
export type QuotaStatus = (typeof QUOTA_STATUSES)[number];

/**
 * The last recorded staffing status of each party of an area. Quotas are soft (a party over
 * capacity still takes the case, 381/2023 §9(2)); an event is written only when the status
 * changes, by one conditional upsert, so concurrent evaluations write one event per crossing.
 */
export const quotaStates = resourcing.table(
  'quota_states',
  {
    cooperationAreaId: uuid('cooperation_area_id')
      .notNull()
      .references(() => cooperationAreas.id),
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code),
    status: text('status', { enum: QUOTA_STATUSES }).notNull(),
    /** The status before the last change: what the crossing event reports. */
    previousStatus: text('previous_status', { enum: QUOTA_STATUSES }),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperationAreaId, t.organisationCode] }),
    check(
      'quota_states_status_check',
      sql`${t.status} IN ('ok', 'below_commitment', 'over_capacity', 'no_commitment')`,
    ),
  ],
);
