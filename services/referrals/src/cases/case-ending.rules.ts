import type { CaseEndingOutcome, CaseEndingReason } from '@tym/db';
import { invalidField } from '@tym/platform';
import { legacyEndingOutcome } from './case-rules.js';
import { CaseErrors } from './cases.errors.js';

/** The outcome of a proposal: `outcome`, or for one version the v1 `reasonCode` — one of them. */
export function endingOutcome(input: {
  outcome?: CaseEndingOutcome;
  reasonCode?: CaseEndingReason;
}): CaseEndingOutcome {
  if (input.outcome && input.reasonCode) {
    throw invalidField(
      CaseErrors.CASE_ENDING_OUTCOME_AMBIGUOUS,
      'body.reasonCode',
      'is the v1 name of outcome: give one of them',
      'exclusive',
    );
  }
  if (input.outcome) return input.outcome;
  if (input.reasonCode) return legacyEndingOutcome(input.reasonCode);
  throw invalidField(
    CaseErrors.CASE_ENDING_OUTCOME_REQUIRED,
    'body.outcome',
    'is required: what the client goes on to',
    'required',
  );
}
