import { sql } from 'drizzle-orm';
import { check, primaryKey, text } from 'drizzle-orm/pg-core';
import { PARTY_ROLES, resourcing } from './_schema.js';
import { organisations } from './organisations.js';

/** The TYM party roles an organisation holds (domain.md §1): Helsinki holds two. */
export const organisationRoles = resourcing.table(
  'organisation_roles',
  {
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code, { onDelete: 'cascade' }),
    role: text('role', { enum: PARTY_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationCode, t.role] }),
    check(
      'organisation_roles_role_check',
      sql`${t.role} IN ('employment_authority', 'wellbeing_county', 'kela')`,
    ),
  ],
);
