import { date, foreignKey, integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { agreementVersions } from './agreement-versions.js';
import { organisations } from './organisations.js';

/**
 * A party's approval of one agreement version, with who and when. The agreement is in force
 * only when every party of the current version has a row here for it.
 */
export const agreementApprovals = resourcing.table(
  'agreement_approvals',
  {
    agreementId: uuid('agreement_id').notNull(),
    version: integer('version').notNull(),
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code),
    /** The date of the party's decision (e.g. the board meeting), as the admin reports it. */
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBySub: text('recorded_by_sub').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.version, t.organisationCode] }),
    foreignKey({
      name: 'agreement_approvals_version_fk',
      columns: [t.agreementId, t.version],
      foreignColumns: [agreementVersions.agreementId, agreementVersions.version],
    }).onDelete('cascade'),
  ],
);
