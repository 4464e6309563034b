import { applyTransition, defineTransitions, type Transition } from '@tym/domain';
import { AppError } from '@tym/platform';

/**
 * A cooperation agreement's current version is in force only once every party has approved
 * it; a new version (an amendment when needs change, VNA 388/2024 §3(3)) waits for every
 * party's approval again. The state is not a column: it is whether the approved version is
 * the current one (`agreementState`).
 */
export const AGREEMENT_STATES = ['awaiting_approval', 'approved'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

/** `approve`: a party approves, others still to come; `approve_last`: the last party approves. */
export const AGREEMENT_ACTIONS = ['revise', 'approve', 'approve_last'] as const;
export type AgreementAction = (typeof AGREEMENT_ACTIONS)[number];

export const AgreementTransitions = defineTransitions<AgreementState, AgreementAction>(
  'agreement',
  AGREEMENT_STATES,
  AGREEMENT_ACTIONS,
  [
    { from: 'awaiting_approval', action: 'revise', to: 'awaiting_approval', statute: 'VNA 388/2024 §3(3)' },
    { from: 'approved', action: 'revise', to: 'awaiting_approval', statute: 'VNA 388/2024 §3(3)' },
    { from: 'awaiting_approval', action: 'approve', to: 'awaiting_approval' },
    { from: 'awaiting_approval', action: 'approve_last', to: 'approved' },
    // Approving an approved version again changes nothing.
    { from: 'approved', action: 'approve', to: 'approved' },
  ],
);

export function agreementState(row: {
  currentVersion: number;
  approvedVersion: number | null;
}): AgreementState {
  return row.approvedVersion === row.currentVersion ? 'approved' : 'awaiting_approval';
}

/** The one cell outside the table (an approved version approved "last" again) is a 409. */
export function refuseAgreementTransition(state: AgreementState, action: AgreementAction): AppError {
  return new AppError('CONFLICT', { detail: `The agreement is ${state}; it cannot ${action}.` });
}

export function agreementTransition(
  row: { currentVersion: number; approvedVersion: number | null },
  action: AgreementAction,
): Transition<AgreementState, AgreementAction> {
  return applyTransition(AgreementTransitions, agreementState(row), action, refuseAgreementTransition);
}
