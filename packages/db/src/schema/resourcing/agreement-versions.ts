import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  integer,
  numeric,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { resourcing } from './_schema.js';
import { agreements } from './agreements.js';

/**
 * How joint costs are split between the employment authorities and the HVA (381/2023 §10): by
 * the number of staff each committed (the law's default), or as agreed — by committed FTE or
 * by percentages.
 */
export const COST_SHARING_METHODS = [
  'proportional_to_headcount',
  'proportional_to_fte',
  'agreed_percentages',
] as const;
export type CostSharingMethod = (typeof COST_SHARING_METHODS)[number];

/** Kela pays what the agreement says (381/2023 §10, VNA 388/2024 §3(5)): a sum or a share. */
export const KELA_CONTRIBUTION_KINDS = ['amount', 'share'] as const;
export type KelaContributionKind = (typeof KELA_CONTRIBUTION_KINDS)[number];

/**
 * One version of a cooperation agreement's content (VNA 388/2024 §3): how services are
 * arranged, the cost-sharing rule, Kela's contribution, validity, and the settings the
 * other services read. Staffing commitments and parties are rows of their own. Versions are
 * never changed once written.
 */
export const agreementVersions = resourcing.table(
  'agreement_versions',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** How the services are arranged (VNA 388/2024 §3(1)). */
    servicesArrangement: text('services_arrangement').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    costSharingMethod: text('cost_sharing_method', { enum: COST_SHARING_METHODS }).notNull(),
    kelaContributionKind: text('kela_contribution_kind', { enum: KELA_CONTRIBUTION_KINDS }).notNull(),
    /** Kela's yearly sum in euro cents (kind `amount`). */
    kelaAmountCents: bigint('kela_amount_cents', { mode: 'number' }),
    /** Kela's share of the joint costs in basis points, 1/100 of a per cent (kind `share`). */
    kelaShareBasisPoints: integer('kela_share_basis_points'),
    referralResponseDays: integer('referral_response_days').notNull(),
    reviewRequestResponseDays: integer('review_request_response_days').notNull(),
    reminderLeadDays: integer('reminder_lead_days').array().notNull(),
    /**
     * Days a declined or withdrawn referral of the area keeps its client details before
     * erasure (381/2023 §12(2)); null: the deployment's default (30).
     */
    preRelationshipRetentionDays: integer('pre_relationship_retention_days'),
    targetCaseloadPerFte: numeric('target_caseload_per_fte', { precision: 6, scale: 2 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdByOrganisation: text('created_by_organisation').notNull(),
    createdBySub: text('created_by_sub').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.version] }),
    check('agreement_versions_validity_check', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
    check(
      'agreement_versions_cost_sharing_check',
      sql`${t.costSharingMethod} IN ('proportional_to_headcount', 'proportional_to_fte', 'agreed_percentages')`,
    ),
    check(
      'agreement_versions_kela_check',
      sql`(${t.kelaContributionKind} = 'amount' AND ${t.kelaAmountCents} >= 0 AND ${t.kelaShareBasisPoints} IS NULL)
       OR (${t.kelaContributionKind} = 'share' AND ${t.kelaShareBasisPoints} BETWEEN 0 AND 10000 AND ${t.kelaAmountCents} IS NULL)`,
    ),
    check(
      'agreement_versions_pre_relationship_retention_check',
      sql`${t.preRelationshipRetentionDays} IS NULL OR ${t.preRelationshipRetentionDays} BETWEEN 1 AND 90`,
    ),
    check(
      'agreement_versions_settings_check',
      sql`${t.referralResponseDays} BETWEEN 1 AND 365 AND ${t.reviewRequestResponseDays} BETWEEN 1 AND 365 AND ${t.targetCaseloadPerFte} > 0`,
    ),
  ],
);
