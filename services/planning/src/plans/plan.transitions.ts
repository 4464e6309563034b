import { DRAFT_STATUSES, type DraftStatus } from '@tym/db';
import { applyTransition, defineTransitions, type Transition } from '@tym/domain';
import { AppError } from '@tym/platform';
import { PlanErrors } from './plans.errors.js';

/**
 * The plan draft: none → editing → submitted → (the last approval) agreed, the draft gone
 * (none) and the next version in force. Any edit returns a submitted draft to editing and
 * withdraws the approvals given: the parties approve what they saw (381/2023 §4(2)).
 */
export const PLAN_ACTIONS = ['write', 'submit', 'approve', 'agree'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const PlanTransitions = defineTransitions<DraftStatus, PlanAction>(
  'plan',
  DRAFT_STATUSES,
  PLAN_ACTIONS,
  [
    { from: 'none', action: 'write', to: 'editing' },
    { from: 'editing', action: 'write', to: 'editing' },
    { from: 'submitted', action: 'write', to: 'editing', statute: '381/2023 §4(2)' },
    { from: 'editing', action: 'submit', to: 'submitted', statute: '381/2023 §4(2)' },
    { from: 'submitted', action: 'approve', to: 'submitted', statute: '381/2023 §4(2)' },
    { from: 'submitted', action: 'agree', to: 'none', statute: '381/2023 §4(2), §6' },
  ],
);

interface DraftState {
  draftStatus: DraftStatus;
  draftRevision: number;
}

/**
 * The refusal of a cell outside the table (all 409): no draft (PLAN_NO_DRAFT); a draft
 * already waiting for approvals (PLAN_ALREADY_SUBMITTED); approving or agreeing a draft that
 * is not submitted (PLAN_NOT_SUBMITTED).
 */
export function refusePlanTransition(plan: DraftState, action: PlanAction): AppError {
  if (plan.draftStatus === 'none') {
    return new AppError(PlanErrors.PLAN_NO_DRAFT, {
      detail:
        action === 'submit' ? 'Write a draft first (PUT …/plan/draft).' : 'There is no draft to approve.',
    });
  }
  if (action === 'submit') {
    return new AppError(PlanErrors.PLAN_ALREADY_SUBMITTED, {
      detail: `Revision ${plan.draftRevision} is already waiting for approvals.`,
    });
  }
  return new AppError(PlanErrors.PLAN_NOT_SUBMITTED, { detail: 'Submit the draft before approving it.' });
}

/** The step `action` takes the draft through, or its 409. */
export function planTransition(plan: DraftState, action: PlanAction): Transition<DraftStatus, PlanAction> {
  return applyTransition(PlanTransitions, plan.draftStatus, action, () => refusePlanTransition(plan, action));
}
