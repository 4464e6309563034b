import { sql } from 'drizzle-orm';
import { boolean, char, check, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { municipalities } from './municipalities.js';
import { organisations } from './organisations.js';

/** How the municipalities of an employment area organise it (domain.md §1). */
export const EMPLOYMENT_AREA_MODELS = ['alone', 'host_municipality', 'joint_authority'] as const;
export type EmploymentAreaModel = (typeof EMPLOYMENT_AREA_MODELS)[number];

/**
 * Where the membership comes from: `verified` = read in a source, `derived` = follows from
 * verified counts, `administered` = maintained by an administrator through the API.
 */
export const EMPLOYMENT_AREA_STATUSES = ['verified', 'derived', 'administered'] as const;
export type EmploymentAreaStatus = (typeof EMPLOYMENT_AREA_STATUSES)[number];

/**
 * An employment area (työllisyysalue): the municipalities whose employment services one
 * employment authority (työvoimaviranomainen) organises. 45 in Finland; administrators
 * maintain them.
 */
export const employmentAreas = resourcing.table(
  'employment_areas',
  {
    id: text('id').primaryKey(),
    nameFi: text('name_fi').notNull(),
    /** The name is a working label until the area's own name is confirmed. */
    nameProvisional: boolean('name_provisional').notNull().default(false),
    model: text('model', { enum: EMPLOYMENT_AREA_MODELS }).notNull(),
    /** The host municipality (vastuukunta) where known; the service keeps it a member. */
    hostMunicipalityCode: char('host_municipality_code', { length: 3 }).references(() => municipalities.code),
    status: text('status', { enum: EMPLOYMENT_AREA_STATUSES }).notNull(),
    /** The employment authority: holds the employment_authority role. */
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('employment_areas_id_check', sql`${t.id} ~ '^[a-z0-9][a-z0-9-]{0,59}$'`),
    check(
      'employment_areas_model_check',
      sql`${t.model} IN ('alone', 'host_municipality', 'joint_authority')`,
    ),
    check('employment_areas_status_check', sql`${t.status} IN ('verified', 'derived', 'administered')`),
    check('employment_areas_name_check', sql`length(${t.nameFi}) > 0`),
    // One employment authority organises one area.
    uniqueIndex('employment_areas_organisation_key').on(t.organisationCode),
  ],
);
