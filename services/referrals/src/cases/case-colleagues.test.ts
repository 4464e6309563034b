import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

// Issue 15: building the three-party team needed staff ids passed around outside the system
// (another party's staff were 403/404). GET /v1/cases/{id}/colleagues lists them.
describe('GET /v1/cases/{id}/colleagues', () => {
  let h: ReferralsTestApp;
  const ids: Record<string, string> = {};
  let caseId = '';
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'cc-hva');
  const get = (url: string, headers: Record<string, string>) =>
    h.t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    h = await createReferralsTestApp();
    ids.kela = await h.staff({
      org: 'kela',
      sub: 'cc-kela',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'cc-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'cc-ea',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    // Another employment authority of the same area: not a party of a Kerava client.
    ids.eaVantaa = await h.staff({
      org: 'ea-vantaa',
      sub: 'cc-eav',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    // Kela staff elsewhere only.
    ids.kelaElsewhere = await h.staff({
      org: 'kela',
      sub: 'cc-kela-2',
      roles: ['caseworker'],
      areas: ['helsinki'],
    });
    const referral = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: h.as('kela', ['caseworker'], 'cc-kela'),
      payload: referralBody(makeHetu('170590', '-', '611'), '245'),
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const accepted = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${referral.json().id}/accept`,
      headers: hva(),
      payload: {},
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    caseId = accepted.json().case.id;
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('lists the staff of the client’s three parties in the case’s area: card fields only', async () => {
    const res = await get(`/v1/cases/${caseId}/colleagues`, hva());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.cooperationAreaId).toBe(h.area('vantaa-kerava'));
    expect(body.items.map((c: { staffId: string }) => c.staffId).sort()).toEqual(
      [ids.ea, ids.hva, ids.kela].sort(),
    );
    expect(body.items.find((c: { staffId: string }) => c.staffId === ids.ea)).toEqual({
      staffId: ids.ea,
      displayName: expect.any(String),
      organisationCode: 'ea-kerava-sipoo',
      roles: ['caseworker'],
      fte: 0.5,
    });
    expect(
      await h.count('referrals.access_log', `action = 'case.colleagues' AND resource_id = '${caseId}'`),
    ).toBe(1);
  });

  it('answers 404 to whoever may not see the case, and writes no access-log row then', async () => {
    const before = await h.count('referrals.access_log', `action = 'case.colleagues'`);
    for (const headers of [
      h.as('ea-vantaa', ['caseworker'], 'cc-eav'), // same area, not a party
      h.as('kela', ['caseworker'], 'cc-kela-2'), // a party, not on the team
      h.as('hva-lappi', ['coordinator'], 'someone'),
    ]) {
      expect((await get(`/v1/cases/${caseId}/colleagues`, headers)).statusCode).toBe(404);
    }
    expect((await get('/v1/cases/00000000-0000-4000-8000-000000000000/colleagues', hva())).statusCode).toBe(
      404,
    );
    expect(await h.count('referrals.access_log', `action = 'case.colleagues'`)).toBe(before);
  });

  it('builds the team in one more request each: the ids come from the list', async () => {
    const res = await get(`/v1/cases/${caseId}/colleagues`, hva());
    const kela = res.json().items.find((c: { organisationCode: string }) => c.organisationCode === 'kela');
    const added = await h.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/team`,
      headers: hva(),
      payload: { staffId: kela.staffId, role: 'member' },
    });
    expect(added.statusCode, added.body).toBe(200);
  });
});
