import { DRAFT_STATUSES, type DraftStatus } from '@tym/db';
import { AppError, findErrorDefinition } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import { PLAN_ACTIONS, type PlanAction, PlanTransitions, planTransition } from './plan.transitions.js';

/** Every cell: the next draft status, or the problem code (all 409). */
const expected: Record<DraftStatus, Record<PlanAction, DraftStatus | string>> = {
  none: { write: 'editing', submit: 'PLAN_NO_DRAFT', approve: 'PLAN_NO_DRAFT', agree: 'PLAN_NO_DRAFT' },
  editing: {
    write: 'editing',
    submit: 'submitted',
    approve: 'PLAN_NOT_SUBMITTED',
    agree: 'PLAN_NOT_SUBMITTED',
  },
  submitted: { write: 'editing', submit: 'PLAN_ALREADY_SUBMITTED', approve: 'submitted', agree: 'none' },
};

const cells = DRAFT_STATUSES.flatMap((s) => PLAN_ACTIONS.map((a) => [s, a] as const));

describe('plan draft transitions', () => {
  it.each(cells)('%s × %s', (draftStatus, action) => {
    const want = expected[draftStatus][action];
    const plan = { draftStatus, draftRevision: 4 };
    if ((DRAFT_STATUSES as readonly string[]).includes(want)) {
      expect(planTransition(plan, action).to).toBe(want);
      return;
    }
    let thrown: unknown;
    try {
      planTransition(plan, action);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const e = thrown as AppError;
    expect(e.code).toBe(want);
    expect(findErrorDefinition(e.code)?.status).toBe(409);
  });

  it('says which revision already waits, and names §4(2) for submitting and approving', () => {
    expect(() => planTransition({ draftStatus: 'submitted', draftRevision: 4 }, 'submit')).toThrow(
      'Revision 4 is already waiting for approvals.',
    );
    expect(PlanTransitions.find('editing', 'submit')?.statute).toBe('381/2023 §4(2)');
    expect(PlanTransitions.find('submitted', 'approve')?.statute).toBe('381/2023 §4(2)');
  });
});
