import { sql } from 'drizzle-orm';
import { check, date, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { cooperationAreas } from './cooperation-areas.js';
import { organisations } from './organisations.js';
import { wellbeingCounties } from './wellbeing-counties.js';

/**
 * A management group (monialaisen tuen johtoryhmä), 381/2023 §9 and VNA 388/2024 §1: set up
 * by an employment authority for a 5-year term to steer one cooperation area. In each HVA
 * area there is at least one group and at most one per employment authority there: the
 * unique key on (county, employment authority) is that rule in the database. A new term is
 * the same group with a new `term_start_on` (the event log keeps the earlier terms).
 */
export const managementGroups = resourcing.table(
  'management_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cooperationAreaId: uuid('cooperation_area_id')
      .notNull()
      .references(() => cooperationAreas.id),
    /** Copied from the area so the one-per-employment-authority rule is a unique key. */
    wellbeingCountyId: text('wellbeing_county_id')
      .notNull()
      .references(() => wellbeingCounties.id),
    /** The employment authority that set the group up and names its chair. */
    employmentAuthorityCode: text('employment_authority_code')
      .notNull()
      .references(() => organisations.code),
    termStartOn: date('term_start_on', { mode: 'string' }).notNull(),
    termEndOn: date('term_end_on', { mode: 'string' }).notNull(),
    /**
     * The leading person (johtava henkilö) and deputy, approved by the group and named by its
     * employment authority (VNA 388/2024 §4).
     */
    leadingPersonName: text('leading_person_name'),
    leadingPersonDeputyName: text('leading_person_deputy_name'),
    leadingPersonsApprovedOn: date('leading_persons_approved_on', { mode: 'string' }),
    /**
     * The end of the leading person's term: at most the group's term (VNA 388/2024 §4). Null for
     * a leading person recorded before the term was kept, read as the group's term end.
     */
    leadingPersonTermEndOn: date('leading_person_term_end_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('management_groups_cooperation_area_key').on(t.cooperationAreaId),
    uniqueIndex('management_groups_county_employment_authority_key').on(
      t.wellbeingCountyId,
      t.employmentAuthorityCode,
    ),
    check('management_groups_term_check', sql`${t.termEndOn} > ${t.termStartOn}`),
    check('management_groups_version_check', sql`${t.version} >= 1`),
    check(
      'management_groups_leading_person_term_check',
      sql`${t.leadingPersonTermEndOn} IS NULL OR (${t.leadingPersonName} IS NOT NULL AND ${t.leadingPersonTermEndOn} <= ${t.termEndOn})`,
    ),
    check(
      'management_groups_leading_persons_check',
      sql`${t.leadingPersonsApprovedOn} IS NULL OR ${t.leadingPersonName} IS NOT NULL`,
    ),
  ],
);
