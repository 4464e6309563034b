import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * Issue 10 item 12: individual numbers 900–999 are temporary identifiers, not
 * henkilötunnus (packages/domain/src/hetu-type.ts). Accepted only when the caller says so
 * (`client.identityCodeType: 'temporary'`), stored with the client and shown with the code.
 */
describe('temporary identity codes', () => {
  let h: ReferralsTestApp;
  const kela = (extra: Record<string, string> = {}) => h.as('kela', ['caseworker'], 'kela-tmp', extra);
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-tmp');
  const counts = async () => ({
    clients: await h.count('referrals.clients'),
    referrals: await h.count('referrals.referrals'),
    events: await h.count('platform.events'),
    deadlines: await h.count('platform.deadlines'),
  });
  const post = (body: object, headers = kela()) =>
    h.t.app.inject({ method: 'POST', url: '/v1/referrals', headers, payload: body });
  const withType = (code: string, identityCodeType?: unknown) => {
    const body = referralBody(code);
    return { ...body, client: { ...body.client, identityCodeType } };
  };
  const acceptAndRead = async (referralId: string, clientId: string) => {
    const accepted = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${referralId}/accept`,
      headers: hva(),
      payload: {},
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const res = await h.t.app.inject({ method: 'GET', url: `/v1/clients/${clientId}`, headers: hva() });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    h = await createReferralsTestApp();
    await h.staff({ org: 'kela', sub: 'kela-tmp', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-tmp',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it.each([
    [
      'fi',
      'Henkilötunnus on tilapäinen tunniste (yksilönumero 900–999), mutta sitä ei ole ilmoitettu tilapäiseksi',
    ],
    [
      'sv',
      'Personbeteckningen är en tillfällig identifierare (individnummer 900–999) men har inte angetts som tillfällig',
    ],
    [
      'en',
      'The identity code is a temporary identifier (individual number 900–999) but is not declared temporary',
    ],
  ])('refuses a 9xx code without the temporary flag (%s) and writes nothing', async (lang, title) => {
    const code = makeHetu('150380', '-', '912');
    const before = await counts();
    for (const body of [referralBody(code), withType(code, 'henkilotunnus')]) {
      const res = await post(body, kela({ 'accept-language': lang }));
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'IDENTITY_CODE_TEMPORARY_NOT_DECLARED',
        title,
        errors: [{ location: 'body.client.identityCode', rule: 'temporary_not_declared' }],
      });
      expect(res.body).not.toContain(code);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses the temporary flag on a real henkilötunnus, naming the field', async () => {
    const code = makeHetu('150380', '-', '512');
    const before = await counts();
    const res = await post(withType(code, 'temporary'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'IDENTITY_CODE_NOT_TEMPORARY',
      errors: [{ location: 'body.client.identityCodeType', rule: 'not_temporary' }],
    });
    expect(res.body).not.toContain(code);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown type with 400', async () => {
    const res = await post(withType(makeHetu('150380', '-', '912'), 'passport'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(
      'body.client.identityCodeType',
    );
  });

  it('accepts a declared temporary code, stores the type and shows it with the code', async () => {
    const code = makeHetu('150380', '-', '934');
    const res = await post(withType(code, 'temporary'));
    expect(res.statusCode, res.body).toBe(201);
    const { id, clientId } = res.json();
    const stored = await h.database.pool.query(
      'SELECT identity_code_type FROM referrals.clients WHERE id = $1',
      [clientId],
    );
    expect(stored.rows).toEqual([{ identity_code_type: 'temporary' }]);

    // Masked for a party off the case team: the type says what the masked code is.
    const masked = await h.t.app.inject({
      method: 'POST',
      url: '/v1/clients/search',
      headers: kela(),
      payload: { identityCode: code },
    });
    expect(masked.statusCode).toBe(200);
    expect(masked.json()).toMatchObject({
      identityCode: `${code.slice(0, 7)}****`,
      identityCodeMasked: true,
      identityCodeType: 'temporary',
    });
    // In full for the case team.
    expect(await acceptAndRead(id, clientId)).toMatchObject({
      identityCode: code,
      identityCodeMasked: false,
      identityCodeType: 'temporary',
    });
  });

  it('treats a code without a type as a henkilötunnus and shows that', async () => {
    const code = makeHetu('150380', '-', '236');
    const res = await post(referralBody(code));
    expect(res.statusCode, res.body).toBe(201);
    expect(await acceptAndRead(res.json().id, res.json().clientId)).toMatchObject({
      identityCode: code,
      identityCodeType: 'henkilotunnus',
    });
  });
});
