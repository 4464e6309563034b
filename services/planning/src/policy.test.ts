import { describe, expect, it } from 'vitest';
import { type CallerFacts, caseAccess, clientPartyCodes, seesMeeting } from './policy.js';

const kerava = {
  employmentAuthorityCode: 'ea-kerava-sipoo',
  wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
};

const caller = (org: string, roles: CallerFacts['roles'], areaIds = ['vk']): CallerFacts => ({
  org,
  sub: `${org}-x`,
  roles,
  staffId: 's-1',
  areaIds,
});

describe('clientPartyCodes (domain.md §1)', () => {
  it('is the home municipality’s employment authority and HVA, and Kela — not the area’s other EA', () => {
    expect(clientPartyCodes(kerava)).toEqual(['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela']);
  });

  it('lists Helsinki once when it holds both roles', () => {
    expect(
      clientPartyCodes({ employmentAuthorityCode: 'helsinki', wellbeingCountyOrganiserCode: 'helsinki' }),
    ).toEqual(['helsinki', 'kela']);
  });
});

describe('caseAccess', () => {
  const kase = (callerOnTeam: boolean) => ({
    cooperationAreaId: 'vk',
    clientPartyCodes: clientPartyCodes(kerava),
    callerOnTeam,
  });

  it('gives nothing to another employment authority of the area, on the team or as its coordinator', () => {
    expect(caseAccess(caller('ea-vantaa', ['coordinator']), kase(false))).toBe('none');
    expect(caseAccess(caller('ea-vantaa', ['caseworker']), kase(true))).toBe('none');
    expect(caseAccess(caller('ea-vantaa', ['partner']), kase(false))).toBe('none');
    expect(seesMeeting(caller('ea-vantaa', ['caseworker']), 'none', true, kase(false))).toBe(false);
  });

  it('gives the parties’ team and allocated coordinators full access, their systems ids', () => {
    expect(caseAccess(caller('kela', ['caseworker']), kase(true))).toBe('full');
    expect(caseAccess(caller('ea-kerava-sipoo', ['coordinator']), kase(false))).toBe('full');
    expect(caseAccess(caller('ea-kerava-sipoo', ['coordinator'], []), kase(false))).toBe('none');
    expect(caseAccess(caller('hva-vantaa-kerava', ['partner']), kase(false))).toBe('ids');
    expect(seesMeeting(caller('hva-vantaa-kerava', ['caseworker']), 'none', true, kase(false))).toBe(true);
  });
});
