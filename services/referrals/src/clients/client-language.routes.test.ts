import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/** The client's language is recorded or asked, never presumed Finnish (kielilaki 423/2003 §10). */
describe('the client’s language', () => {
  let h: ReferralsTestApp;
  let clientId: string;
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const stranger = () => h.as('hva-pirkanmaa', ['caseworker'], 'far-cw');

  beforeAll(async () => {
    h = await createReferralsTestApp();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    await h.staff({ org: 'hva-pirkanmaa', sub: 'far-cw', roles: ['caseworker'], areas: ['pirkanmaa'] });
    // Vantaa (092) is bilingual; the referral gives no language.
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: kela(),
      payload: referralBody(makeHetu('030388', '-', '347'), '092', {}),
    });
    expect(res.statusCode).toBe(201);
    clientId = res.json().clientId;
  });
  afterAll(async () => {
    await h.close();
  });

  it('is recorded as und (to be asked) for a bilingual municipality, never a presumed fi', async () => {
    const res = await h.t.app.inject({ url: `/v1/clients/${clientId}`, headers: kela() });
    expect(res.statusCode).toBe(200);
    expect(res.json().preferredLanguage).toBe('und');
  });

  it('is recorded by staff who see the client once asked, and logged', async () => {
    const before = await h.count('referrals.access_log', `action = 'client.language.update'`);
    const res = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/clients/${clientId}/language`,
      headers: hva(),
      payload: { preferredLanguage: 'sv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: clientId, preferredLanguage: 'sv' });
    expect(await h.count('referrals.access_log', `action = 'client.language.update'`)).toBe(before + 1);
  });

  it('refuses a malformed language (400, the field named) and a stranger (404), changing nothing', async () => {
    const bad = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/clients/${clientId}/language`,
      headers: hva(),
      payload: { preferredLanguage: 'Svenska' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('preferredLanguage');
    const far = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/clients/${clientId}/language`,
      headers: stranger(),
      payload: { preferredLanguage: 'fi' },
    });
    expect(far.statusCode).toBe(404);
    expect(
      (await h.t.app.inject({ url: `/v1/clients/${clientId}`, headers: kela() })).json().preferredLanguage,
    ).toBe('sv');
  });
});
