import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

describe('organisations', () => {
  let h: ResourcingTestApp;
  const inject = (method: 'GET' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
    h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    h = await createResourcingTestApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists every organisation with its roles, and filters by role', async () => {
    const res = await inject('GET', '/v1/organisations', h.as('kela', ['partner']));
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(67);
    expect(items.find((o: { code: string }) => o.code === 'kela')).toMatchObject({
      nameFi: 'Kansaneläkelaitos',
      nameSv: 'Folkpensionsanstalten',
      nameEn: 'Social Insurance Institution of Finland',
      kind: 'kela',
      roles: ['kela'],
    });
    const hvas = (
      await inject('GET', '/v1/organisations?role=wellbeing_county', h.as('kela', ['partner']))
    ).json();
    expect(hvas.items).toHaveLength(22);
    const authorities = (
      await inject('GET', '/v1/organisations?role=employment_authority', h.as('kela', ['partner']))
    ).json();
    // One per employment area: 45.
    expect(authorities.items).toHaveLength(45);
    expect(authorities.items.map((o: { code: string }) => o.code)).toContain('helsinki');
    const bad = await inject('GET', '/v1/organisations?role=mayor', h.as('kela', ['partner']));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].location).toBe('query.role');
  });

  it('shows one organisation with its roles and cooperation areas', async () => {
    const helsinki = (await inject('GET', '/v1/organisations/helsinki', h.as('kela', ['caseworker']))).json();
    expect(helsinki).toMatchObject({
      code: 'helsinki',
      kind: 'municipality',
      roles: ['employment_authority', 'wellbeing_county'],
      employmentAreaId: 'helsinki',
      wellbeingCountyId: 'helsinki',
      cooperationAreas: [{ code: 'helsinki', roles: ['employment_authority', 'wellbeing_county'] }],
    });
    const keravaSipoo = (
      await inject('GET', '/v1/organisations/ea-kerava-sipoo', h.as('kela', ['caseworker']))
    ).json();
    expect(keravaSipoo.cooperationAreas.map((a: { code: string }) => a.code)).toEqual([
      'ita-uusimaa',
      'vantaa-kerava',
    ]);
    expect(keravaSipoo.wellbeingCountyId).toBeNull();
    const kela = (await inject('GET', '/v1/organisations/kela', h.as('kela', ['caseworker']))).json();
    expect(kela.cooperationAreas).toHaveLength(22);

    const missing = await inject('GET', '/v1/organisations/nobody', h.as('kela', ['caseworker']));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORGANISATION_NOT_FOUND');
    const malformed = await inject('GET', '/v1/organisations/Not%20A%20Code', h.as('kela', ['caseworker']));
    expect(malformed.statusCode).toBe(400);
  });

  it('lets an admin rename their own organisation and records organisation.updated', async () => {
    const before = await h.count('platform.events');
    h.clock.advance(1000);
    const res = await inject(
      'PATCH',
      '/v1/organisations/hva-lappi',
      h.as('hva-lappi', ['admin'], 'lapland-admin'),
      {
        nameEn: 'Lapland Wellbeing Services County (renamed)',
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: 'hva-lappi',
      nameFi: 'Lapin hyvinvointialue',
      nameEn: 'Lapland Wellbeing Services County (renamed)',
      updatedAt: h.clock.now().toISOString(),
    });
    expect(await h.count('platform.events')).toBe(before + 1);
    const [event] = (await h.database.pool.query('SELECT * FROM platform.events ORDER BY id DESC LIMIT 1'))
      .rows;
    expect(event).toMatchObject({
      type: 'organisation.updated',
      organisation_codes: ['hva-lappi'],
      subject_type: 'organisation',
      subject_id: 'hva-lappi',
      actor_organisation: 'hva-lappi',
      actor_sub: 'lapland-admin',
      payload: { organisationCode: 'hva-lappi', changedFields: ['nameEn'] },
    });
  });

  it('writes nothing when the names do not change', async () => {
    const before = await h.count('platform.events');
    const res = await inject('PATCH', '/v1/organisations/kela', h.as('kela', ['admin']), {
      nameFi: 'Kansaneläkelaitos',
    });
    expect(res.statusCode).toBe(200);
    expect(await h.count('platform.events')).toBe(before);
  });

  it('refuses other organisations’ admins and non-admins, and writes nothing', async () => {
    const before = await h.count('platform.events');
    const other = await inject('PATCH', '/v1/organisations/kela', h.as('hva-lappi', ['admin']), {
      nameFi: 'X',
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    const coordinator = await inject('PATCH', '/v1/organisations/kela', h.as('kela', ['coordinator']), {
      nameFi: 'X',
    });
    expect(coordinator.statusCode).toBe(403);
    const unknownField = await inject('PATCH', '/v1/organisations/kela', h.as('kela', ['admin']), {
      nameFi: 'X',
      kind: 'municipality',
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors[0].location).toBe('body.kind');
    const empty = await inject('PATCH', '/v1/organisations/kela', h.as('kela', ['admin']), {});
    expect(empty.statusCode).toBe(400);
    const blank = await inject('PATCH', '/v1/organisations/kela', h.as('kela', ['admin']), { nameSv: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].location).toBe('body.nameSv');
    expect(await h.count('platform.events')).toBe(before);
    const kela = (await inject('GET', '/v1/organisations/kela', h.as('kela', ['caseworker']))).json();
    expect(kela.nameFi).toBe('Kansaneläkelaitos');
  });

  it('answers 404 when an admin’s own organisation is not in the directory', async () => {
    const res = await inject('PATCH', '/v1/organisations/ea-nowhere', h.as('ea-nowhere', ['admin']), {
      nameFi: 'X',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ORGANISATION_NOT_FOUND');
  });
});
