import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * Joint meetings and the joint employment plan (monialainen työllistymissuunnitelma) of the
 * TYM model, 381/2023 §4–§7. Written only by services/planning.
 *
 * No foreign keys point into other services' schemas (case, client, staff, organisation
 * and cooperation area ids): planning reads them through the referrals and resourcing
 * services' query functions. Every key inside this schema is a real foreign key.
 */
export const planningSchema = pgSchema('planning');

/** Why the parties meet the client jointly (381/2023 sets no format: domain.md §3 [open]). */
export const MEETING_KINDS = ['assessment', 'planning', 'review', 'ending', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** scheduled → held → closed, or scheduled → cancelled. A closed meeting is read-only. */
export const MEETING_STATUSES = ['scheduled', 'held', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_MODES = ['in_person', 'remote'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const PARTICIPANT_KINDS = ['staff', 'client', 'guest'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** Guests without accounts: an interpreter (with the language), a guardian or support person, … */
export const GUEST_ROLES = [
  'interpreter',
  'guardian',
  'support_person',
  'education_provider',
  'other',
] as const;
export type GuestRole = (typeof GUEST_ROLES)[number];

/** iCalendar PARTSTAT values a participant can answer with (RFC 5545 §3.2.12). */
export const PARTICIPANT_RESPONSES = ['needs_action', 'accepted', 'declined', 'tentative'] as const;
export type ParticipantResponse = (typeof PARTICIPANT_RESPONSES)[number];

/** Service areas of plan actions (381/2023 §5(1)–(2)). */
export const PLAN_ACTION_TYPES = [
  'employment',
  'social',
  'health',
  'rehabilitation',
  'education',
  'other',
] as const;
export type PlanActionType = (typeof PLAN_ACTION_TYPES)[number];

export const PLAN_ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type PlanActionStatus = (typeof PLAN_ACTION_STATUSES)[number];

/** How the client approved the plan [practice; old TYP decree: signature or electronically]. */
export const CLIENT_APPROVAL_METHODS = ['signature', 'electronic', 'in_meeting'] as const;
export type ClientApprovalMethod = (typeof CLIENT_APPROVAL_METHODS)[number];

export const DRAFT_STATUSES = ['none', 'editing', 'submitted'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** 381/2023 §6: a review keeps the plan as it is, or revises it into the next version. */
export const REVIEW_OUTCOMES = ['unchanged', 'revised'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** One action of the plan: owned by exactly one organisation. Free text stays in this schema. */
export interface PlanActionContent {
  id: string;
  ownerOrganisationCode: string;
  type: PlanActionType;
  description: string;
  responsiblePerson: string | null;
  dueOn: string | null;
  /** The meeting decision the action came from, if any. */
  sourceDecisionId: string | null;
}

/**
 * The contents of a plan draft or version, 381/2023 §5 and §7 (domain.md §4). Every section
 * may be missing from a draft; submitting checks that the plan is complete.
 */
export interface PlanContents {
  /** Mapping: assessed service need and a summary of the situation (VNA 385/2024 §1). */
  mapping?: { serviceNeed: string; situationSummary: string };
  goals?: string[];
  actions: PlanActionContent[];
  /** How the implementation is followed up (§5). */
  followUp?: string;
  /** Work search obligation, or its exemption and reason (380/2023 §48). */
  workSearch?: { obligation: 'applies' | 'exempted'; exemptionReason: string | null };
  /** Deadline and manner of the client's own report (§7(1)). */
  clientReport?: { dueOn: string; manner: string };
  /** Rehabilitative work activity; the client is told of the benefits first (189/2001 §9). */
  rehabilitativeWorkActivity?: { agreed: boolean; benefitsExplainedOn: string | null };
  /** Kela takes part in the plan only when the client needs Kela rehabilitation (§4(2)). */
  kelaRehabilitationNeeded?: boolean;
}

/**
 * What is recorded of the client's part in the plan (381/2023 §7(2)): the client did not take
 * part in drawing it up, or in reviewing it, or refused a measure (an action) of it.
 */
export const CLIENT_PARTICIPATION_KINDS = [
  'did_not_take_part_in_drafting',
  'did_not_take_part_in_review',
  'refused_measure',
] as const;
export type ClientParticipationKind = (typeof CLIENT_PARTICIPATION_KINDS)[number];
