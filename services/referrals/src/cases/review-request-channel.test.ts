import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';
import { setCaseActive } from './cases.queries.js';

// Issue 15: `channel` of a review request was required and undocumented (a 400 for a
// caseworker who only wanted to record that the client asked). It now defaults to in_person.
describe('POST /v1/cases/{id}/review-requests: channel', () => {
  let h: ReferralsTestApp;
  let caseId = '';
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'ch-hva');

  beforeAll(async () => {
    h = await createReferralsTestApp();
    h.clock.set('2026-04-15T09:00:00Z');
    await h.staff({ org: 'kela', sub: 'ch-kela', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'ch-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    const referral = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: h.as('kela', ['caseworker'], 'ch-kela'),
      payload: referralBody(makeHetu('120385', '-', '321')),
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const accepted = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${referral.json().id}/accept`,
      headers: hva(),
      payload: {},
    });
    caseId = accepted.json().case.id;
    await h.database.db.transaction((tx) =>
      setCaseActive(tx, caseId, {
        agreedOn: '2026-04-15',
        actor: { organisation: 'ea-kerava-sipoo', sub: 'someone' },
        now: h.clock.now(),
      }),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('records a request without a channel as in_person', async () => {
    h.clock.set('2026-04-20T09:00:00Z');
    const res = await h.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/review-requests`,
      headers: hva(),
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'in_person', requestedOn: '2026-04-20' });
  });

  it('keeps a given channel and refuses an unknown one', async () => {
    const phone = await h.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/review-requests`,
      headers: hva(),
      payload: { channel: 'phone' },
    });
    expect(phone.json().channel).toBe('phone');
    const bad = await h.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/review-requests`,
      headers: hva(),
      payload: { channel: 'pigeon' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].location).toBe('body.channel');
  });
});
