export { type AccessEntry, logAccess } from './access-log/access-log.service.js';
export { referralsService } from './app.js';
export { benchScenarios } from './bench/bench-scenarios.js';
export { type AuditContext, type Caller, loadCaller } from './caller.js';
export { requiredEndingConfirmers } from './cases/case-rules.js';
export {
  type CaseParty,
  type CaseRecord,
  type CaseTeamMember,
  clientPartyCaseIdsSql,
  clientPartyReferralIdsSql,
  findCase,
  findCaseParties,
  findCaseTeam,
  findClientLanguage,
  findOpenCasesByArea,
  isOnCaseTeam,
  setCaseActive,
  teamCaseIdsSql,
} from './cases/cases.queries.js';
export { findReviewRequestMessageFacts } from './cases/review-request-refusal.service.js';
export {
  type ClientMessageFacts,
  findClientMessageFacts,
  findReferralMessageFacts,
  type ReferralMessageFacts,
} from './clients/client-messages.queries.js';
export { loadReferralsConfig, ReferralsConfigSchema } from './config.js';
export {
  type ClientDataSections,
  clientAccessFor,
  findClientDataSections,
} from './data-subject/client-data.queries.js';
export type { ReferralsDeps } from './deps.js';
export { referralResponseDays } from './directory.js';
export { type CaseErasureResult, eraseCaseClientData } from './erasure/case-erasure.js';
export {
  DEFAULT_PRE_RELATIONSHIP_RETENTION_DAYS,
  erasePreRelationshipReferrals,
  lastErasableDecisionDay,
  type ReferralErasureResult,
} from './erasure/referral-erasure.js';
export { generateOpenApi } from './openapi.js';
export {
  type CallerFacts,
  type CaseAccess,
  type CaseFacts,
  type ClientAccess,
  type ClientRouting,
  caseAccess,
  clientAccess,
  clientPartyCodes,
  isCaseStaff,
  isClientParty,
  isClientPartyStaff,
  KELA_ORGANISATION_CODE,
  mayRecordReview,
  mayStartAssessment,
  type ReferralFacts,
  seesReferral,
} from './policy/policy.js';
