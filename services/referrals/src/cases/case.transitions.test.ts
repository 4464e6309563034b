import { CASE_STATUSES, type CaseStatus } from '@tym/db';
import { AppError, findErrorDefinition } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, type CaseAction, CaseTransitions, caseTransition } from './case.transitions.js';

/** Every cell: the next status, or the problem code (all 409). */
const expected: Record<CaseStatus, Record<CaseAction, CaseStatus | string>> = {
  assessment: { work: 'assessment', activate: 'active', request_review: 'CASE_NOT_ACTIVE', end: 'ended' },
  active: { work: 'active', activate: 'CASE_NOT_ACTIVE', request_review: 'active', end: 'ended' },
  ended: { work: 'CASE_ENDED', activate: 'CASE_ENDED', request_review: 'CASE_ENDED', end: 'CASE_ENDED' },
};

const cells = CASE_STATUSES.flatMap((s) => CASE_ACTIONS.map((a) => [s, a] as const));

describe('case transitions', () => {
  it.each(cells)('%s × %s', (status, action) => {
    const want = expected[status][action];
    const kase = { status, endedOn: status === 'ended' ? '2026-05-01' : null };
    if ((CASE_STATUSES as readonly string[]).includes(want)) {
      expect(caseTransition(kase, action).to).toBe(want);
      return;
    }
    let thrown: unknown;
    try {
      caseTransition(kase, action);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const e = thrown as AppError;
    expect(e.code).toBe(want);
    expect(findErrorDefinition(e.code)?.status).toBe(409);
    expect(e.extensions).toEqual(status === 'ended' ? { endedOn: '2026-05-01' } : { currentStatus: status });
  });

  it('names the sections: the plan (§4(2)), reviews (§6), the ending (§8)', () => {
    expect(CaseTransitions.find('assessment', 'activate')?.statute).toBe('381/2023 §4(2)');
    expect(CaseTransitions.find('active', 'request_review')?.statute).toBe('381/2023 §6');
    expect(CaseTransitions.sourcesOf('end')).toEqual(['assessment', 'active']);
    expect(CaseTransitions.find('active', 'end')?.statute).toBe('381/2023 §8');
  });

  it('asks for a review only once a plan is agreed', () => {
    expect(() => caseTransition({ status: 'assessment', endedOn: null }, 'request_review')).toThrow(
      'A review can be requested once a joint plan is agreed.',
    );
  });
});
