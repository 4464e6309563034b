import { describe, expect, it } from 'vitest';
import {
  type CallerFacts,
  canDecideReferral,
  canReadAccessLog,
  canRecordDutiesExplained,
  canWithdrawReferral,
  caseAccess,
  caseListScope,
  clientAccess,
  referralListScope,
  seesReferral,
} from './policy.js';

const AREA = '00000000-0000-4000-8000-000000000001';
const OTHER_AREA = '00000000-0000-4000-8000-000000000002';

const caller = (over: Partial<CallerFacts> = {}): CallerFacts => ({
  org: 'hva-vantaa-kerava',
  sub: 'anna',
  roles: ['caseworker'],
  staffId: 'staff-1',
  areaIds: [AREA],
  ...over,
});

const referral = { cooperationAreaId: AREA, referringOrganisationCode: 'kela', referredBySub: 'kalle' };
const kase = {
  cooperationAreaId: AREA,
  partyOrganisationCodes: ['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'],
};

describe('policy', () => {
  it('shows the inbox of allocated areas and the caller’s own referrals', () => {
    expect(seesReferral(caller(), referral)).toBe(true);
    expect(seesReferral(caller({ areaIds: [OTHER_AREA] }), referral)).toBe(false);
    const referrer = caller({ org: 'kela', sub: 'kalle', areaIds: [] });
    expect(seesReferral(referrer, referral)).toBe(true);
    expect(seesReferral(caller({ org: 'kela', sub: 'other', areaIds: [] }), referral)).toBe(false);
    expect(
      seesReferral(caller({ org: 'kela', sub: 'other', areaIds: [], roles: ['coordinator'] }), referral),
    ).toBe(true);
  });

  it('needs a personal access right (an active staff record) for any client data', () => {
    const noStaff = caller({ staffId: null });
    expect(seesReferral(noStaff, referral)).toBe(false);
    expect(referralListScope(noStaff)).toBeNull();
    expect(caseAccess(noStaff, { ...kase, callerOnTeam: true })).toBe('none');
    expect(
      clientAccess(noStaff, { onTeam: true, hasVisibleReferral: true, hasCaseInCallerAreas: true }),
    ).toBe('none');
  });

  it('lets allocated staff decide and only the referrer withdraw', () => {
    expect(canDecideReferral(caller(), referral)).toBe(true);
    expect(canDecideReferral(caller({ org: 'kela', sub: 'kalle', areaIds: [] }), referral)).toBe(false);
    expect(canWithdrawReferral(caller({ org: 'kela', sub: 'kalle', areaIds: [] }), referral)).toBe(true);
    expect(canWithdrawReferral(caller(), referral)).toBe(false);
  });

  it('gives caseworkers their team’s cases, coordinators their areas, partners ids only', () => {
    expect(caseAccess(caller(), { ...kase, callerOnTeam: true })).toBe('full');
    expect(caseAccess(caller(), { ...kase, callerOnTeam: false })).toBe('none');
    expect(caseAccess(caller({ roles: ['coordinator'] }), { ...kase, callerOnTeam: false })).toBe('full');
    expect(
      caseAccess(caller({ roles: ['coordinator'], areaIds: [OTHER_AREA] }), { ...kase, callerOnTeam: false }),
    ).toBe('none');
    expect(caseAccess(caller({ roles: ['partner'], staffId: null }), { ...kase, callerOnTeam: false })).toBe(
      'ids',
    );
    expect(
      caseAccess(caller({ org: 'hva-pirkanmaa', roles: ['partner'], staffId: null }), {
        ...kase,
        callerOnTeam: false,
      }),
    ).toBe('none');
    for (const role of ['admin', 'auditor'] as const) {
      expect(caseAccess(caller({ roles: [role] }), { ...kase, callerOnTeam: true })).toBe('none');
      expect(caseListScope(caller({ roles: [role] }))).toBeNull();
    }
  });

  it('shows the identity code in full only to the case team', () => {
    expect(
      clientAccess(caller(), { onTeam: true, hasVisibleReferral: false, hasCaseInCallerAreas: false }),
    ).toBe('full');
    expect(
      clientAccess(caller(), { onTeam: false, hasVisibleReferral: true, hasCaseInCallerAreas: false }),
    ).toBe('masked');
    expect(
      clientAccess(caller(), { onTeam: false, hasVisibleReferral: false, hasCaseInCallerAreas: true }),
    ).toBe('none');
    expect(
      clientAccess(caller({ roles: ['coordinator'] }), {
        onTeam: false,
        hasVisibleReferral: false,
        hasCaseInCallerAreas: true,
      }),
    ).toBe('masked');
  });

  it('lets auditors read access logs of clients their organisation is involved with', () => {
    expect(canReadAccessLog(caller({ roles: ['auditor'] }), { organisationInvolved: true })).toBe(true);
    expect(canReadAccessLog(caller({ roles: ['auditor'] }), { organisationInvolved: false })).toBe(false);
    expect(canReadAccessLog(caller({ roles: ['caseworker'] }), { organisationInvolved: true })).toBe(false);
  });

  it('lets the employment authority and the HVA record duties explained (381/2023 §7(3))', () => {
    const k = {
      employmentAuthorityCode: 'ea-kerava-sipoo',
      wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
    };
    expect(canRecordDutiesExplained(caller(), k)).toBe(true);
    expect(canRecordDutiesExplained(caller({ org: 'ea-kerava-sipoo' }), k)).toBe(true);
    expect(canRecordDutiesExplained(caller({ org: 'kela' }), k)).toBe(false);
  });
});
