import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

describe('clients', () => {
  let h: ReferralsTestApp;
  const code = makeHetu('241299', 'Y', '567');
  let clientId: string;
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');

  beforeAll(async () => {
    h = await createReferralsTestApp();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    const body = referralBody(code.toLowerCase(), '245', {});
    body.client = {
      ...body.client,
      specialArrangements: { interpreterLanguage: 'ar', remoteOnly: true },
      informationWishes: 'Contact by text message first.',
    } as typeof body.client;
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: kela(),
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    clientId = res.json().clientId;
    const accepted = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${res.json().id}/accept`,
      headers: hva(),
      payload: {},
    });
    expect(accepted.statusCode).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows the client in full to the case team, with the canonical (upper-case) code', async () => {
    const res = await h.t.app.inject({ method: 'GET', url: `/v1/clients/${clientId}`, headers: hva() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: clientId,
      identityCode: code,
      identityCodeMasked: false,
      firstNames: 'Maija Liisa',
      lastName: 'Meikäläinen',
      homeMunicipalityCode: '245',
      preferredLanguage: 'fi',
      contactDetails: { phone: '+358 40 123 4567' },
      specialArrangements: { interpreterLanguage: 'ar', remoteOnly: true },
      informationWishes: 'Contact by text message first.',
    });
  });

  it('finds a client by identity code in the body, masked for a party off the team', async () => {
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/clients/search',
      headers: kela(),
      payload: { identityCode: ` ${code.toLowerCase()} ` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: clientId,
      identityCode: `${code.slice(0, 7)}****`,
      identityCodeMasked: true,
    });
  });

  const invalid: Array<[string, string, string]> = [
    ['wrong checksum', '241299Y567A', 'IDENTITY_CODE_CHECKSUM_MISMATCH'],
    ['impossible date', '300299Y567A', 'IDENTITY_CODE_DATE_INVALID'],
    ['unknown century sign', '241299Z567A', 'IDENTITY_CODE_CENTURY_SIGN_UNKNOWN'],
    ['individual number 001', makeHetu('241299', 'Y', '001'), 'IDENTITY_CODE_INDIVIDUAL_NUMBER_INVALID'],
    ['not a code', 'hello', 'IDENTITY_CODE_FORMAT_INVALID'],
  ];
  it.each(invalid)('refuses a search with a %s', async (_name, identityCode, problem) => {
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/clients/search',
      headers: kela(),
      payload: { identityCode },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: problem, errors: [{ location: 'body.identityCode' }] });
    expect(res.body).not.toContain(identityCode);
  });

  it('answers 404 to callers without a personal access right or a reason to see the client', async () => {
    for (const headers of [
      h.as('hva-vantaa-kerava', ['caseworker'], 'not-in-directory'),
      h.as('hva-pirkanmaa', ['caseworker'], 'someone'),
      h.as('kela', ['admin'], 'kela-admin'),
    ]) {
      const res = await h.t.app.inject({ method: 'GET', url: `/v1/clients/${clientId}`, headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CLIENT_NOT_FOUND');
    }
    const search = await h.t.app.inject({
      method: 'POST',
      url: '/v1/clients/search',
      headers: h.as('hva-vantaa-kerava', ['caseworker'], 'not-in-directory'),
      payload: { identityCode: code },
    });
    expect(search.statusCode).toBe(403);
    expect(search.json().code).toBe('STAFF_RECORD_REQUIRED');
  });

  it('updates an existing client from a new referral without losing details', async () => {
    // The client moves to Helsinki; a new referral there updates the municipality and keeps the rest.
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: kela(),
      payload: {
        ...referralBody(code, '091'),
        client: {
          identityCode: code,
          firstNames: 'Maija Liisa',
          lastName: 'Meikäläinen',
          homeMunicipalityCode: '091',
        },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().clientId).toBe(clientId);
    const client = await h.t.app.inject({ method: 'GET', url: `/v1/clients/${clientId}`, headers: hva() });
    expect(client.json()).toMatchObject({
      homeMunicipalityCode: '091',
      contactDetails: { phone: '+358 40 123 4567' },
      informationWishes: 'Contact by text message first.',
    });
    expect(await h.count('referrals.clients')).toBe(1);
    expect(
      await h.count('referrals.access_log', `action = 'client.update' AND client_id = '${clientId}'`),
    ).toBe(1);
  });
});
