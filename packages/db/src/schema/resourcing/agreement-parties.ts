import { sql } from 'drizzle-orm';
import { check, foreignKey, integer, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { agreementVersions } from './agreement-versions.js';
import { organisations } from './organisations.js';

/**
 * The parties of one agreement version: the employment authorities, the HVA and Kela of the
 * management group's area. `cost_share_basis_points` is the agreed percentage of the joint
 * costs (1/100 of a per cent) when the version shares them by agreed percentages; null
 * otherwise and always for Kela, whose contribution is set on the version.
 */
export const agreementParties = resourcing.table(
  'agreement_parties',
  {
    agreementId: uuid('agreement_id').notNull(),
    version: integer('version').notNull(),
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code),
    roles: text('roles').array().notNull(),
    costShareBasisPoints: integer('cost_share_basis_points'),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.version, t.organisationCode] }),
    foreignKey({
      name: 'agreement_parties_version_fk',
      columns: [t.agreementId, t.version],
      foreignColumns: [agreementVersions.agreementId, agreementVersions.version],
    }).onDelete('cascade'),
    check(
      'agreement_parties_share_check',
      sql`${t.costShareBasisPoints} IS NULL OR ${t.costShareBasisPoints} BETWEEN 0 AND 10000`,
    ),
  ],
);
