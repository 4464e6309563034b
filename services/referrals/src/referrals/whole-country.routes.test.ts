import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * Issue 11 item 1: with all 45 employment areas loaded, a referral from any mainland
 * municipality routes — these five were refused with EMPLOYMENT_AREA_NOT_CONFIGURED when
 * only 19 areas were known.
 */
describe('referrals from the whole country', () => {
  let h: ReferralsTestApp;
  const cities: Array<[string, string, string, string, string]> = [
    // [municipality, name, employment authority, HVA, cooperation area]
    ['837', 'Tampere', 'ea-tampereen-seutu', 'hva-pirkanmaa', 'pirkanmaa'],
    ['853', 'Turku', 'ea-turku', 'hva-varsinais-suomi', 'varsinais-suomi'],
    ['564', 'Oulu', 'ea-oulun-seutu', 'hva-pohjois-pohjanmaa', 'pohjois-pohjanmaa'],
    ['179', 'Jyväskylä', 'ea-jyvaskyla-muurame', 'hva-keski-suomi', 'keski-suomi'],
    ['297', 'Kuopio', 'ea-kuopio', 'hva-pohjois-savo', 'pohjois-savo'],
  ];

  beforeAll(async () => {
    h = await createReferralsTestApp();
    // A Kela caseworker allocated to each area the referrals go to.
    for (const [code, , , , area] of cities) {
      await h.staff({ org: 'kela', sub: `kela-${code}`, roles: ['caseworker'], areas: [area] });
    }
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it.each(cities)(
    'accepts a referral of a client living in %s (%s) and routes it to its parties',
    async (code, _name, authority, hva, area) => {
      const res = await h.t.app.inject({
        method: 'POST',
        url: '/v1/referrals',
        headers: h.as('kela', ['caseworker'], `kela-${code}`),
        payload: referralBody(makeHetu('150785', '-', `2${code.slice(1)}`), code),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'submitted',
        homeMunicipalityCode: code,
        employmentAuthorityCode: authority,
        wellbeingCountyOrganiserCode: hva,
        cooperationAreaId: h.area(area),
      });
    },
  );
});
