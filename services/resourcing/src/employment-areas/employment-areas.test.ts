import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

describe('employment areas', () => {
  let h: ResourcingTestApp;
  const inject = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const reader = () => h.as('kela', ['caseworker']);
  const snapshot = async () => ({
    organisations: await h.count('resourcing.organisations'),
    roles: await h.count('resourcing.organisation_roles'),
    areas: await h.count('resourcing.employment_areas'),
    members: await h.count('resourcing.employment_area_municipalities'),
    parties: await h.count('resourcing.cooperation_area_parties'),
    events: await h.count('platform.events'),
  });
  const eventsAfter = async (id: number) =>
    (
      await h.database.pool.query(
        'SELECT type, organisation_codes, cooperation_area_id, subject_type, subject_id, actor_organisation, payload FROM platform.events WHERE id > $1 ORDER BY id',
        [id],
      )
    ).rows;
  const lastEventId = async () =>
    Number(
      (await h.database.pool.query('SELECT coalesce(max(id), 0) AS id FROM platform.events')).rows[0].id,
    );
  const partiesOf = async (code: string) =>
    (
      await h.database.pool.query(
        `SELECT p.organisation_code || ':' || p.role AS party FROM resourcing.cooperation_area_parties p
           JOIN resourcing.cooperation_areas ca ON ca.id = p.cooperation_area_id
          WHERE ca.code = $1 ORDER BY 1`,
        [code],
      )
    ).rows.map((r) => r.party);

  beforeAll(async () => {
    // Tampere's and Keski-Savo's areas are left out of the reference data: the tests add them.
    h = await createResourcingTestApp({ withoutEmploymentAreas: ['tampereen-seutu', 'keski-savo'] });
  });
  afterAll(async () => {
    await h.close();
  });

  describe('reading', () => {
    it('lists the configured areas with members and counties', async () => {
      const res = await inject('GET', '/v1/employment-areas', reader());
      expect(res.statusCode).toBe(200);
      const { items, nextCursor } = res.json();
      expect(nextCursor).toBeNull();
      // All 45 but the two this file adds itself.
      expect(items).toHaveLength(43);
      expect(items.find((a: { id: string }) => a.id === 'kerava-sipoo')).toMatchObject({
        model: 'host_municipality',
        status: 'verified',
        organisationCode: 'ea-kerava-sipoo',
        municipalityCodes: ['245', '753'],
        wellbeingCountyIds: ['ita-uusimaa', 'vantaa-kerava'],
        hostMunicipalityCode: '245',
      });
      expect(items.find((a: { id: string }) => a.id === 'helsinki')).toMatchObject({
        organisationCode: 'helsinki',
        model: 'alone',
        hostMunicipalityCode: '091',
      });
      expect(items.find((a: { id: string }) => a.id === 'kymppi').model).toBe('joint_authority');
    });

    it('shows one area with its members’ names and its organisation', async () => {
      const res = await inject('GET', '/v1/employment-areas/suupohja', reader());
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.organisation).toEqual({
        code: 'ea-suupohja',
        nameFi: 'Suupohjan työllisyysalue',
        nameSv: 'Suupohja sysselsättningsområde',
        nameEn: 'Suupohja Employment Area',
      });
      expect(body.members).toHaveLength(6);
      expect(body.members.find((m: { code: string }) => m.code === '287')).toEqual({
        code: '287',
        nameFi: 'Kristiinankaupunki',
        nameSv: 'Kristinestad',
        wellbeingCountyId: 'pohjanmaa',
      });
      expect(body.wellbeingCountyIds).toEqual(['etela-pohjanmaa', 'pohjanmaa']);
      const missing = await inject('GET', '/v1/employment-areas/nowhere', reader());
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('EMPLOYMENT_AREA_NOT_FOUND');
      expect((await inject('GET', '/v1/employment-areas/Bad_Id', reader())).statusCode).toBe(400);
    });
  });

  describe('creating', () => {
    const tampere = {
      id: 'tampere',
      nameFi: 'Tampereen kaupunki',
      model: 'alone',
      hostMunicipalityCode: '837',
      municipalityCodes: ['837'],
      organisation: { nameFi: 'Tampereen kaupunki', nameSv: 'Tammerfors stad', nameEn: 'City of Tampere' },
    };

    it('creates the area, its organisation and its cooperation-area party, with events', async () => {
      const since = await lastEventId();
      h.clock.advance(1000);
      const res = await inject(
        'POST',
        '/v1/employment-areas',
        h.as('ea-tampere', ['admin'], 'tre-admin'),
        tampere,
      );
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toBe('/v1/employment-areas/tampere');
      expect(res.json()).toMatchObject({
        id: 'tampere',
        status: 'administered',
        organisationCode: 'ea-tampere',
        organisation: { code: 'ea-tampere', nameSv: 'Tammerfors stad' },
        members: [{ code: '837', nameFi: 'Tampere' }],
        wellbeingCountyIds: ['pirkanmaa'],
        createdAt: h.clock.now().toISOString(),
      });
      const org = (await inject('GET', '/v1/organisations/ea-tampere', reader())).json();
      expect(org).toMatchObject({
        kind: 'municipality',
        roles: ['employment_authority'],
        employmentAreaId: 'tampere',
      });
      expect(await partiesOf('pirkanmaa')).toEqual([
        'ea-etelainen-keski-suomi:employment_authority',
        'ea-lantinen-pirkanmaa:employment_authority',
        'ea-tampere:employment_authority',
        'hva-pirkanmaa:wellbeing_county',
        'kela:kela',
      ]);
      const events = await eventsAfter(since);
      expect(events.map((e) => e.type)).toEqual([
        'organisation.created',
        'cooperation_area.parties_added',
        'employment_area.created',
      ]);
      expect(events[0]).toMatchObject({
        organisation_codes: ['ea-tampere'],
        subject_id: 'ea-tampere',
        payload: { organisationCode: 'ea-tampere', roles: ['employment_authority'] },
      });
      expect(events[1]).toMatchObject({
        organisation_codes: [
          'ea-etelainen-keski-suomi',
          'ea-lantinen-pirkanmaa',
          'ea-tampere',
          'hva-pirkanmaa',
          'kela',
        ],
        subject_type: 'cooperation_area',
        payload: { parties: [{ organisationCode: 'ea-tampere', role: 'employment_authority' }] },
      });
      expect(events[1].cooperation_area_id).toBe(events[1].payload.cooperationAreaId);
      expect(events[2]).toMatchObject({
        organisation_codes: ['ea-tampere'],
        subject_type: 'employment_area',
        subject_id: 'tampere',
        actor_organisation: 'ea-tampere',
        payload: {
          employmentAreaId: 'tampere',
          organisationCode: 'ea-tampere',
          municipalityCodes: ['837'],
          wellbeingCountyIds: ['pirkanmaa'],
        },
      });
      const routed = (await inject('GET', '/v1/municipalities/837', reader())).json();
      expect(routed.employmentAuthority.organisation.code).toBe('ea-tampere');
      expect(routed.cooperationArea.code).toBe('pirkanmaa');
    });

    it('joins an area spanning two counties to both default cooperation areas', async () => {
      // Keski-Savo: Varkaus and Joroinen (Pohjois-Savo) with Pieksämäki (Etelä-Savo).
      const res = await inject('POST', '/v1/employment-areas', h.as('ea-keski-savo', ['admin']), {
        id: 'keski-savo',
        nameFi: 'Keski-Savon työllisyysalue',
        nameProvisional: true,
        model: 'host_municipality',
        municipalityCodes: ['915', '171', '593'],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        nameProvisional: true,
        hostMunicipalityCode: null,
        wellbeingCountyIds: ['etela-savo', 'pohjois-savo'],
        // Without organisation names the area's Finnish name is used in every language.
        organisation: { nameFi: 'Keski-Savon työllisyysalue', nameEn: 'Keski-Savon työllisyysalue' },
      });
      expect(await partiesOf('pohjois-savo')).toContain('ea-keski-savo:employment_authority');
      expect(await partiesOf('etela-savo')).toContain('ea-keski-savo:employment_authority');
      expect((await inject('GET', '/v1/municipalities/593', reader())).json().cooperationArea.code).toBe(
        'etela-savo',
      );
      expect((await inject('GET', '/v1/municipalities/915', reader())).json().cooperationArea.code).toBe(
        'pohjois-savo',
      );
    });

    it('refuses a municipality of another area with 409 and writes nothing', async () => {
      const before = await snapshot();
      const res = await inject('POST', '/v1/employment-areas', h.as('ea-nurmijarvi', ['admin']), {
        id: 'nurmijarvi',
        nameFi: 'Nurmijärvi',
        model: 'alone',
        municipalityCodes: ['214', '543'],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'MUNICIPALITY_ALREADY_IN_AREA',
        conflicts: [
          { municipalityCode: '214', employmentAreaId: 'pori' },
          { municipalityCode: '543', employmentAreaId: 'keski-uusimaa' },
        ],
      });
      expect(res.json().errors.map((e: { location: string }) => e.location)).toEqual([
        'body.municipalityCodes[0]',
        'body.municipalityCodes[1]',
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses Åland and unknown municipalities, and a host that is not a member', async () => {
      const before = await snapshot();
      const post = (body: object) =>
        inject('POST', '/v1/employment-areas', h.as('ea-x', ['admin']), {
          id: 'x',
          nameFi: 'X',
          model: 'host_municipality',
          ...body,
        });
      const aland = await post({ municipalityCodes: ['837', '478'] });
      expect(aland.statusCode).toBe(422);
      expect(aland.json().code).toBe('MUNICIPALITY_OUTSIDE_TYM');
      expect(aland.json().errors[0].location).toBe('body.municipalityCodes[1]');
      const unknown = await post({ municipalityCodes: ['000'] });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({
        code: 'MUNICIPALITY_UNKNOWN',
        errors: [{ location: 'body.municipalityCodes[0]' }],
      });
      const host = await post({ municipalityCodes: ['020'], hostMunicipalityCode: '211' });
      expect(host.statusCode).toBe(422);
      expect(host.json()).toMatchObject({
        code: 'HOST_MUNICIPALITY_NOT_MEMBER',
        errors: [{ location: 'body.hostMunicipalityCode' }],
      });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an existing id with 409', async () => {
      const res = await inject('POST', '/v1/employment-areas', h.as('ea-vantaa', ['admin']), {
        id: 'vantaa',
        nameFi: 'Vantaa',
        model: 'alone',
        municipalityCodes: ['092'],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('EMPLOYMENT_AREA_EXISTS');
    });

    it('lets only an admin of the area’s own organisation create it', async () => {
      const before = await snapshot();
      const body = { id: 'akaa', nameFi: 'Akaa', model: 'alone', municipalityCodes: ['020'] };
      for (const headers of [
        h.as('hva-pirkanmaa', ['admin']),
        h.as('ea-tampere', ['admin']),
        h.as('ea-akaa', ['coordinator']),
        h.as('ea-akaa', ['caseworker', 'auditor']),
      ]) {
        const res = await inject('POST', '/v1/employment-areas', headers, body);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      expect(await snapshot()).toEqual(before);
      const ok = await inject('POST', '/v1/employment-areas', h.as('ea-akaa', ['admin']), body);
      expect(ok.statusCode).toBe(201);
    });

    it('validates the body and reports each invalid field', async () => {
      const before = await snapshot();
      const res = await inject('POST', '/v1/employment-areas', h.as('ea-y', ['admin']), {
        id: 'Y Area',
        nameFi: '',
        model: 'federation',
        municipalityCodes: ['12', '020', '020'],
        colour: 'blue',
      });
      expect(res.statusCode).toBe(400);
      const locations = res.json().errors.map((e: { location: string }) => e.location);
      expect(locations).toEqual(
        expect.arrayContaining([
          'body.id',
          'body.nameFi',
          'body.model',
          'body.municipalityCodes[0]',
          'body.municipalityCodes',
          'body.colour',
        ]),
      );
      const missing = await inject('POST', '/v1/employment-areas', h.as('ea-y', ['admin']), { id: 'y' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors.map((e: { location: string }) => e.location)).toEqual(
        expect.arrayContaining(['body.nameFi', 'body.model', 'body.municipalityCodes']),
      );
      const empty = await inject('POST', '/v1/employment-areas', h.as('ea-y', ['admin']), {
        id: 'y',
        nameFi: 'Y',
        model: 'alone',
        municipalityCodes: [],
      });
      expect(empty.statusCode).toBe(400);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('changing', () => {
    it('renames and changes members, records the change, and unroutes removed municipalities', async () => {
      const since = await lastEventId();
      const res = await inject(
        'PATCH',
        '/v1/employment-areas/porvoo',
        h.as('ea-porvoo', ['admin'], 'p-admin'),
        {
          nameFi: 'Porvoon seudun työllisyysalue',
          hostMunicipalityCode: '018',
          municipalityCodes: ['018', '407', '434', '504', '638'],
        },
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        nameFi: 'Porvoon seudun työllisyysalue',
        hostMunicipalityCode: '018',
        status: 'administered',
        municipalityCodes: ['018', '407', '434', '504', '638'],
      });
      const events = await eventsAfter(since);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'employment_area.updated',
        organisation_codes: ['ea-porvoo'],
        subject_id: 'porvoo',
        payload: {
          employmentAreaId: 'porvoo',
          changedFields: ['hostMunicipalityCode', 'municipalityCodes', 'nameFi'],
          addedMunicipalityCodes: [],
          removedMunicipalityCodes: ['616'],
        },
      });
      const pukkila = await inject('GET', '/v1/municipalities/616', reader());
      expect(pukkila.json().code).toBe('EMPLOYMENT_AREA_NOT_CONFIGURED');
      // The authority stays a party of the cooperation area it belonged to.
      expect(await partiesOf('ita-uusimaa')).toContain('ea-porvoo:employment_authority');
    });

    it('takes a freed municipality into another area', async () => {
      const res = await inject(
        'PATCH',
        '/v1/employment-areas/kerava-sipoo',
        h.as('ea-kerava-sipoo', ['admin']),
        {
          municipalityCodes: ['245', '753', '616'],
        },
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().municipalityCodes).toEqual(['245', '616', '753']);
      expect(
        (await inject('GET', '/v1/municipalities/616', reader())).json().employmentAuthority.organisation
          .code,
      ).toBe('ea-kerava-sipoo');
    });

    it('refuses a municipality of another area with 409 and changes nothing', async () => {
      const before = await snapshot();
      const res = await inject('PATCH', '/v1/employment-areas/porvoo', h.as('ea-porvoo', ['admin']), {
        nameFi: 'Should not stick',
        municipalityCodes: ['018', '407', '434', '504', '638', '753'],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'MUNICIPALITY_ALREADY_IN_AREA',
        conflicts: [{ municipalityCode: '753', employmentAreaId: 'kerava-sipoo' }],
        errors: [{ location: 'body.municipalityCodes[5]' }],
      });
      expect(await snapshot()).toEqual(before);
      expect((await inject('GET', '/v1/employment-areas/porvoo', reader())).json().nameFi).toBe(
        'Porvoon seudun työllisyysalue',
      );
    });

    it('refuses to drop the host from the members', async () => {
      const res = await inject(
        'PATCH',
        '/v1/employment-areas/keski-uusimaa',
        h.as('ea-keski-uusimaa', ['admin']),
        {
          municipalityCodes: ['106', '505'],
        },
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('HOST_MUNICIPALITY_NOT_MEMBER');
      const cleared = await inject(
        'PATCH',
        '/v1/employment-areas/keski-uusimaa',
        h.as('ea-keski-uusimaa', ['admin']),
        { hostMunicipalityCode: null },
      );
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json().hostMunicipalityCode).toBeNull();
      expect(cleared.json().status).toBe('verified');
    });

    it('lets Helsinki’s admin change the Helsinki area, and nobody else', async () => {
      const before = await snapshot();
      for (const headers of [h.as('ea-vantaa', ['admin']), h.as('helsinki', ['coordinator'])]) {
        const res = await inject('PATCH', '/v1/employment-areas/helsinki', headers, { nameFi: 'Stadi' });
        expect(res.statusCode).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
      const ok = await inject('PATCH', '/v1/employment-areas/helsinki', h.as('helsinki', ['admin']), {
        nameFi: 'Helsingin työllisyyspalvelut',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().nameFi).toBe('Helsingin työllisyyspalvelut');
    });

    it('writes nothing when nothing changes', async () => {
      const before = await snapshot();
      const res = await inject('PATCH', '/v1/employment-areas/kouvola', h.as('ea-kouvola', ['admin']), {
        nameFi: 'Kouvola',
        model: 'alone',
        municipalityCodes: ['286'],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('verified');
      expect(await snapshot()).toEqual(before);
    });

    it('answers 404 for an unknown area and 400 for an empty or unknown change', async () => {
      const missing = await inject('PATCH', '/v1/employment-areas/nowhere', h.as('ea-nowhere', ['admin']), {
        nameFi: 'X',
      });
      expect(missing.statusCode).toBe(404);
      const empty = await inject('PATCH', '/v1/employment-areas/porvoo', h.as('ea-porvoo', ['admin']), {});
      expect(empty.statusCode).toBe(400);
      const unknown = await inject('PATCH', '/v1/employment-areas/porvoo', h.as('ea-porvoo', ['admin']), {
        status: 'verified',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].location).toBe('body.status');
    });
  });
});
