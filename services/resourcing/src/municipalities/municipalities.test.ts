import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../reference-data/reference-data.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import { findMunicipalityRouting } from './municipalities.service.js';

describe('municipalities and routing', () => {
  let h: ResourcingTestApp;
  const caseworker = () => h.as('kela', ['caseworker']);
  const get = (url: string, headers: Record<string, string> = caseworker()) =>
    h.t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    h = await createResourcingTestApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('routes every one of the 309 municipalities or says exactly why not', async () => {
    const data = loadReferenceData();
    const outcomes = new Map<string, string[]>();
    for (const m of data.municipalities) {
      const res = await get(`/v1/municipalities/${m.code}`);
      let outcome: string;
      if (res.statusCode === 200) outcome = 'routed';
      else {
        expect(res.statusCode).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
        outcome = res.json().code;
      }
      outcomes.set(outcome, [...(outcomes.get(outcome) ?? []), m.code]);
    }
    expect([...outcomes.keys()].sort()).toEqual([
      'EMPLOYMENT_AREA_NOT_CONFIGURED',
      'MUNICIPALITY_OUTSIDE_TYM',
      'routed',
    ]);
    const configured = data.employmentAreas.flatMap((a) => a.municipalityCodes);
    expect(outcomes.get('MUNICIPALITY_OUTSIDE_TYM')).toHaveLength(16);
    expect(outcomes.get('routed')).toHaveLength(101);
    expect(outcomes.get('routed')?.sort()).toEqual([...configured].sort());
    expect(outcomes.get('EMPLOYMENT_AREA_NOT_CONFIGURED')).toHaveLength(309 - 16 - 101);
    // Åland municipalities are exactly those without a county.
    expect(outcomes.get('MUNICIPALITY_OUTSIDE_TYM')?.sort()).toEqual(
      data.municipalities
        .filter((m) => m.wellbeingCountyId === null)
        .map((m) => m.code)
        .sort(),
    );
  });

  it('routes Helsinki to the City of Helsinki in both roles', async () => {
    const res = await get('/v1/municipalities/091');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      municipality: { code: '091', nameFi: 'Helsinki', nameSv: 'Helsingfors', language: 'bilingual' },
      wellbeingCounty: { id: 'helsinki' },
      hvaOrganiser: { code: 'helsinki', nameEn: 'City of Helsinki' },
      employmentAuthority: {
        organisation: { code: 'helsinki' },
        employmentArea: { id: 'helsinki', model: 'alone', status: 'verified' },
      },
      cooperationArea: { code: 'helsinki' },
    });
    expect(body.cooperationArea.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('routes Kerava and Sipoo to one employment area but different HVAs and cooperation areas', async () => {
    const kerava = (await get('/v1/municipalities/245')).json();
    const sipoo = (await get('/v1/municipalities/753')).json();
    expect(kerava.employmentAuthority.employmentArea.id).toBe('kerava-sipoo');
    expect(sipoo.employmentAuthority.employmentArea.id).toBe('kerava-sipoo');
    expect(kerava.employmentAuthority.organisation.code).toBe('ea-kerava-sipoo');
    expect(kerava.hvaOrganiser.code).toBe('hva-vantaa-kerava');
    expect(sipoo.hvaOrganiser.code).toBe('hva-ita-uusimaa');
    expect(kerava.cooperationArea.code).toBe('vantaa-kerava');
    expect(sipoo.cooperationArea.code).toBe('ita-uusimaa');
  });

  it('splits Suupohja between Etelä-Pohjanmaa and Pohjanmaa', async () => {
    const members = ['151', '218', '232', '287', '301', '846'];
    const byCounty = new Map<string, string[]>();
    for (const code of members) {
      const body = (await get(`/v1/municipalities/${code}`)).json();
      expect(body.employmentAuthority.organisation.code).toBe('ea-suupohja');
      expect(body.cooperationArea.code).toBe(body.wellbeingCounty.id);
      byCounty.set(body.wellbeingCounty.id, [...(byCounty.get(body.wellbeingCounty.id) ?? []), code]);
    }
    expect(Object.fromEntries(byCounty)).toEqual({
      'etela-pohjanmaa': ['151', '218', '232', '301', '846'],
      pohjanmaa: ['287'],
    });
  });

  it('refuses Åland with MUNICIPALITY_OUTSIDE_TYM in the caller’s language', async () => {
    const res = await get('/v1/municipalities/478', { ...caseworker(), 'accept-language': 'sv' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'MUNICIPALITY_OUTSIDE_TYM',
      title: 'Kommunen omfattas inte av det sektorsövergripande stödet (Åland)',
      municipalityCode: '478',
    });
    expect(res.json().detail).toContain('Åland');
  });

  it('names the municipality and the administrator’s task when its area is missing', async () => {
    const res = await get('/v1/municipalities/837');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('EMPLOYMENT_AREA_NOT_CONFIGURED');
    expect(body.detail).toContain('Tampere (837)');
    expect(body.detail).toContain('administrator must add its employment area');
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    const unknown = await get('/v1/municipalities/000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('MUNICIPALITY_NOT_FOUND');
    for (const bad of ['91', '0911', 'abc']) {
      const res = await get(`/v1/municipalities/${bad}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].location).toBe('params.code');
    }
    await expect(findMunicipalityRouting(h.database.db, 'x')).rejects.toMatchObject({
      code: 'MUNICIPALITY_NOT_FOUND',
    });
  });

  it('lists all 309 municipalities and filters by county and language', async () => {
    const all = await get('/v1/municipalities');
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(309);
    expect(all.json().nextCursor).toBeNull();
    expect(all.json().items[0]).toEqual({
      code: '005',
      nameFi: 'Alajärvi',
      nameSv: 'Alajärvi',
      language: 'fi',
      regionFi: 'Etelä-Pohjanmaa',
      wellbeingCountyId: 'etela-pohjanmaa',
      employmentAreaId: null,
    });
    const eastUusimaa = (await get('/v1/municipalities?county=ita-uusimaa')).json().items;
    expect(eastUusimaa.map((m: { code: string }) => m.code)).toEqual([
      '018',
      '407',
      '434',
      '504',
      '616',
      '638',
      '753',
    ]);
    const swedish = (await get('/v1/municipalities?language=sv')).json().items;
    expect(swedish.every((m: { language: string }) => m.language === 'sv')).toBe(true);
    const both = (await get('/v1/municipalities?county=pohjanmaa&language=sv')).json().items;
    expect(both.map((m: { nameSv: string }) => m.nameSv)).toEqual(['Närpes']);
    expect((await get('/v1/municipalities?county=nowhere')).json().items).toEqual([]);
  });

  it('rejects unknown and invalid filters, and callers without a token', async () => {
    const unknown = await get('/v1/municipalities?colour=blue');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].location).toBe('query.colour');
    const language = await get('/v1/municipalities?language=de');
    expect(language.statusCode).toBe(400);
    expect(language.json().errors[0].location).toBe('query.language');
    const anonymous = await h.t.app.inject({ method: 'GET', url: '/v1/municipalities/091' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets every role read the directory', async () => {
    for (const role of ['caseworker', 'coordinator', 'admin', 'auditor', 'partner']) {
      const res = await get('/v1/municipalities/245', h.as('hva-lappi', [role]));
      expect(res.statusCode).toBe(200);
    }
  });
});
