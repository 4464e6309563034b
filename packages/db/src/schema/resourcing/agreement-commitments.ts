import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, numeric, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { agreementVersions } from './agreement-versions.js';
import { organisations } from './organisations.js';

/**
 * A staffing commitment of one agreement version (VNA 388/2024 §3(2): the staff each party
 * assigns, numbers and task structure): a task title, the number of staff and their
 * full-time equivalents. One person gives at most 1.0 FTE, so `fte <= headcount`.
 */
export const agreementCommitments = resourcing.table(
  'agreement_commitments',
  {
    agreementId: uuid('agreement_id').notNull(),
    version: integer('version').notNull(),
    ordinal: integer('ordinal').notNull(),
    organisationCode: text('organisation_code')
      .notNull()
      .references(() => organisations.code),
    taskTitle: text('task_title').notNull(),
    headcount: integer('headcount').notNull(),
    /** Full-time equivalents, three decimals; read as a string (NUMERIC). */
    fte: numeric('fte', { precision: 8, scale: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.version, t.ordinal] }),
    foreignKey({
      name: 'agreement_commitments_version_fk',
      columns: [t.agreementId, t.version],
      foreignColumns: [agreementVersions.agreementId, agreementVersions.version],
    }).onDelete('cascade'),
    check('agreement_commitments_headcount_check', sql`${t.headcount} >= 1`),
    check('agreement_commitments_fte_check', sql`${t.fte} > 0 AND ${t.fte} <= ${t.headcount}`),
    check('agreement_commitments_task_title_check', sql`length(${t.taskTitle}) BETWEEN 1 AND 200`),
    index('agreement_commitments_organisation_idx').on(t.agreementId, t.version, t.organisationCode),
  ],
);
