/**
 * The joint plan, split by sub-aggregate. This module re-exports them so imports of
 * `plans.service.js` keep working:
 * - `plan-draft.service.ts`: read the plan, write and submit the draft (If-Match)
 * - `plan-approval.service.ts`: approvals, and the agreement of the next version
 * - `plan-review.service.ts`: reviews and the client's review requests (381/2023 §6)
 * - `plan-versions.service.ts`: agreed versions and their diffs
 * - `plan-actions.service.ts`: action status, actions from meeting decisions
 * - `plan-participation.service.ts`: the client's part (381/2023 §7(2))
 * - `plan-view.ts`: the view the use cases return; `plan-draft.rules.ts`,
 *   `plan.transitions.ts`, `plan-rules.ts`: the pure rules
 */
export { addDecisionActions, updateActionStatus } from './plan-actions.service.js';
export { type ApprovalInput, approveDraft } from './plan-approval.service.js';
export type { DraftInput } from './plan-draft.rules.js';
export { checkIfMatch, draftETag, getPlan, putDraft, submitDraft } from './plan-draft.service.js';
export {
  type ClientParticipationInput,
  listClientParticipation,
  recordClientParticipation,
} from './plan-participation.service.js';
export {
  applyReviewRequest,
  applyReviewRequestRefusal,
  type ReviewInput,
  recordReview,
} from './plan-review.service.js';
export { diffVersions, getVersion, listVersions, type VersionsView } from './plan-versions.service.js';
export type { DraftView, PlanView } from './plan-view.js';
