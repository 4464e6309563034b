import { sql } from 'drizzle-orm';
import { check, integer, numeric, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { managementGroups } from './management-groups.js';

/**
 * The annual targets a management group sets (381/2023 §9(3)): free-form indicators with a
 * target value, per year. Reporting compares the realised figures against them.
 */
export const managementGroupTargets = resourcing.table(
  'management_group_targets',
  {
    managementGroupId: uuid('management_group_id')
      .notNull()
      .references(() => managementGroups.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** A stable indicator code, e.g. `plans_within_3_months`. */
    indicator: text('indicator').notNull(),
    label: text('label').notNull(),
    targetValue: numeric('target_value', { precision: 14, scale: 3 }).notNull(),
    unit: text('unit').notNull(),
    ordinal: integer('ordinal').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.managementGroupId, t.year, t.indicator] }),
    check('management_group_targets_year_check', sql`${t.year} BETWEEN 2025 AND 2100`),
    check('management_group_targets_indicator_check', sql`${t.indicator} ~ '^[a-z][a-z0-9_]{0,62}$'`),
  ],
);
