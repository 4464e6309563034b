import { sql } from 'drizzle-orm';
import { check, foreignKey, index, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { PARTY_ROLES, resourcing } from './_schema.js';
import { cooperationAreas } from './cooperation-areas.js';
import { organisationRoles } from './organisation-roles.js';

/**
 * Who takes part in a cooperation area, in which role. The foreign key to
 * `organisation_roles` keeps a party to roles its organisation actually holds.
 */
export const cooperationAreaParties = resourcing.table(
  'cooperation_area_parties',
  {
    cooperationAreaId: uuid('cooperation_area_id')
      .notNull()
      .references(() => cooperationAreas.id, { onDelete: 'cascade' }),
    organisationCode: text('organisation_code').notNull(),
    role: text('role', { enum: PARTY_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperationAreaId, t.organisationCode, t.role] }),
    foreignKey({
      name: 'cooperation_area_parties_organisation_role_fk',
      columns: [t.organisationCode, t.role],
      foreignColumns: [organisationRoles.organisationCode, organisationRoles.role],
    }),
    check(
      'cooperation_area_parties_role_check',
      sql`${t.role} IN ('employment_authority', 'wellbeing_county', 'kela')`,
    ),
    index('cooperation_area_parties_organisation_idx').on(t.organisationCode),
  ],
);
