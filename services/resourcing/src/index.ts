export {
  type AgreementSettings,
  DEFAULT_AGREEMENT_SETTINGS,
  DEFAULT_REMINDER_LEAD_DAYS,
  DEFAULT_TARGET_CASELOAD_PER_FTE,
} from './agreements/agreement-settings.js';
export { findAgreementSettings, type SettingsOnDate } from './agreements/agreements.service.js';
export { resourcingService } from './app.js';
export { loadResourcingConfig, ResourcingConfigSchema } from './config.js';
export type { CooperationAreaParty } from './cooperation-areas/cooperation-areas.repository.js';
export {
  type CooperationArea,
  findCooperationArea,
  findCooperationAreaParties,
} from './cooperation-areas/cooperation-areas.service.js';
export type { ResourcingDeps } from './deps.js';
export {
  findMunicipalityRouting,
  type MunicipalityRouting,
  type OrganisationRef,
} from './municipalities/municipalities.service.js';
export { generateOpenApi } from './openapi.js';
export {
  loadEmploymentAreaPeriod,
  type MembershipChangeSummary,
} from './reference-data/employment-areas-load.js';
export {
  countyOrganiserCode,
  employmentAreaOrganisationCode,
  loadReferenceData,
  type ReferenceData,
} from './reference-data/reference-data.js';
export { type SeedSummary, seedReferenceData } from './reference-data/seed.js';
export { renderPicturePage } from './situational-picture/situational-picture.page.js';
export {
  computeSituationalPicture,
  type SituationalPicture,
  signPictureLink,
} from './situational-picture/situational-picture.service.js';
export {
  type AreaStaffMember,
  type CallerDirectoryFacts,
  findCallerDirectoryFacts,
  listAreaStaff,
  listOrganisationStaffWithRole,
  maySuggestAssignments,
  type OrganisationStaffMember,
} from './staff/staff.queries.js';
export {
  findStaffById,
  findStaffBySubject,
  findStaffCards,
  listStaffAllocations,
  type Staff,
  type StaffAllocation,
  type StaffCard,
} from './staff/staff.service.js';
export { type DirectoryCard, findAreaStaffCards } from './staff/staff-directory.service.js';
export { CASELOAD_EVENTS, reactToCaseloadEvent, resourcingJobs } from './utilisation/utilisation.jobs.js';
export {
  findUtilisationRows,
  findUtilisationRowsOn,
  utilisationQuery,
} from './utilisation/utilisation.report.js';
export { capacityOf } from './utilisation/utilisation.rules.js';
export {
  type AreaUtilisation,
  computeAreaUtilisation,
  evaluateQuotaCrossings,
  type QuotaCrossing,
} from './utilisation/utilisation.service.js';
