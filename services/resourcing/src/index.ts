export { resourcingService } from './app.js';
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
  countyOrganiserCode,
  employmentAreaOrganisationCode,
  loadReferenceData,
  type ReferenceData,
} from './reference-data/reference-data.js';
export { type SeedSummary, seedReferenceData } from './reference-data/seed.js';
export {
  findStaffById,
  findStaffBySubject,
  listStaffAllocations,
  type Staff,
  type StaffAllocation,
} from './staff/staff.service.js';
