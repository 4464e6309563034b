import { sql } from 'drizzle-orm';
import {
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { REFERRAL_DECLINE_REASONS, REFERRAL_GROUNDS, REFERRAL_STATUSES, referralsSchema } from './_schema.js';
import { clients } from './clients.js';

/** What happened to the client details a referral brought (see `submittedDetails`). */
export const CLIENT_DETAILS_STATUSES = ['pending', 'applied', 'dismissed'] as const;
export type ClientDetailsStatus = (typeof CLIENT_DETAILS_STATUSES)[number];

/**
 * The routing a referrer asked for, kept when the referral went to the parties of the
 * client's record instead (a referrer that is not a party of a known client): the
 * referrer's view shows this, so its answers do not reveal that the person is known.
 */
export interface SubmittedRouting {
  cooperationAreaId: string;
  homeMunicipalityCode: string;
  employmentAuthorityCode: string;
  wellbeingCountyOrganiserCode: string;
  respondBy: string;
  responseDays: number;
}

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A referral (ohjaus) to the joint assessment of multidisciplinary service need, 381/2023 §3.
 * Routed by the client's home municipality at submission; the routing is kept with the
 * referral so later directory changes do not move it.
 */
export const referrals = referralsSchema.table(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    cooperationAreaId: uuid('cooperation_area_id').notNull(),
    homeMunicipalityCode: char('home_municipality_code', { length: 3 }).notNull(),
    /** The employment authority of the home municipality. */
    employmentAuthorityCode: text('employment_authority_code').notNull(),
    /** The organiser of social and health care (HVA role) of the home municipality. */
    wellbeingCountyOrganiserCode: text('wellbeing_county_organiser_code').notNull(),
    referringOrganisationCode: text('referring_organisation_code').notNull(),
    referredBySub: text('referred_by_sub').notNull(),
    grounds: text('grounds').array().notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('submitted'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    respondBy: date('respond_by', { mode: 'string' }).notNull(),
    responseDays: integer('response_days').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedByOrganisation: text('decided_by_organisation'),
    decidedBySub: text('decided_by_sub'),
    declineReasonCode: text('decline_reason_code', { enum: REFERRAL_DECLINE_REASONS }),
    declineReasonText: text('decline_reason_text'),
    caseId: uuid('case_id'),
    /**
     * The client details as the referrer sent them (names, home municipality, language,
     * contact details, special arrangements, information wishes), encrypted like the
     * identity code (`pii.encrypt`, associated data `referrals.referrals:<id>:client`).
     * Null on referrals from before it was kept.
     */
    submittedDetails: text('submitted_details'),
    /** The referrer's routing when the referral went to the client's own parties instead. */
    submittedRouting: jsonb('submitted_routing').$type<SubmittedRouting>(),
    /**
     * `pending`: the details differ from the client record and wait for the client's parties
     * (a referrer that is not a party never changes the record); `applied` / `dismissed` by
     * a party; null: nothing to confirm.
     */
    clientDetailsStatus: text('client_details_status', { enum: CLIENT_DETAILS_STATUSES }),
    clientDetailsDecidedAt: timestamp('client_details_decided_at', { withTimezone: true, mode: 'date' }),
    clientDetailsDecidedByOrganisation: text('client_details_decided_by_organisation'),
    clientDetailsDecidedBySub: text('client_details_decided_by_sub'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    check('referrals_status_check', sql`${t.status} IN (${list(REFERRAL_STATUSES)})`),
    check(
      'referrals_grounds_check',
      sql`cardinality(${t.grounds}) BETWEEN 1 AND 3 AND ${t.grounds} <@ ARRAY[${list(REFERRAL_GROUNDS)}]::text[]`,
    ),
    check(
      'referrals_decline_check',
      sql`(${t.status} = 'declined') = (${t.declineReasonCode} IS NOT NULL) AND (${t.declineReasonCode} IS NULL OR ${t.declineReasonCode} IN (${list(REFERRAL_DECLINE_REASONS)}))`,
    ),
    check('referrals_case_check', sql`(${t.status} = 'accepted') = (${t.caseId} IS NOT NULL)`),
    check('referrals_respond_by_check', sql`${t.respondBy} >= ${t.submittedOn}`),
    check('referrals_response_days_check', sql`${t.responseDays} BETWEEN 1 AND 365`),
    check('referrals_description_check', sql`length(${t.description}) BETWEEN 1 AND 4000`),
    check(
      'referrals_client_details_status_check',
      sql`${t.clientDetailsStatus} IS NULL OR ${t.clientDetailsStatus} IN (${list(CLIENT_DETAILS_STATUSES)})`,
    ),
    // One pending referral per client, area and referring organisation. A party of the client
    // gets 409 with any pending referral (the service checks under the client's row lock);
    // a referrer that is not a party queues its referral beside the others.
    uniqueIndex('referrals_one_submitted_per_referrer_key')
      .on(t.clientId, t.cooperationAreaId, t.referringOrganisationCode)
      .where(sql`${t.status} = 'submitted'`),
    uniqueIndex('referrals_case_key').on(t.caseId),
    // The inbox: an area's referrals by status, newest first.
    index('referrals_inbox_idx').on(t.cooperationAreaId, t.status, t.submittedAt, t.id),
    index('referrals_referrer_idx').on(t.referringOrganisationCode, t.referredBySub),
    index('referrals_client_idx').on(t.clientId),
  ],
);
