import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import { findCooperationArea, findCooperationAreaParties } from './cooperation-areas.service.js';

describe('cooperation areas', () => {
  let h: ResourcingTestApp;
  const get = (url: string) =>
    h.t.app.inject({ method: 'GET', url, headers: h.as('hva-kainuu', ['auditor']) });

  beforeAll(async () => {
    h = await createResourcingTestApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists the 22 default areas with their parties', async () => {
    const res = await get('/v1/cooperation-areas');
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(22);
    expect(items.every((a: { isDefault: boolean }) => a.isDefault)).toBe(true);
    const helsinki = items.find((a: { code: string }) => a.code === 'helsinki');
    expect(helsinki).toMatchObject({
      nameFi: 'Helsingin kaupunki – TYM-yhteistoiminta-alue',
      nameSv: 'Helsingfors stad – TYM-samarbetsområde',
      wellbeingCountyId: 'helsinki',
      parties: [
        { organisation: { code: 'helsinki' }, roles: ['employment_authority', 'wellbeing_county'] },
        {
          organisation: { code: 'kela', nameEn: 'Social Insurance Institution of Finland' },
          roles: ['kela'],
        },
      ],
    });
  });

  it('shows one area with its parties grouped by organisation', async () => {
    const list = (await get('/v1/cooperation-areas')).json().items;
    const id = list.find((a: { code: string }) => a.code === 'ita-uusimaa').id;
    const res = await get(`/v1/cooperation-areas/${id}`);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .parties.map((p: { organisation: { code: string }; roles: string[] }) => [
          p.organisation.code,
          p.roles,
        ]),
    ).toEqual([
      ['ea-kerava-sipoo', ['employment_authority']],
      ['ea-porvoo', ['employment_authority']],
      ['hva-ita-uusimaa', ['wellbeing_county']],
      ['kela', ['kela']],
    ]);
    expect(await findCooperationArea(h.database.db, id)).toMatchObject({
      code: 'ita-uusimaa',
      isDefault: true,
    });
    expect(await findCooperationAreaParties(h.database.db, id)).toHaveLength(4);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await get('/v1/cooperation-areas/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('COOPERATION_AREA_NOT_FOUND');
    const malformed = await get('/v1/cooperation-areas/lappi');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].location).toBe('params.id');
    expect(await findCooperationArea(h.database.db, 'lappi')).toBeNull();
    expect(await findCooperationAreaParties(h.database.db, 'lappi')).toEqual([]);
  });
});
