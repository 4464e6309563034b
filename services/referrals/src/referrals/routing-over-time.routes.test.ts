import { readFileSync } from 'node:fs';
import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * Issue 11 item 3: a case keeps the parties stored when its referral was routed; reference
 * data loaded later (a municipality moving to another employment area) changes only the
 * routing of new referrals.
 */
describe('routing when the reference data changes', () => {
  let h: ReferralsTestApp;
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  /** The shared 2025 file with Kerava (245) moved from Kerava–Sipoo to Vantaa. */
  const keravaToVantaa = readFileSync(
    new URL('../../../resourcing/data/employment_areas.csv', import.meta.url),
    'utf8',
  )
    .split('\n')
    .map((line) => {
      if (line.startsWith('vantaa,')) return line.replace(',092,vantaa-kerava,', ',092;245,vantaa-kerava,');
      if (line.startsWith('kerava-sipoo,'))
        return line.replace(',Kerava,245;753,ita-uusimaa;vantaa-kerava,', ',Sipoo,753,ita-uusimaa,');
      return line;
    })
    .join('\n');

  beforeAll(async () => {
    h = await createReferralsTestApp();
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('keeps the parties of an existing case and routes a new referral by the new data', async () => {
    const first = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: kela(),
      payload: referralBody(makeHetu('070790', '-', '781'), '245'),
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      employmentAuthorityCode: 'ea-kerava-sipoo',
      wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
      cooperationAreaId: h.area('vantaa-kerava'),
    });
    const accepted = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${first.json().id}/accept`,
      headers: hva(),
      payload: {},
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const caseId = accepted.json().case.id;
    const caseBefore = (
      await h.t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: hva() })
    ).json();
    expect(caseBefore.employmentAuthorityCode).toBe('ea-kerava-sipoo');

    // From today Kerava belongs to the Vantaa employment area.
    const load = await h.t.app.inject({
      method: 'POST',
      url: '/v1/reference-data/employment-areas?validFrom=2026-03-19',
      headers: { ...h.as('kela', ['admin']), 'content-type': 'text/csv' },
      payload: keravaToVantaa,
    });
    expect(load.statusCode, load.body).toBe(200);
    expect(load.json().moved).toEqual([{ municipalityCode: '245', from: 'kerava-sipoo', to: 'vantaa' }]);

    const caseAfter = (
      await h.t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: hva() })
    ).json();
    expect(caseAfter.employmentAuthorityCode).toBe('ea-kerava-sipoo');
    expect(caseAfter.cooperationAreaId).toBe(caseBefore.cooperationAreaId);
    expect(caseAfter.partyOrganisationCodes).toEqual(caseBefore.partyOrganisationCodes);
    expect(caseAfter.partyOrganisationCodes).toContain('ea-kerava-sipoo');
    const referralAfter = (
      await h.t.app.inject({ method: 'GET', url: `/v1/referrals/${first.json().id}`, headers: hva() })
    ).json();
    expect(referralAfter.employmentAuthorityCode).toBe('ea-kerava-sipoo');

    const second = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: kela(),
      payload: referralBody(makeHetu('080790', '-', '782'), '245'),
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({
      employmentAuthorityCode: 'ea-vantaa',
      wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
      cooperationAreaId: h.area('vantaa-kerava'),
    });
  });

  it('routes a referral by the data in force on the service’s today, not by a later period', async () => {
    // Kerava back to Kerava–Sipoo from 1 April; the service's day is still 19 March.
    const original = readFileSync(
      new URL('../../../resourcing/data/employment_areas.csv', import.meta.url),
      'utf8',
    );
    const load = await h.t.app.inject({
      method: 'POST',
      url: '/v1/reference-data/employment-areas?validFrom=2026-04-01',
      headers: { ...h.as('kela', ['admin']), 'content-type': 'text/csv' },
      payload: original,
    });
    expect(load.statusCode, load.body).toBe(200);
    expect(load.json().moved).toEqual([{ municipalityCode: '245', from: 'vantaa', to: 'kerava-sipoo' }]);
    const refer = (individual: string) =>
      h.t.app.inject({
        method: 'POST',
        url: '/v1/referrals',
        headers: kela(),
        payload: referralBody(makeHetu('090790', '-', individual), '245'),
      });
    const before = await refer('783');
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json().employmentAuthorityCode).toBe('ea-vantaa');
    h.clock.set('2026-04-01T09:00:00Z');
    try {
      const after = await refer('784');
      expect(after.statusCode, after.body).toBe(201);
      expect(after.json().employmentAuthorityCode).toBe('ea-kerava-sipoo');
    } finally {
      h.clock.set('2026-03-19T10:00:00Z');
    }
  });

  it('routes a referral naming a merged municipality (Pertunmaa 588) to its successor’s parties, recording the successor as home municipality', async () => {
    await h.staff({ org: 'kela', sub: 'kela-es', roles: ['caseworker'], areas: ['etela-savo'] });
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/referrals',
      headers: h.as('kela', ['caseworker'], 'kela-es'),
      payload: referralBody(makeHetu('100790', '-', '785'), '588'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      homeMunicipalityCode: '507',
      employmentAuthorityCode: 'ea-mikkelin-seutu',
      wellbeingCountyOrganiserCode: 'hva-etela-savo',
      cooperationAreaId: h.area('etela-savo'),
    });
  });
});
