import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

// Issue 15: a caseworker finds the colleagues of the other parties in their cooperation
// areas (GET /v1/staff answered 403 to caseworkers before).
describe('staff directory (GET /v1/staff as a caseworker)', () => {
  let h: ResourcingTestApp;
  let areas: Record<string, string>;
  const get = (url: string, headers: Record<string, string>) =>
    h.t.app.inject({ method: 'GET', url, headers });
  const addStaff = async (org: string, subject: string, displayName: string, allocations: object[]) => {
    const admin = h.as(org, ['admin'], `${org}-admin`);
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: admin,
      payload: { subject, displayName, email: `${subject}@example.org`, roles: ['caseworker'] },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const put = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${id}/allocations`,
      headers: admin,
      payload: { allocations },
    });
    expect(put.statusCode).toBe(200);
    return id;
  };
  let kelaHelsinki: string;
  let helsinkiWorker: string;

  beforeAll(async () => {
    h = await createResourcingTestApp();
    const list = (await get('/v1/cooperation-areas?limit=100', h.as('kela', ['admin']))).json()
      .items as Array<{
      id: string;
      code: string;
    }>;
    areas = Object.fromEntries(list.map((a) => [a.code, a.id]));
    kelaHelsinki = await addStaff('kela', 'kela-cw-1', 'Kaisa Kela', [
      { cooperationAreaId: areas.helsinki, fte: 0.5 },
      { cooperationAreaId: areas['ita-uusimaa'], fte: 0.5 },
    ]);
    helsinkiWorker = await addStaff('helsinki', 'hki-cw-1', 'Heikki Helsinki', [
      { cooperationAreaId: areas.helsinki, fte: 1 },
    ]);
    await addStaff('kela', 'kela-cw-2', 'Iida Itä', [{ cooperationAreaId: areas['ita-uusimaa'], fte: 1 }]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists colleagues of every party in the caller’s areas: cards only, no e-mail or subject', async () => {
    const res = await get('/v1/staff', h.as('helsinki', ['caseworker'], 'hki-cw-1'));
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.displayName)).toEqual(['Heikki Helsinki', 'Kaisa Kela']);
    const kela = items.find((i) => i.id === kelaHelsinki);
    expect(kela).toEqual({
      id: kelaHelsinki,
      displayName: 'Kaisa Kela',
      organisationCode: 'kela',
      roles: ['caseworker'],
      // Only the area the caller shares with her, not her Itä-Uusimaa allocation.
      allocations: [{ cooperationAreaId: areas.helsinki, cooperationAreaCode: 'helsinki', fte: 0.5 }],
    });
  });

  it('filters by area, organisation and part of the name', async () => {
    const kela = h.as('kela', ['caseworker'], 'kela-cw-1');
    const byArea = await get(`/v1/staff?cooperationArea=${areas['ita-uusimaa']}`, kela);
    expect(byArea.json().items.map((i: { displayName: string }) => i.displayName)).toEqual([
      'Iida Itä',
      'Kaisa Kela',
    ]);
    const byOrg = await get('/v1/staff?organisation=helsinki', kela);
    expect(byOrg.json().items.map((i: { id: string }) => i.id)).toEqual([helsinkiWorker]);
    const byName = await get('/v1/staff?q=heik', kela);
    expect(byName.json().items.map((i: { id: string }) => i.id)).toEqual([helsinkiWorker]);
    const page = await get('/v1/staff?limit=1', kela);
    expect(page.json().items).toHaveLength(1);
    const next = await get(`/v1/staff?limit=5&cursor=${encodeURIComponent(page.json().nextCursor)}`, kela);
    expect(next.json().items).toHaveLength(2);
  });

  it('shows nothing of areas the caller is not allocated to', async () => {
    // Helsinki's caseworker asks for Itä-Uusimaa: not one of her areas.
    const res = await get(
      `/v1/staff?cooperationArea=${areas['ita-uusimaa']}`,
      h.as('helsinki', ['caseworker'], 'hki-cw-1'),
    );
    expect(res.json().items).toEqual([]);
    // Without a staff record there is no area at all.
    const stranger = await get('/v1/staff', h.as('kela', ['caseworker'], 'not-in-directory'));
    expect(stranger.statusCode).toBe(200);
    expect(stranger.json().items).toEqual([]);
  });

  it('coordinators and admins without filters still get their organisation’s register', async () => {
    const res = await get('/v1/staff', h.as('kela', ['admin'], 'kela-admin'));
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { subject: string }) => i.subject)).toContain('kela-cw-2');
    expect(res.json().items[0]).toHaveProperty('email');
  });
});
