import { describe, expect, it } from 'vitest';
import {
  confirmerRoles,
  endingComplete,
  missingTeamParties,
  requiredEndingConfirmers,
} from './case-rules.js';
import { reviewRequestRefusalProblem, reviewRequestStatuses } from './review-request-rules.js';

describe('ending confirmers (381/2023 §8)', () => {
  it('needs the client’s employment authority, HVA organiser and Kela', () => {
    const kerava = {
      employmentAuthorityCode: 'ea-kerava-sipoo',
      wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
    };
    const parties = [
      { organisationCode: 'ea-kerava-sipoo', roles: ['employment_authority' as const] },
      { organisationCode: 'ea-vantaa', roles: ['employment_authority' as const] },
      { organisationCode: 'hva-vantaa-kerava', roles: ['wellbeing_county' as const] },
      { organisationCode: 'kela', roles: ['kela' as const] },
    ];
    // Vantaa is a party of the area but not the client's employment authority.
    expect(requiredEndingConfirmers(kerava, parties)).toEqual([
      'ea-kerava-sipoo',
      'hva-vantaa-kerava',
      'kela',
    ]);
    expect(endingComplete(['a', 'b'], ['b'])).toBe(false);
    expect(endingComplete(['a', 'b'], ['b', 'a'])).toBe(true);
  });

  it('counts one Helsinki confirmation for both of its roles', () => {
    const helsinki = { employmentAuthorityCode: 'helsinki', wellbeingCountyOrganiserCode: 'helsinki' };
    const parties = [
      { organisationCode: 'helsinki', roles: ['employment_authority' as const, 'wellbeing_county' as const] },
      { organisationCode: 'kela', roles: ['kela' as const] },
    ];
    expect(requiredEndingConfirmers(helsinki, parties)).toEqual(['helsinki', 'kela']);
    expect(confirmerRoles(helsinki, 'helsinki', parties)).toEqual([
      'employment_authority',
      'wellbeing_county',
    ]);
    expect(endingComplete(['helsinki', 'kela'], ['helsinki', 'kela'])).toBe(true);
  });
});

describe('missingTeamParties (381/2023 §4: the joint assessment and plan)', () => {
  const kase = {
    employmentAuthorityCode: 'ea-kerava-sipoo',
    wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
  };
  it('names the parties with nobody on the team, in a fixed order', () => {
    expect(missingTeamParties(kase, ['kela'], ['hva-vantaa-kerava'])).toEqual([
      'employment_authority',
      'kela',
    ]);
    expect(missingTeamParties(kase, ['kela'], ['hva-vantaa-kerava', 'ea-kerava-sipoo', 'kela'])).toEqual([]);
    expect(missingTeamParties(kase, ['kela'], [])).toEqual([
      'employment_authority',
      'wellbeing_county',
      'kela',
    ]);
  });
  it('counts only the client’s own employment authority and HVA, and any Kela of the area', () => {
    // ea-vantaa is a party of the area but not the client's employment authority.
    expect(missingTeamParties(kase, ['kela'], ['ea-vantaa', 'hva-vantaa-kerava', 'kela'])).toEqual([
      'employment_authority',
    ]);
    expect(missingTeamParties(kase, [], ['ea-kerava-sipoo', 'hva-vantaa-kerava'])).toEqual(['kela']);
  });
  it('lets Helsinki, holding both roles, fill both with one member', () => {
    const helsinki = { employmentAuthorityCode: 'helsinki', wellbeingCountyOrganiserCode: 'helsinki' };
    expect(missingTeamParties(helsinki, ['kela'], ['helsinki', 'kela'])).toEqual([]);
  });
});

describe('review requests and their refusal (381/2023 §6(1))', () => {
  const at = (iso: string) => new Date(iso);
  it('a request is open while the deadline set when it was recorded is pending', () => {
    const requests = [
      { id: 'old', recordedAt: at('2026-04-01T09:00:00Z'), refusedOn: null },
      { id: 'new', recordedAt: at('2026-05-01T09:00:00Z'), refusedOn: null },
      { id: 'no', recordedAt: at('2026-05-02T09:00:00Z'), refusedOn: '2026-05-03' },
    ];
    expect([...reviewRequestStatuses(requests, { createdAt: at('2026-05-01T09:00:00Z') })]).toEqual([
      ['old', 'closed'],
      ['new', 'open'],
      ['no', 'refused'],
    ]);
    expect(reviewRequestStatuses(requests, null).get('new')).toBe('closed');
  });
  it('only the employment authority refuses, an open request, with a written reason', () => {
    const kase = { employmentAuthorityCode: 'ea-kerava-sipoo' };
    const base = { callerOrganisationCode: 'ea-kerava-sipoo', kase, status: 'open' as const, reason: 'r' };
    expect(reviewRequestRefusalProblem(base)).toBeNull();
    expect(reviewRequestRefusalProblem({ ...base, callerOrganisationCode: 'hva-vantaa-kerava' })).toBe(
      'CASE_REVIEW_REFUSAL_NOT_EMPLOYMENT_AUTHORITY',
    );
    expect(reviewRequestRefusalProblem({ ...base, status: 'closed' })).toBe('CASE_REVIEW_REQUEST_NOT_OPEN');
    expect(reviewRequestRefusalProblem({ ...base, reason: '  ' })).toBe(
      'CASE_REVIEW_REFUSAL_REASON_REQUIRED',
    );
  });
});
