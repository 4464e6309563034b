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
  clientPartyCodes,
  isClientParty,
  mayChangeClientDetails,
  mayStartAssessment,
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

// A Kerava resident (municipality 245): Kerava–Sipoo employment area, Vantaa–Kerava HVA, Kela.
const routing = {
  employmentAuthorityCode: 'ea-kerava-sipoo',
  wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
};
const referral = {
  ...routing,
  cooperationAreaId: AREA,
  referringOrganisationCode: 'kela',
  referredBySub: 'kalle',
};
const kase = { ...routing, cooperationAreaId: AREA };

describe('policy', () => {
  it('gives a client exactly three parties: the home municipality’s EA and HVA, and Kela', () => {
    expect(clientPartyCodes(routing)).toEqual(['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela']);
    // Helsinki holds both roles: two parties.
    expect(
      clientPartyCodes({ employmentAuthorityCode: 'helsinki', wellbeingCountyOrganiserCode: 'helsinki' }),
    ).toEqual(['helsinki', 'kela']);
    expect(isClientParty('ea-vantaa', routing)).toBe(false);
    expect(isClientParty('kela', routing)).toBe(true);
  });

  it('starts the joint assessment only by the client’s EA or HVA (381/2023 §4)', () => {
    expect(mayStartAssessment('ea-kerava-sipoo', routing)).toBe(true);
    expect(mayStartAssessment('hva-vantaa-kerava', routing)).toBe(true);
    expect(mayStartAssessment('kela', routing)).toBe(false);
    expect(mayStartAssessment('ea-vantaa', routing)).toBe(false);
    const kelaReferrer = caller({ org: 'kela', sub: 'kalle' });
    expect(seesReferral(kelaReferrer, referral)).toBe(true);
    expect(canDecideReferral(kelaReferrer, referral)).toBe(false);
  });

  it('hides a client from another EA of the same cooperation area', () => {
    const vantaa = caller({ org: 'ea-vantaa', roles: ['coordinator'] });
    expect(seesReferral(vantaa, referral)).toBe(false);
    expect(canDecideReferral(vantaa, referral)).toBe(false);
    expect(caseAccess(vantaa, { ...kase, callerOnTeam: true })).toBe('none');
    expect(
      caseAccess(caller({ org: 'ea-vantaa', roles: ['partner'] }), { ...kase, callerOnTeam: false }),
    ).toBe('none');
    expect(mayChangeClientDetails(vantaa, kase)).toBe(false);
    expect(mayChangeClientDetails(caller(), kase)).toBe(true);
    expect(mayChangeClientDetails(caller({ areaIds: [OTHER_AREA] }), kase)).toBe(false);
  });

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
    expect(canDecideReferral(caller({ areaIds: [OTHER_AREA] }), referral)).toBe(false);
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
