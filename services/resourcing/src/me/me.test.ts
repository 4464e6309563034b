import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

// Issue 15: a caseworker finds out who they are to the service in one request.
describe('GET /v1/me', () => {
  let h: ResourcingTestApp;
  let helsinkiArea = '';
  let staffId = '';

  beforeAll(async () => {
    h = await createResourcingTestApp();
    const areas = (
      await h.t.app.inject({
        method: 'GET',
        url: '/v1/cooperation-areas?limit=100',
        headers: h.as('kela', ['admin']),
      })
    ).json().items as Array<{ id: string; code: string }>;
    helsinkiArea = areas.find((a) => a.code === 'helsinki')?.id ?? '';
    const admin = h.as('helsinki', ['admin'], 'hki-admin');
    const created = await h.t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: admin,
      payload: { subject: 'hki-cw', displayName: 'Heli Helsinki', roles: ['caseworker'] },
    });
    staffId = created.json().id;
    await h.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${staffId}/allocations`,
      headers: admin,
      payload: { allocations: [{ cooperationAreaId: helsinkiArea, fte: 0.8 }] },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('tells the token, the organisation with its party roles, the staff record and the allocations', async () => {
    const res = await h.t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: h.as('helsinki', ['caseworker'], 'hki-cw'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sub: 'hki-cw',
      roles: ['caseworker'],
      organisation: expect.objectContaining({
        code: 'helsinki',
        partyRoles: expect.arrayContaining(['employment_authority', 'wellbeing_county']),
      }),
      staff: { id: staffId, displayName: 'Heli Helsinki', active: true },
      allocations: [{ cooperationAreaId: helsinkiArea, cooperationAreaCode: 'helsinki', fte: 0.8 }],
    });
  });

  it('answers a caller without a staff record, and one of an organisation outside the directory', async () => {
    const none = await h.t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: h.as('kela', ['partner'], 'kela-system'),
    });
    expect(none.json()).toMatchObject({ sub: 'kela-system', staff: null, allocations: [] });
    const outside = await h.t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: h.as('ea-nowhere', ['caseworker']),
    });
    expect(outside.statusCode).toBe(200);
    expect(outside.json().organisation).toBeNull();
    const anonymous = await h.t.app.inject({ method: 'GET', url: '/v1/me' });
    expect(anonymous.statusCode).toBe(401);
  });
});
