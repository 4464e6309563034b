import { REFERRAL_STATUSES, type ReferralStatus } from '@tym/db';
import { AppError, findErrorDefinition } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import {
  REFERRAL_ACTIONS,
  type ReferralAction,
  ReferralTransitions,
  referralTransition,
} from './referral.transitions.js';

/** Every cell: the next status, or the problem code (all 409). */
const expected: Record<ReferralStatus, Record<ReferralAction, ReferralStatus | string>> = {
  submitted: { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
  accepted: {
    accept: 'REFERRAL_NOT_SUBMITTED',
    decline: 'REFERRAL_NOT_SUBMITTED',
    withdraw: 'REFERRAL_NOT_SUBMITTED',
  },
  declined: {
    accept: 'REFERRAL_NOT_SUBMITTED',
    decline: 'REFERRAL_NOT_SUBMITTED',
    withdraw: 'REFERRAL_NOT_SUBMITTED',
  },
  withdrawn: {
    accept: 'REFERRAL_NOT_SUBMITTED',
    decline: 'REFERRAL_NOT_SUBMITTED',
    withdraw: 'REFERRAL_NOT_SUBMITTED',
  },
};

const cells = REFERRAL_STATUSES.flatMap((s) => REFERRAL_ACTIONS.map((a) => [s, a] as const));

describe('referral transitions', () => {
  it.each(cells)('%s × %s', (status, action) => {
    const want = expected[status][action];
    const current = { status, caseId: status === 'accepted' ? '7a0c5b7e-0000-4000-8000-000000000001' : null };
    if ((REFERRAL_STATUSES as readonly string[]).includes(want)) {
      expect(referralTransition(current, action).to).toBe(want);
      return;
    }
    let thrown: unknown;
    try {
      referralTransition(current, action);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const e = thrown as AppError;
    expect(e.code).toBe(want);
    expect(findErrorDefinition(e.code)?.status).toBe(409);
    expect(e.extensions?.currentStatus).toBe(status);
    if (status === 'accepted') expect(e.extensions?.caseId).toBe(current.caseId);
  });

  it('names the statute of the decisions (381/2023 §4)', () => {
    expect(ReferralTransitions.find('submitted', 'accept')?.statute).toBe('381/2023 §4');
    expect(ReferralTransitions.find('submitted', 'decline')?.statute).toBe('381/2023 §4');
  });
});
