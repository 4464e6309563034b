import { sql } from 'drizzle-orm';
import { check, date, index, integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { cooperationAreas } from './cooperation-areas.js';
import { managementGroups } from './management-groups.js';

/**
 * A cooperation agreement (sopimus monialaisen tuen yhteistoimintamallin organisoimisesta ja
 * resursoinnista), 381/2023 §9–§10, VNA 388/2024 §3, between the parties of one management
 * group. Its content lives in `agreement_versions`; every change is a new version. It is in
 * force only when every party has approved the current version (`approved_version =
 * current_version`) and the day is within the current version's validity, which is copied
 * here so overlaps of one area's agreements are checked on one table.
 */
export const agreements = resourcing.table(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cooperationAreaId: uuid('cooperation_area_id')
      .notNull()
      .references(() => cooperationAreas.id),
    managementGroupId: uuid('management_group_id')
      .notNull()
      .references(() => managementGroups.id),
    currentVersion: integer('current_version').notNull(),
    /** The last version every party approved; null until then. */
    approvedVersion: integer('approved_version'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Null: valid until further notice. */
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('agreements_version_check', sql`${t.currentVersion} >= 1`),
    check(
      'agreements_approved_version_check',
      sql`${t.approvedVersion} IS NULL OR ${t.approvedVersion} BETWEEN 1 AND ${t.currentVersion}`,
    ),
    check('agreements_validity_check', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
    index('agreements_cooperation_area_idx').on(t.cooperationAreaId, t.validFrom),
    index('agreements_management_group_idx').on(t.managementGroupId),
  ],
);
