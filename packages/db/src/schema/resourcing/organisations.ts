import { sql } from 'drizzle-orm';
import { check, text, timestamp } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';

/**
 * What an organisation is in public administration; its TYM party roles are separate
 * (`organisation_roles`), because one organisation can hold several (Helsinki).
 */
export const ORGANISATION_KINDS = [
  'municipality',
  'employment_area',
  'joint_municipal_authority',
  'wellbeing_county',
  'kela',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * A party organisation. `code` is the `org` claim of its staff's tokens: `kela`,
 * `hva-<county id>`, `helsinki`, `ea-<employment area id>`.
 */
export const organisations = resourcing.table(
  'organisations',
  {
    code: text('code').primaryKey(),
    nameFi: text('name_fi').notNull(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // The same pattern the platform accepts for the `org` claim.
    check('organisations_code_check', sql`${t.code} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check(
      'organisations_kind_check',
      sql`${t.kind} IN ('municipality', 'employment_area', 'joint_municipal_authority', 'wellbeing_county', 'kela')`,
    ),
    check(
      'organisations_names_check',
      sql`length(${t.nameFi}) > 0 AND length(${t.nameSv}) > 0 AND length(${t.nameEn}) > 0`,
    ),
  ],
);
