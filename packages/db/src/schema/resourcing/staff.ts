import { sql } from 'drizzle-orm';
import { boolean, check, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { organisations } from './organisations.js';

/** Roles a staff member may hold: the same set as the `roles` claim of tokens. */
export const STAFF_ROLES = ['caseworker', 'coordinator', 'admin', 'auditor', 'partner'] as const;

/**
 * A person a party assigns to TYM work (381/2023 §9(2), VNA 388/2024 §3(2)). `subject` is
 * the `sub` claim of their tokens, unique within the organisation whose IdP issues it.
 */
export const staff = resourcing.table(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code),
    subject: text('subject').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    /** Languages the person serves clients in (ISO 639 codes). */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_organisation_subject_key').on(t.organisationCode, t.subject),
    check('staff_subject_check', sql`length(${t.subject}) BETWEEN 1 AND 200`),
    check('staff_display_name_check', sql`length(${t.displayName}) > 0`),
    check(
      'staff_languages_check',
      sql`array_to_string(${t.languages}, ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$'`,
    ),
    check(
      'staff_roles_check',
      sql`${t.roles} <@ ARRAY['caseworker', 'coordinator', 'admin', 'auditor', 'partner']::text[]`,
    ),
  ],
);
