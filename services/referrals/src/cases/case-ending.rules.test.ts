import { AppError } from '@tym/platform';
import { describe, expect, it } from 'vitest';
import { endingOutcome } from './case-ending.rules.js';
import { legacyEndingOutcome } from './case-rules.js';

function problem(fn: () => unknown): { code: string; location: string | undefined } {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, location: err.errors?.[0]?.location };
    throw err;
  }
  throw new Error('expected a problem');
}

describe('endingOutcome (381/2023 §8)', () => {
  it('takes the outcome, or the v1 reasonCode it stands for', () => {
    expect(endingOutcome({ outcome: 'employed' })).toBe('employed');
    expect(endingOutcome({ reasonCode: 'moved_away' })).toBe(legacyEndingOutcome('moved_away'));
  });

  it('refuses both, and neither', () => {
    expect(problem(() => endingOutcome({ outcome: 'employed', reasonCode: 'employed' }))).toEqual({
      code: 'CASE_ENDING_OUTCOME_AMBIGUOUS',
      location: 'body.reasonCode',
    });
    expect(problem(() => endingOutcome({}))).toEqual({
      code: 'CASE_ENDING_OUTCOME_REQUIRED',
      location: 'body.outcome',
    });
  });
});
