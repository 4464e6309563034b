import { CASE_STATUSES, type CaseStatus } from '@tym/db';
import { applyTransition, defineTransitions, type Transition } from '@tym/domain';
import { AppError } from '@tym/platform';
import { CaseErrors } from './cases.errors.js';

/**
 * What can happen to a client relationship (case). `work` is any change of an open case that
 * keeps its status (team, duties explained, an ending proposed, confirmed by some of the
 * parties or objected to); `activate` is the first agreed plan; `request_review` the
 * client's request for a review; `end` the last required confirmation of the ending.
 */
export const CASE_ACTIONS = ['work', 'activate', 'request_review', 'end'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CaseTransitions = defineTransitions<CaseStatus, CaseAction>(
  'case',
  CASE_STATUSES,
  CASE_ACTIONS,
  [
    { from: 'assessment', action: 'work', to: 'assessment', statute: '381/2023 §4' },
    { from: 'active', action: 'work', to: 'active' },
    { from: 'assessment', action: 'activate', to: 'active', statute: '381/2023 §4(2)' },
    { from: 'active', action: 'request_review', to: 'active', statute: '381/2023 §6' },
    { from: 'assessment', action: 'end', to: 'ended', statute: '381/2023 §8' },
    { from: 'active', action: 'end', to: 'ended', statute: '381/2023 §8' },
  ],
);

interface CaseState {
  status: CaseStatus;
  endedOn: string | null;
}

/**
 * The refusal of a cell outside the table: an ended case takes nothing (409 CASE_ENDED);
 * a review is asked once a plan is agreed (409 CASE_NOT_ACTIVE); an active case is not
 * activated again (409 CASE_NOT_ACTIVE names the status too, though no route asks this:
 * planning activates only a case in assessment).
 */
export function refuseCaseTransition(kase: CaseState, action: CaseAction): AppError {
  if (kase.status === 'ended') {
    return new AppError(CaseErrors.CASE_ENDED, {
      detail: `The client relationship ended on ${kase.endedOn}; a new referral starts a new one.`,
      extensions: { endedOn: kase.endedOn },
    });
  }
  return new AppError(CaseErrors.CASE_NOT_ACTIVE, {
    detail:
      action === 'request_review'
        ? 'A review can be requested once a joint plan is agreed.'
        : `The case is ${kase.status}.`,
    extensions: { currentStatus: kase.status },
  });
}

/** The step `action` takes the case through, or its 409. */
export function caseTransition(kase: CaseState, action: CaseAction): Transition<CaseStatus, CaseAction> {
  return applyTransition(CaseTransitions, kase.status, action, () => refuseCaseTransition(kase, action));
}
