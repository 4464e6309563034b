import { sql } from 'drizzle-orm';
import { check, date, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CASE_ENDING_GROUNDS, CASE_ENDING_OUTCOMES, CASE_STATUSES, referralsSchema } from './_schema.js';
import { clients } from './clients.js';
import { referrals } from './referrals.js';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * The client relationship (asiakkuus), called a case: it starts when the joint assessment of
 * multidisciplinary service need starts (381/2023 §4) and ends only when all three parties
 * judge coordination no longer needed (§8). A new referral after the end starts a new case.
 */
export const cases = referralsSchema.table(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    cooperationAreaId: uuid('cooperation_area_id').notNull(),
    employmentAuthorityCode: text('employment_authority_code').notNull(),
    wellbeingCountyOrganiserCode: text('wellbeing_county_organiser_code').notNull(),
    /**
     * The parties of the cooperation area when the relationship began (areas only gain
     * parties). Partners see the ids and statuses of the cases whose parties include them.
     */
    partyOrganisationCodes: text('party_organisation_codes').array().notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('assessment'),
    assessmentStartedOn: date('assessment_started_on', { mode: 'string' }).notNull(),
    planDueOn: date('plan_due_on', { mode: 'string' }).notNull(),
    activatedOn: date('activated_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    /** The §8 ground (only one); null on rows written before it was recorded separately. */
    endGround: text('end_ground', { enum: CASE_ENDING_GROUNDS }),
    /**
     * The outcome (`employed`, `education`, …) — the column keeps its v1 name; migration
     * `0012_referrals_ending_transfer` mapped the old reason codes to outcomes.
     */
    endReasonCode: text('end_reason_code', { enum: CASE_ENDING_OUTCOMES }),
    erasureDueOn: date('erasure_due_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('cases_status_check', sql`${t.status} IN (${list(CASE_STATUSES)})`),
    check(
      'cases_ended_check',
      sql`(${t.status} = 'ended') = (${t.endedOn} IS NOT NULL AND ${t.endReasonCode} IS NOT NULL AND ${t.erasureDueOn} IS NOT NULL)`,
    ),
    check(
      'cases_end_reason_check',
      sql`${t.endReasonCode} IS NULL OR ${t.endReasonCode} IN (${list(CASE_ENDING_OUTCOMES)})`,
    ),
    check(
      'cases_end_ground_check',
      sql`${t.endGround} IS NULL OR (${t.status} = 'ended' AND ${t.endGround} IN (${list(CASE_ENDING_GROUNDS)}))`,
    ),
    check('cases_plan_due_check', sql`${t.planDueOn} > ${t.assessmentStartedOn}`),
    check(
      'cases_activated_on_check',
      sql`(${t.activatedOn} IS NULL OR ${t.activatedOn} >= ${t.assessmentStartedOn}) AND (${t.status} = 'assessment' OR ${t.activatedOn} IS NOT NULL OR ${t.status} = 'ended')`,
    ),
    check('cases_ended_on_check', sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.assessmentStartedOn}`),
    // One open client relationship per client and cooperation area; the backstop of accept.
    uniqueIndex('cases_one_open_per_client_area_key')
      .on(t.clientId, t.cooperationAreaId)
      .where(sql`${t.status} <> 'ended'`),
    uniqueIndex('cases_referral_key').on(t.referralId),
    index('cases_area_status_idx').on(t.cooperationAreaId, t.status),
    index('cases_client_idx').on(t.clientId),
    // The caseload's order and keyset (newest first): a page reads ~50 index entries.
    index('cases_created_idx').on(t.createdAt, t.id),
    index('cases_party_organisation_codes_idx').using('gin', t.partyOrganisationCodes),
    // The situational picture (resourcing's report): an area's cases by start day, with every
    // column its indicators read, so a year is an index-only scan of a few MB, not of the table.
    index('cases_picture_idx').on(
      t.cooperationAreaId,
      t.assessmentStartedOn,
      t.endedOn,
      t.planDueOn,
      t.endReasonCode,
      t.employmentAuthorityCode,
      t.wellbeingCountyOrganiserCode,
      t.status,
      t.id,
    ),
  ],
);
