import { AppError, findErrorDefinition } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_ACTIONS,
  AGREEMENT_STATES,
  type AgreementAction,
  type AgreementState,
  AgreementTransitions,
  agreementState,
  agreementTransition,
} from './agreement.transitions.js';

/** Every cell: the next state, or the problem code. */
const expected: Record<AgreementState, Record<AgreementAction, AgreementState | string>> = {
  awaiting_approval: { revise: 'awaiting_approval', approve: 'awaiting_approval', approve_last: 'approved' },
  approved: { revise: 'awaiting_approval', approve: 'approved', approve_last: 'CONFLICT' },
};

const rowIn = (state: AgreementState) =>
  state === 'approved'
    ? { currentVersion: 2, approvedVersion: 2 }
    : { currentVersion: 2, approvedVersion: 1 };

const cells = AGREEMENT_STATES.flatMap((s) => AGREEMENT_ACTIONS.map((a) => [s, a] as const));

describe('agreement transitions', () => {
  it('derives the state from the approved and the current version', () => {
    expect(agreementState({ currentVersion: 1, approvedVersion: null })).toBe('awaiting_approval');
    expect(agreementState({ currentVersion: 3, approvedVersion: 2 })).toBe('awaiting_approval');
    expect(agreementState({ currentVersion: 3, approvedVersion: 3 })).toBe('approved');
  });

  it.each(cells)('%s × %s', (state, action) => {
    const want = expected[state][action];
    if ((AGREEMENT_STATES as readonly string[]).includes(want)) {
      expect(agreementTransition(rowIn(state), action).to).toBe(want);
      return;
    }
    let thrown: unknown;
    try {
      agreementTransition(rowIn(state), action);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe(want);
    expect(findErrorDefinition(want)?.status).toBe(409);
  });

  it('names the amendment rule of the decree', () => {
    expect(AgreementTransitions.find('approved', 'revise')?.statute).toBe('VNA 388/2024 §3(3)');
  });
});
