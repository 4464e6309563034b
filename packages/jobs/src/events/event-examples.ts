/** Ids and shared parts of the catalog's example payloads (fixed, so texts and docs are stable). */
export const CASE = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
export const REFERRAL = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
export const CLIENT = '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e';
export const AREA = '3c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f';
export const PLAN = '4d5e6f7a-8b9c-4d4e-9f5a-6b7c8d9e0f1a';
export const MEETING = '5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b';
export const DEADLINE = '7a8b9c0d-1e2f-4a7b-8c8d-9e0f1a2b3c4d';
export const STAFF = '8b9c0d1e-2f3a-4b8c-9d9e-0f1a2b3c4d5e';
export const AGREEMENT = '9c0d1e2f-3a4b-4c9d-8e0f-1a2b3c4d5e6f';
export const GROUP = '0d1e2f3a-4b5c-4d0e-9f1a-2b3c4d5e6f7a';
export const OTHER = 'ae1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b';

export const CASE_PARTIES =
  'The three parties of the case: its employment authority, wellbeing services county and Kela';
export const AREA_PARTIES = 'The parties of the cooperation area';
export const OWN_ORGANISATION = 'The organisation itself';

export const meetingExample = {
  caseId: CASE,
  meetingId: MEETING,
  kind: 'plan',
  status: 'scheduled',
  startsAt: '2026-03-19T08:00:00.000Z',
  endsAt: '2026-03-19T09:00:00.000Z',
  sequence: 0,
};
export const deadlineExample = {
  deadlineId: DEADLINE,
  kind: 'plan.due',
  dueOn: '2026-04-20',
  version: 1,
  status: 'pending',
  subjectType: 'case',
  subjectId: CASE,
};
export const quotaExample = {
  cooperationAreaId: AREA,
  organisationCode: 'hva-vantaa-kerava',
  status: 'over_capacity',
  previousStatus: 'ok',
  committedFte: 2.5,
  allocatedFte: 2,
  capacity: 60,
  activeCases: 64,
  agreementId: AGREEMENT,
};
export const routing = (area: string, ea: string) => ({
  cooperationAreaId: area,
  employmentAuthorityCode: ea,
  wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
});
