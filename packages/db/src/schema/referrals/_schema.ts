import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * Clients, referrals (ohjaus), client relationships (asiakkuus, "cases"), case teams and
 * the access log of the TYM model (381/2023 §3–§8, §11–§12). Written only by
 * services/referrals.
 *
 * No foreign keys point into other services' schemas (municipality codes, organisation
 * codes, cooperation area and staff ids): each service owns its tables and reads the
 * directory through services/resourcing's query functions, so the two can be migrated and
 * deployed apart. Every key inside this schema is a real foreign key.
 */
export const referralsSchema = pgSchema('referrals');

/** Grounds of a referral, 381/2023 §3: limits of work or functional capacity, life management. */
export const REFERRAL_GROUNDS = [
  'work_capacity_limitations',
  'functional_capacity_limitations',
  'life_management_problems',
] as const;
export type ReferralGround = (typeof REFERRAL_GROUNDS)[number];

export const REFERRAL_STATUSES = ['submitted', 'accepted', 'declined', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_DECLINE_REASONS = [
  'single_authority_sufficient',
  'not_unemployed',
  'wrong_area',
  'duplicate',
  'other',
] as const;
export type ReferralDeclineReason = (typeof REFERRAL_DECLINE_REASONS)[number];

export const CASE_STATUSES = ['assessment', 'active', 'ended'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * The one ground on which a client relationship ends (381/2023 §8): the client's employment
 * authority, HVA organiser and Kela jointly judge that the client no longer needs the
 * multidisciplinary support. A move to another area is not an ending but a transfer
 * (380/2023 §17; `POST /v1/cases/{id}/transfer`).
 */
export const CASE_ENDING_GROUNDS = ['support_no_longer_needed'] as const;
export type CaseEndingGround = (typeof CASE_ENDING_GROUNDS)[number];

/** What the client went on to when the relationship ended: statistics, not a legal ground. */
export const CASE_ENDING_OUTCOMES = [
  'employed',
  'education',
  'other_services',
  'moved_abroad',
  'deceased',
  'other',
] as const;
export type CaseEndingOutcome = (typeof CASE_ENDING_OUTCOMES)[number];

/**
 * The reason codes of API v1 before the ground and the outcome were kept apart, still
 * accepted as `reasonCode` for one version (`legacyEndingOutcome` maps them to an outcome).
 * Deprecated.
 */
export const CASE_ENDING_REASONS = [
  'employed',
  'education',
  'coordination_no_longer_needed',
  'moved_away',
  'other',
] as const;
export type CaseEndingReason = (typeof CASE_ENDING_REASONS)[number];

export const CASE_ENDING_STATUSES = ['open', 'completed', 'objected'] as const;
export type CaseEndingStatus = (typeof CASE_ENDING_STATUSES)[number];

export const TEAM_ROLES = ['responsible', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
