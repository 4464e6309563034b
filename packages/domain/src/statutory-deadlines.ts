import {
  addDaysDeadline,
  addMonthsDeadline,
  addMonthsRetention,
  type DueDate,
  termEnd,
} from './deadline-arithmetic.js';
import type { LocalDate } from './local-date.js';

/**
 * Every kind of deadline the service tracks — a stable id stored with each deadline and
 * used in jobs and events; never rename one. `plan.client_report` (381/2023 §7(1)) and
 * `plan.action` are dates written into the plan itself, so no function computes them.
 */
export const DEADLINE_KINDS = [
  'referral.response',
  'plan.due',
  'plan.review',
  'plan.review_requested',
  'plan.client_report',
  'plan.action',
  'agreement.staffing_review',
  'management_group.term',
  'case.erasure',
] as const;

export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** A computed deadline with the rule that produced it and where that rule comes from. */
export type StatutoryDueDate = DueDate & { rule: DeadlineKind; statute: string };

/** Days to accept or decline a referral unless the cooperation agreement says otherwise [practice]. */
export const DEFAULT_REFERRAL_RESPONSE_DAYS = 14;

/** Days to act on a client's request for a plan review unless the agreement says otherwise. */
export const DEFAULT_REVIEW_REQUEST_RESPONSE_DAYS = 14;

/**
 * The joint plan must be drawn up within 3 months of the start of the joint assessment of
 * multidisciplinary service need (monialaisen palvelutarpeen arviointi), 381/2023 §4(2).
 */
export function planDueOn(assessmentStartedOn: LocalDate): StatutoryDueDate {
  return {
    ...addMonthsDeadline(assessmentStartedOn, 3),
    rule: 'plan.due',
    statute: '381/2023 §4(2); 150/1930 §3, §5',
  };
}

/**
 * The plan is reviewed (tarkistaminen) at least every 3 months, counted from the last agreed
 * plan or review, 381/2023 §6.
 */
export function reviewDueOn(lastAgreedOrReviewedOn: LocalDate): StatutoryDueDate {
  return {
    ...addMonthsDeadline(lastAgreedOrReviewedOn, 3),
    rule: 'plan.review',
    statute: '381/2023 §6; 150/1930 §3, §5',
  };
}

/**
 * The plan is also reviewed when the client asks, unless clearly unnecessary, 381/2023 §6.
 * The law sets no time for it; the cooperation agreement does (`responseDays`).
 */
export function reviewRequestDueOn(
  requestedOn: LocalDate,
  responseDays: number = DEFAULT_REVIEW_REQUEST_RESPONSE_DAYS,
): StatutoryDueDate {
  return {
    ...addDaysDeadline(requestedOn, responseDays),
    rule: 'plan.review_requested',
    statute: '381/2023 §6; cooperation agreement; 150/1930 §2, §5',
  };
}

/**
 * Answer (accept or decline) a referral. 381/2023 §3 sets no deadline for it; the response
 * time is a setting of the cooperation agreement [practice].
 */
export function referralRespondBy(
  submittedOn: LocalDate,
  responseDays: number = DEFAULT_REFERRAL_RESPONSE_DAYS,
): StatutoryDueDate {
  return {
    ...addDaysDeadline(submittedOn, responseDays),
    rule: 'referral.response',
    statute: 'cooperation agreement (381/2023 §3 sets none); 150/1930 §2, §5',
  };
}

/**
 * The client relationship's personal data is erased 4 years (48 months) after the
 * relationship ended, unless needed for a statutory task or a pending matter, 381/2023
 * §12(2). A retention period, not a time limit: counted as in 150/1930 §3 but not moved to a
 * working day (moving it would only keep the data longer). Erase once `dueOn` has ended.
 */
export function erasureDueOn(endedOn: LocalDate): StatutoryDueDate {
  return {
    ...addMonthsRetention(endedOn, 48),
    rule: 'case.erasure',
    statute: '381/2023 §12(2); 150/1930 §3',
  };
}

/**
 * The management group (monialaisen tuen johtoryhmä) is set up for a 5-year term,
 * VNA 388/2024 §1. A term beginning on `startOn` ends on the day before the same date five
 * years later (1 Jan 2025 → 31 Dec 2029), so consecutive terms neither overlap nor leave a
 * gap. A term of office is not a 150/1930 time limit: its end never moves off a weekend or
 * holiday.
 */
export function managementGroupTermEndsOn(startOn: LocalDate): StatutoryDueDate {
  return {
    ...termEnd(startOn, 5),
    rule: 'management_group.term',
    statute: 'VNA 388/2024 §1',
  };
}

/**
 * The cooperation agreement provides for reviewing whether staffing is adequate at least
 * once a year, VNA 388/2024 §3: due 12 months after the last review.
 */
export function staffingReviewDueOn(lastReviewOn: LocalDate): StatutoryDueDate {
  return {
    ...addMonthsDeadline(lastReviewOn, 12),
    rule: 'agreement.staffing_review',
    statute: 'VNA 388/2024 §3; 150/1930 §3, §5',
  };
}
