import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../reference-data/csv.js';
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

  it('routes every one of the 293 mainland municipalities to its employment authority and its own HVA', async () => {
    // The expectation is computed from the CSV columns of the service's copy of the data,
    // independently of the loader: area id -> `ea-<id>` (Helsinki: `helsinki`), county id ->
    // `hva-<id>` (Helsinki: `helsinki`), cooperation area = the county's default one.
    const dir = new URL('../../data/', import.meta.url);
    const csv = (file: string) => parseCsv(readFileSync(new URL(file, dir), 'utf8'));
    const countyOf = new Map(csv('municipalities.csv').map((m) => [m.code ?? '', m.wellbeing_county ?? '']));
    const areaOf = new Map<string, string>();
    for (const area of csv('employment_areas.csv')) {
      for (const code of area.member_codes?.split(';') ?? []) {
        expect(areaOf.has(code), `${code} in two areas`).toBe(false);
        areaOf.set(code, area.id ?? '');
      }
    }
    const mainland = [...countyOf].filter(([, county]) => county).map(([code]) => code);
    expect(mainland).toHaveLength(293);
    expect(areaOf.size).toBe(293);
    expect(csv('employment_areas.csv')).toHaveLength(45);

    const org = (id: string, prefix: string) => (id === 'helsinki' ? 'helsinki' : `${prefix}-${id}`);
    const expected: Record<string, object> = {};
    const actual: Record<string, object> = {};
    for (const code of mainland) {
      const area = areaOf.get(code) ?? '(none)';
      const county = countyOf.get(code) ?? '';
      expected[code] = {
        status: 200,
        area,
        authority: org(area, 'ea'),
        county,
        hva: org(county, 'hva'),
        cooperationArea: county,
      };
      const res = await get(`/v1/municipalities/${code}`);
      const body = res.json();
      actual[code] = {
        status: res.statusCode,
        area: body.employmentAuthority?.employmentArea?.id,
        authority: body.employmentAuthority?.organisation?.code,
        county: body.wellbeingCounty?.id,
        hva: body.hvaOrganiser?.code,
        cooperationArea: body.cooperationArea?.code,
      };
    }
    expect(actual).toEqual(expected);

    // Åland (no county in the data) answers as before: outside TYM.
    const aland = [...countyOf].filter(([, county]) => !county).map(([code]) => code);
    expect(aland).toHaveLength(16);
    for (const code of aland) {
      const res = await get(`/v1/municipalities/${code}`);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('MUNICIPALITY_OUTSIDE_TYM');
    }
  });

  it('routes the five areas that cross a county line to each municipality’s own HVA', async () => {
    const cases: Array<[string, string, string]> = [
      // [municipality, employment authority, HVA]
      ['245', 'ea-kerava-sipoo', 'hva-vantaa-kerava'],
      ['753', 'ea-kerava-sipoo', 'hva-ita-uusimaa'],
      ['287', 'ea-suupohja', 'hva-pohjanmaa'],
      ['151', 'ea-suupohja', 'hva-etela-pohjanmaa'],
      ['508', 'ea-etelainen-keski-suomi', 'hva-pirkanmaa'],
      ['182', 'ea-etelainen-keski-suomi', 'hva-keski-suomi'],
      ['305', 'ea-kainuu-koillismaa', 'hva-pohjois-pohjanmaa'],
      ['205', 'ea-kainuu-koillismaa', 'hva-kainuu'],
      ['593', 'ea-keski-savo', 'hva-etela-savo'],
      ['915', 'ea-keski-savo', 'hva-pohjois-savo'],
    ];
    for (const [code, authority, hva] of cases) {
      const body = (await get(`/v1/municipalities/${code}`)).json();
      expect([code, body.employmentAuthority.organisation.code, body.hvaOrganiser.code]).toEqual([
        code,
        authority,
        hva,
      ]);
      expect(body.cooperationArea.code).toBe(body.wellbeingCounty.id);
    }
  });

  it('routes the corrected areas: Kymppi in Etelä-Pohjanmaa, Etelä-Kymenlaakso around Kotka', async () => {
    for (const code of ['075', '285', '489', '624', '935']) {
      const body = (await get(`/v1/municipalities/${code}`)).json();
      expect(body.employmentAuthority.organisation.code).toBe('ea-etela-kymenlaakso');
      expect(body.hvaOrganiser.code).toBe('hva-kymenlaakso');
    }
    for (const code of ['005', '010', '052', '233', '300', '403', '408', '759', '934', '989']) {
      const body = (await get(`/v1/municipalities/${code}`)).json();
      expect(body.employmentAuthority).toMatchObject({
        organisation: { code: 'ea-kymppi' },
        employmentArea: { id: 'kymppi', model: 'joint_authority' },
      });
      expect(body.hvaOrganiser.code).toBe('hva-etela-pohjanmaa');
    }
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
    // Every mainland municipality has an area in the reference data; an administrator can
    // still take one out of its area (PATCH of the members), which this simulates.
    const pool = h.database.pool;
    await pool.query(`DELETE FROM resourcing.employment_area_municipalities WHERE municipality_code = '837'`);
    try {
      const res = await get('/v1/municipalities/837');
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe('EMPLOYMENT_AREA_NOT_CONFIGURED');
      expect(body.detail).toContain('Tampere (837)');
      expect(body.detail).toContain('administrator must add its employment area');
    } finally {
      await pool.query(
        `INSERT INTO resourcing.employment_area_municipalities VALUES ('837', 'tampereen-seutu')`,
      );
    }
    expect((await get('/v1/municipalities/837')).statusCode).toBe(200);
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
      employmentAreaId: 'kymppi',
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
