import { sql } from 'drizzle-orm';
import { check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './_schema.js';

/**
 * A hold on the erasure of a case's client data: the data is still needed for a statutory
 * task or a pending matter (381/2023 §12(2)). While a hold is active the `case.erasure`
 * deadline does nothing; releasing it lets the next sweep erase. The reason is a code and a
 * short note by staff about the matter (never the client's data); holds are never deleted.
 */
export const erasureHolds = notifications.table(
  'erasure_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    reasonCode: text('reason_code').notNull(),
    reasonNote: text('reason_note'),
    placedAt: timestamp('placed_at', { withTimezone: true, mode: 'date' }).notNull(),
    placedByOrganisation: text('placed_by_organisation').notNull(),
    placedBySub: text('placed_by_sub').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
    releasedByOrganisation: text('released_by_organisation'),
    releasedBySub: text('released_by_sub'),
  },
  (t) => [
    uniqueIndex('erasure_holds_one_active_key').on(t.caseId).where(sql`${t.releasedAt} IS NULL`),
    check(
      'erasure_holds_reason_check',
      sql`${t.reasonCode} IN ('pending_matter', 'statutory_task', 'appeal', 'other') AND (${t.reasonNote} IS NULL OR length(${t.reasonNote}) <= 500)`,
    ),
    check(
      'erasure_holds_released_check',
      sql`(${t.releasedAt} IS NULL) = (${t.releasedBySub} IS NULL AND ${t.releasedByOrganisation} IS NULL)`,
    ),
    index('erasure_holds_case_idx').on(t.caseId),
  ],
);
