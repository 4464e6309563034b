export { planningService } from './app.js';
export {
  PLAN_BENCH_EA,
  type PlanningBenchScenario,
  planningBenchScenarios,
  preparePlanApprovalTemplate,
  setMeetingBenchCases,
  setPlanApprovalBenchCases,
  takePlanApprovalCaseFromEnd,
} from './bench/bench-scenarios.js';
export { movePlanningToArea } from './case-transfer.js';
export { loadPlanningConfig, PlanningConfigSchema } from './config.js';
export { findPlanningClientData, type PlanningClientData } from './data-subject/planning-client-data.js';
export type { PlanningDeps } from './deps.js';
export * from './erasure/planning-erasure.js';
export { buildInvitationIcs, renderInvitation } from './meetings/ics.js';
export * from './meetings/meeting-attendees.js';
export { findCaseMeetings } from './meetings/meetings.repository.js';
export { generateOpenApi } from './openapi.js';
export { planningJobs, reactToCaseEvent } from './plans/plan-reactions.jobs.js';
export {
  approvalsComplete,
  diffPlans,
  missingPlanContents,
  requiredPlanApprovals,
} from './plans/plan-rules.js';
export { findPlanByCase, findVersion, findVersions } from './plans/plans.repository.js';
export { applyReviewRequest, applyReviewRequestRefusal } from './plans/plans.service.js';
export { isTimeZone } from './time-zones.js';
