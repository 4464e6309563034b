import type { ReferralStatus } from '@tym/db';
import { REFERRAL_STATUSES } from '@tym/db';
import { applyTransition, defineTransitions, type Transition } from '@tym/domain';
import { AppError } from '@tym/platform';
import { ReferralErrors } from './referrals.errors.js';

export const REFERRAL_ACTIONS = ['accept', 'decline', 'withdraw'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/**
 * A referral is decided once: accepted (the joint assessment and the client relationship
 * start), declined, or withdrawn by the referrer. Every other cell is 409
 * REFERRAL_NOT_SUBMITTED.
 */
export const ReferralTransitions = defineTransitions<ReferralStatus, ReferralAction>(
  'referral',
  REFERRAL_STATUSES,
  REFERRAL_ACTIONS,
  [
    { from: 'submitted', action: 'accept', to: 'accepted', statute: '381/2023 §4' },
    { from: 'submitted', action: 'decline', to: 'declined', statute: '381/2023 §4' },
    { from: 'submitted', action: 'withdraw', to: 'withdrawn' },
  ],
);

/** 409 REFERRAL_NOT_SUBMITTED, with the current status (and the case of an accepted one). */
export function referralNotSubmitted(current: { status: ReferralStatus; caseId: string | null }): AppError {
  return new AppError(ReferralErrors.REFERRAL_NOT_SUBMITTED, {
    detail: `The referral is ${current.status}; only a submitted referral can be accepted, declined or withdrawn.`,
    extensions: { currentStatus: current.status, ...(current.caseId ? { caseId: current.caseId } : {}) },
  });
}

/** The step `action` takes the referral through, or its 409. */
export function referralTransition(
  current: { status: ReferralStatus; caseId: string | null },
  action: ReferralAction,
): Transition<ReferralStatus, ReferralAction> {
  return applyTransition(ReferralTransitions, current.status, action, () => referralNotSubmitted(current));
}
