import { referralRespondBy } from '@tym/domain';
import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

// The referral response time is a setting of the cooperation agreement in force (a rule the
// law leaves to regions), read through the resourcing service; 14 days without one.
let h: ReferralsTestApp;
beforeAll(async () => {
  h = await createReferralsTestApp();
  await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['pirkanmaa'] });
});
afterAll(async () => {
  await h.close();
});

const member = (organisationCode: string, position: string, name: string) => ({
  organisationCode,
  position,
  name,
  deputy: { name: `${name} (deputy)` },
});

it('answers respondBy from the agreement in force in the client’s area, else from the 14-day default', async () => {
  const kela = h.as('kela', ['caseworker'], 'kela-cw');
  const before = await h.t.app.inject({
    method: 'POST',
    url: '/v1/referrals',
    headers: kela,
    payload: referralBody(makeHetu('010190', '-', '123'), '245'),
  });
  expect(before.statusCode, before.body).toBe(201);
  expect(before.json().respondBy).toBe(referralRespondBy('2026-03-19', 14).dueOn);

  const area = h.area('vantaa-kerava');
  const group = await h.t.app.inject({
    method: 'POST',
    url: '/v1/management-groups',
    headers: h.as('ea-kerava-sipoo', ['admin']),
    payload: {
      cooperationAreaId: area,
      termStartOn: '2025-01-01',
      members: [
        member('ea-kerava-sipoo', 'chair', 'Kaija Puheenjohtaja'),
        member('hva-vantaa-kerava', 'vice_chair', 'Ville Varapuheenjohtaja'),
        member('ea-vantaa', 'member', 'Eeva Jäsen'),
        member('kela', 'member', 'Kalle Jäsen'),
      ],
    },
  });
  expect(group.statusCode, group.body).toBe(201);
  const parties = ['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'];
  const agreement = await h.t.app.inject({
    method: 'POST',
    url: '/v1/agreements',
    headers: h.as('ea-kerava-sipoo', ['admin']),
    payload: {
      managementGroupId: group.json().id,
      parties: parties.map((organisationCode) => ({ organisationCode })),
      servicesArrangement: 'Joint service point.',
      staffingCommitments: parties.map((organisationCode) => ({
        organisationCode,
        taskTitle: 'Coordinator',
        headcount: 1,
        fte: 1,
      })),
      costSharing: { method: 'proportional_to_fte' },
      kelaContribution: { kind: 'share', percent: 10 },
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      settings: { referralResponseDays: 10 },
    },
  });
  expect(agreement.statusCode, agreement.body).toBe(201);
  for (const org of parties) {
    const ok = await h.t.app.inject({
      method: 'POST',
      url: `/v1/agreements/${agreement.json().id}/approvals`,
      headers: { ...h.as(org, ['admin']), 'if-match': '"1"' },
      payload: { approvedOn: '2026-01-02' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  }

  const after = await h.t.app.inject({
    method: 'POST',
    url: '/v1/referrals',
    headers: kela,
    payload: referralBody(makeHetu('020290', '-', '124'), '245'),
  });
  expect(after.statusCode, after.body).toBe(201);
  // 10 days from Thursday 2026-03-19 is Sunday 2026-03-29 → Monday 2026-03-30 (150/1930 §5).
  expect(after.json().respondBy).toBe('2026-03-30');
  // Helsinki has no agreement: still 14 days.
  const elsewhere = await h.t.app.inject({
    method: 'POST',
    url: '/v1/referrals',
    headers: kela,
    payload: referralBody(makeHetu('030390', '-', '125'), '091'),
  });
  expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  expect(elsewhere.json().respondBy).toBe('2026-04-02');
});
