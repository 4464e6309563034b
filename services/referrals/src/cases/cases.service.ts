/**
 * Client relationships (cases), split by sub-aggregate. This module re-exports them so
 * imports of `cases.service.js` keep working:
 * - `case-read.service.ts`: one case, the caseload, the timeline
 * - `case-team.service.ts`: the case team
 * - `case-client.service.ts`: the client's duties explained (§7(3)), review requests (§6)
 * - `case-ending.service.ts`: proposing, confirming and objecting to the ending (§8)
 * - `case-access.ts`: loading a case as the caller may see it or work on it
 * - `case.transitions.ts`, `case-ending.rules.ts`, `case-rules.ts`: the pure rules
 */
export { type EndingView, loadForWork, type TeamMemberView } from './case-access.js';
export { recordDutiesExplained, recordReviewRequest } from './case-client.service.js';
export { type ConfirmResult, confirmEnding, objectToEnding, proposeEnding } from './case-ending.service.js';
export {
  type CaseDetail,
  type CaseloadItem,
  type CaseView,
  getCase,
  getTimeline,
  listCases,
  type TimelineEntry,
} from './case-read.service.js';
export { addTeamMember, removeTeamMember } from './case-team.service.js';
