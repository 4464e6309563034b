import { sql } from 'drizzle-orm';
import { check, index, integer, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { managementGroups } from './management-groups.js';
import { organisations } from './organisations.js';
import { staff } from './staff.js';

export const MANAGEMENT_GROUP_POSITIONS = ['chair', 'vice_chair', 'member'] as const;
export type ManagementGroupPosition = (typeof MANAGEMENT_GROUP_POSITIONS)[number];

/**
 * A member of a management group with a personal deputy (381/2023 §9(1)): members come from
 * every party of the area; the chair is named by the employment authority, the vice-chair by
 * the HVA (VNA 388/2024 §1). `staff_id` links a member who also has a staff record, so the
 * member can read the group's figures.
 */
export const managementGroupMembers = resourcing.table(
  'management_group_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    managementGroupId: uuid('management_group_id')
      .notNull()
      .references(() => managementGroups.id, { onDelete: 'cascade' }),
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code),
    position: text('position', { enum: MANAGEMENT_GROUP_POSITIONS }).notNull(),
    /** Order within the organisation's members, as submitted. */
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    staffId: uuid('staff_id').references(() => staff.id),
    deputyName: text('deputy_name').notNull(),
    deputyTitle: text('deputy_title'),
    deputyStaffId: uuid('deputy_staff_id').references(() => staff.id),
  },
  (t) => [
    check('management_group_members_position_check', sql`${t.position} IN ('chair', 'vice_chair', 'member')`),
    check(
      'management_group_members_names_check',
      sql`length(${t.name}) BETWEEN 1 AND 200 AND length(${t.deputyName}) BETWEEN 1 AND 200`,
    ),
    uniqueIndex('management_group_members_one_chair_key')
      .on(t.managementGroupId)
      .where(sql`${t.position} = 'chair'`),
    uniqueIndex('management_group_members_one_vice_chair_key')
      .on(t.managementGroupId)
      .where(sql`${t.position} = 'vice_chair'`),
    index('management_group_members_group_idx').on(t.managementGroupId, t.organisationCode),
    index('management_group_members_staff_idx').on(t.staffId),
    index('management_group_members_deputy_staff_idx').on(t.deputyStaffId),
  ],
);
