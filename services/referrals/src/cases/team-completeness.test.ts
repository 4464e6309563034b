import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * 381/2023 §4: a case whose team lacks the client's employment authority, the HVA or Kela is
 * flagged on the case and in the caseload.
 */
describe('cases: is the team complete', () => {
  let h: ReferralsTestApp;
  const ids: Record<string, string> = {};
  const kela = () => h.as('kela', ['caseworker'], 'tc-kela');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'tc-hva');
  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    h = await createReferralsTestApp();
    ids.kela = await h.staff({
      org: 'kela',
      sub: 'tc-kela',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'tc-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'tc-ea',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.eaVantaa = await h.staff({
      org: 'ea-vantaa',
      sub: 'tc-eav',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('flags the missing parties until the team holds all three', async () => {
    const referral = await inject(
      'POST',
      '/v1/referrals',
      kela(),
      referralBody(makeHetu('170590', '-', '543'), '245'),
    );
    expect(referral.statusCode, referral.body).toBe(201);
    const accepted = await inject('POST', `/v1/referrals/${referral.json().id}/accept`, hva(), {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const caseId = accepted.json().case.id as string;

    const view = async () => (await inject('GET', `/v1/cases/${caseId}`, hva())).json();
    const listed = async () =>
      (
        (await inject('GET', '/v1/cases?mine=true', hva())).json().items as Array<Record<string, unknown>>
      ).find((c) => c.id === caseId);
    expect(await view()).toMatchObject({
      teamComplete: false,
      missingParties: ['employment_authority', 'kela'],
    });
    expect(await listed()).toMatchObject({
      teamComplete: false,
      missingParties: ['employment_authority', 'kela'],
    });

    const kelaAdded = await inject('POST', `/v1/cases/${caseId}/team`, hva(), {
      staffId: ids.kela,
      role: 'member',
    });
    expect(kelaAdded.statusCode, kelaAdded.body).toBe(200);
    // Another employment authority of the area is not the client's: it cannot join the team.
    const vantaa = await inject('POST', `/v1/cases/${caseId}/team`, hva(), {
      staffId: ids.eaVantaa,
      role: 'member',
    });
    expect(vantaa.statusCode, vantaa.body).toBe(422);
    expect(vantaa.json().code).toBe('CASE_TEAM_NOT_A_PARTY');
    expect(await view()).toMatchObject({ teamComplete: false, missingParties: ['employment_authority'] });

    const ea = await inject('POST', `/v1/cases/${caseId}/team`, hva(), { staffId: ids.ea, role: 'member' });
    expect(ea.statusCode, ea.body).toBe(200);
    expect(await view()).toMatchObject({ teamComplete: true, missingParties: [] });
    expect(await listed()).toMatchObject({ teamComplete: true, missingParties: [] });
  }, 120_000);
});
