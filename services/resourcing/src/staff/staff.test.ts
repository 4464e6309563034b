import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';
import { findStaffById, findStaffBySubject, listStaffAllocations } from './staff.service.js';

describe('staff', () => {
  let h: ResourcingTestApp;
  let areas: Record<string, string>;
  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const kelaAdmin = () => h.as('kela', ['admin'], 'kela-admin');
  const snapshot = async () => ({
    staff: await h.count('resourcing.staff'),
    allocations: await h.count('resourcing.staff_allocations'),
    events: await h.count('platform.events'),
  });
  const lastEvent = async () =>
    (await h.database.pool.query('SELECT * FROM platform.events ORDER BY id DESC LIMIT 1')).rows[0];
  const create = async (org: string, subject: string, displayName: string, extra: object = {}) => {
    const res = await inject('POST', '/v1/staff', h.as(org, ['admin']), { subject, displayName, ...extra });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  };

  beforeAll(async () => {
    h = await createResourcingTestApp();
    const list = (await inject('GET', '/v1/cooperation-areas', kelaAdmin())).json().items as Array<{
      id: string;
      code: string;
    }>;
    areas = Object.fromEntries(list.map((a) => [a.code, a.id]));
  });
  afterAll(async () => {
    await h.close();
  });

  describe('creating', () => {
    it('adds a staff member to the admin’s own organisation and records staff.created', async () => {
      const before = await snapshot();
      h.clock.advance(1000);
      const res = await inject('POST', '/v1/staff', kelaAdmin(), {
        subject: 'kela-user-1',
        displayName: 'Aino Asiantuntija',
        email: 'aino@kela.example',
        roles: ['caseworker', 'coordinator'],
        languages: ['fi', 'sv'],
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(res.headers.location).toBe(`/v1/staff/${body.id}`);
      expect(body).toMatchObject({
        organisationCode: 'kela',
        subject: 'kela-user-1',
        displayName: 'Aino Asiantuntija',
        email: 'aino@kela.example',
        roles: ['caseworker', 'coordinator'],
        languages: ['fi', 'sv'],
        active: true,
        totalFte: 0,
        allocations: [],
        createdAt: h.clock.now().toISOString(),
      });
      expect(await snapshot()).toEqual({ ...before, staff: before.staff + 1, events: before.events + 1 });
      expect(await lastEvent()).toMatchObject({
        type: 'staff.created',
        organisation_codes: ['kela'],
        subject_type: 'staff',
        subject_id: body.id,
        actor_sub: 'kela-admin',
        payload: { staffId: body.id, organisationCode: 'kela' },
      });
      expect(await findStaffBySubject(h.database.db, 'kela', 'kela-user-1')).toMatchObject({ id: body.id });
      expect(await findStaffBySubject(h.database.db, 'helsinki', 'kela-user-1')).toBeNull();
      expect(await findStaffById(h.database.db, body.id)).toMatchObject({ displayName: 'Aino Asiantuntija' });
      expect(await findStaffById(h.database.db, 'not-a-uuid')).toBeNull();
    });

    it('creates once per Idempotency-Key and refuses the key with another body', async () => {
      const before = await snapshot();
      const headers = { ...h.as('kela', ['admin'], 'kela-admin'), 'idempotency-key': 'staff-create-1' };
      const body = { subject: 'idem-1', displayName: 'Idem Potent' };
      const first = await inject('POST', '/v1/staff', headers, body);
      const again = await inject('POST', '/v1/staff', headers, body);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await inject('POST', '/v1/staff', headers, { subject: 'idem-2', displayName: 'Other' });
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
      const after = await snapshot();
      expect(after.staff).toBe(before.staff + 1);
      expect(after.events).toBe(before.events + 1);
    });

    it('refuses a subject already used in the organisation, but not in another one', async () => {
      const before = await snapshot();
      const again = await inject('POST', '/v1/staff', kelaAdmin(), {
        subject: 'kela-user-1',
        displayName: 'Other',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'STAFF_SUBJECT_TAKEN',
        errors: [{ location: 'body.subject' }],
      });
      expect(await snapshot()).toEqual(before);
      await create('helsinki', 'kela-user-1', 'Namesake in Helsinki');
    });

    it('refuses non-admins and organisations outside the directory, and writes nothing', async () => {
      const before = await snapshot();
      const body = { subject: 'x', displayName: 'X' };
      for (const headers of [
        h.as('kela', ['coordinator']),
        h.as('kela', ['caseworker']),
        h.as('ea-unknown', ['admin']),
      ]) {
        const res = await inject('POST', '/v1/staff', headers, body);
        expect(res.statusCode).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('validates the body and reports each invalid field', async () => {
      const before = await snapshot();
      const res = await inject('POST', '/v1/staff', kelaAdmin(), {
        subject: '',
        displayName: 'X',
        email: 'not-an-address',
        roles: ['superuser'],
        languages: ['Finnish'],
        salary: 1,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { location: string }) => e.location)).toEqual(
        expect.arrayContaining([
          'body.subject',
          'body.email',
          'body.roles[0]',
          'body.languages[0]',
          'body.salary',
        ]),
      );
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('reading', () => {
    it('pages through the organisation’s own staff by name', async () => {
      for (const name of ['Eero', 'Bertta', 'Cecilia', 'Daniel'])
        await create('hva-kainuu', `kainuu-${name}`, name);
      await create('hva-lappi', 'lappi-1', 'Anna in Lapland');
      const coordinator = h.as('hva-kainuu', ['coordinator']);
      const first = await inject('GET', '/v1/staff?limit=3', coordinator);
      expect(first.statusCode).toBe(200);
      expect(first.json().items.map((s: { displayName: string }) => s.displayName)).toEqual([
        'Bertta',
        'Cecilia',
        'Daniel',
      ]);
      const cursor = first.json().nextCursor;
      expect(cursor).toEqual(expect.any(String));
      const second = await inject('GET', `/v1/staff?limit=3&cursor=${cursor}`, coordinator);
      expect(second.json()).toMatchObject({ items: [{ displayName: 'Eero' }], nextCursor: null });
      const bad = await inject('GET', '/v1/staff?cursor=garbage', coordinator);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].location).toBe('query.cursor');
      const tooMany = await inject('GET', '/v1/staff?limit=500', coordinator);
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().errors[0].location).toBe('query.limit');
    });

    it('lists the register only for coordinators and admins; others get the directory of their areas', async () => {
      for (const role of ['caseworker', 'auditor', 'partner']) {
        // Not in the directory, so no areas: an empty directory, never the register.
        const res = await inject('GET', '/v1/staff', h.as('hva-kainuu', [role]));
        expect(res.statusCode).toBe(200);
        expect(res.json().items).toEqual([]);
      }
      expect((await inject('GET', '/v1/staff', h.as('hva-kainuu', ['admin']))).json().items).toHaveLength(4);
    });

    it('shows a record to its organisation’s coordinators and to the person, 404 to everyone else', async () => {
      const member = await create('hva-lappi', 'lappi-2', 'Lauri');
      const url = `/v1/staff/${member.id}`;
      expect((await inject('GET', url, h.as('hva-lappi', ['coordinator']))).statusCode).toBe(200);
      expect((await inject('GET', url, h.as('hva-lappi', ['caseworker'], 'lappi-2'))).statusCode).toBe(200);
      for (const headers of [
        h.as('hva-lappi', ['caseworker'], 'someone-else'),
        h.as('kela', ['admin']),
        h.as('kela', ['coordinator'], 'lappi-2'),
      ]) {
        const res = await inject('GET', url, headers);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('STAFF_NOT_FOUND');
      }
      const malformed = await inject('GET', '/v1/staff/123', h.as('hva-lappi', ['admin']));
      expect(malformed.statusCode).toBe(400);
    });
  });

  describe('changing', () => {
    it('changes a record, records staff.updated, and writes nothing for a no-op', async () => {
      const member = await create('kela', 'kela-user-2', 'Ville');
      h.clock.advance(1000);
      const res = await inject('PATCH', `/v1/staff/${member.id}`, kelaAdmin(), {
        displayName: 'Ville Virtanen',
        email: null,
        active: false,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ displayName: 'Ville Virtanen', email: null, active: false });
      expect(await lastEvent()).toMatchObject({
        type: 'staff.updated',
        subject_id: member.id,
        payload: { staffId: member.id, changedFields: ['active', 'displayName'] },
      });
      const before = await snapshot();
      const same = await inject('PATCH', `/v1/staff/${member.id}`, kelaAdmin(), { active: false });
      expect(same.statusCode).toBe(200);
      expect(await snapshot()).toEqual(before);
      const inactive = (await inject('GET', '/v1/staff?active=false', kelaAdmin())).json().items;
      expect(inactive.map((s: { id: string }) => s.id)).toEqual([member.id]);
    });

    it('hides other organisations’ staff (404) and refuses non-admins (403)', async () => {
      const member = await create('kela', 'kela-user-3', 'Kaisa');
      const before = await snapshot();
      const other = await inject('PATCH', `/v1/staff/${member.id}`, h.as('helsinki', ['admin']), {
        active: false,
      });
      expect(other.statusCode).toBe(404);
      const coordinator = await inject('PATCH', `/v1/staff/${member.id}`, h.as('kela', ['coordinator']), {
        active: false,
      });
      expect(coordinator.statusCode).toBe(403);
      const unknownField = await inject('PATCH', `/v1/staff/${member.id}`, kelaAdmin(), { subject: 'new' });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().errors[0].location).toBe('body.subject');
      const empty = await inject('PATCH', `/v1/staff/${member.id}`, kelaAdmin(), {});
      expect(empty.statusCode).toBe(400);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('allocations', () => {
    it('allocates working time to areas the organisation is a party of', async () => {
      const member = await create('ea-kerava-sipoo', 'ks-1', 'Kari');
      const admin = h.as('ea-kerava-sipoo', ['admin'], 'ks-admin');
      const res = await inject('PUT', `/v1/staff/${member.id}/allocations`, admin, {
        allocations: [
          { cooperationAreaId: areas['vantaa-kerava'], fte: 0.6, competences: ['career_guidance'] },
          { cooperationAreaId: areas['ita-uusimaa'], fte: 0.4 },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        totalFte: 1,
        allocations: [
          { cooperationAreaCode: 'ita-uusimaa', fte: 0.4, competences: [] },
          { cooperationAreaCode: 'vantaa-kerava', fte: 0.6, competences: ['career_guidance'] },
        ],
      });
      expect(await lastEvent()).toMatchObject({
        type: 'staff.allocations_changed',
        organisation_codes: ['ea-kerava-sipoo'],
        subject_id: member.id,
        payload: {
          staffId: member.id,
          cooperationAreaIds: [areas['ita-uusimaa'], areas['vantaa-kerava']].sort(),
          previousCooperationAreaIds: [],
        },
      });
      const stored = await listStaffAllocations(h.database.db, member.id);
      expect(stored.map((a) => a.fte).sort()).toEqual([0.4, 0.6]);

      // The same list again changes nothing and records nothing.
      const before = await snapshot();
      const again = await inject('PUT', `/v1/staff/${member.id}/allocations`, admin, {
        allocations: [
          { cooperationAreaId: areas['ita-uusimaa'], fte: 0.4 },
          { cooperationAreaId: areas['vantaa-kerava'], fte: 0.6, competences: ['career_guidance'] },
        ],
      });
      expect(again.statusCode).toBe(200);
      expect(await snapshot()).toEqual(before);

      // Thousandths add up exactly: 0.1 + 0.2 + 0.7 is full time.
      const exact = await inject('PUT', `/v1/staff/${member.id}/allocations`, admin, {
        allocations: [
          { cooperationAreaId: areas['ita-uusimaa'], fte: 0.1 },
          { cooperationAreaId: areas['vantaa-kerava'], fte: 0.9 },
        ],
      });
      expect(exact.statusCode).toBe(200);
      const cleared = await inject('PUT', `/v1/staff/${member.id}/allocations`, admin, { allocations: [] });
      expect(cleared.json()).toMatchObject({ totalFte: 0, allocations: [] });
    });

    it('refuses more than full time with 422 and keeps the old allocations', async () => {
      const member = await create('kela', 'kela-user-4', 'Outi');
      await inject('PUT', `/v1/staff/${member.id}/allocations`, kelaAdmin(), {
        allocations: [{ cooperationAreaId: areas.lappi, fte: 0.5 }],
      });
      const before = await snapshot();
      const res = await inject('PUT', `/v1/staff/${member.id}/allocations`, kelaAdmin(), {
        allocations: [
          { cooperationAreaId: areas.lappi, fte: 0.7 },
          { cooperationAreaId: areas.kainuu, fte: 0.301 },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'ALLOCATION_EXCEEDS_FULL_TIME', totalFte: 1.001 });
      expect(await snapshot()).toEqual(before);
      expect((await listStaffAllocations(h.database.db, member.id)).map((a) => a.fte)).toEqual([0.5]);
    });

    it('refuses an area the organisation is not a party of with 422', async () => {
      const member = await create('hva-lappi', 'lappi-3', 'Liisa');
      const before = await snapshot();
      const res = await inject('PUT', `/v1/staff/${member.id}/allocations`, h.as('hva-lappi', ['admin']), {
        allocations: [
          { cooperationAreaId: areas.lappi, fte: 0.5 },
          { cooperationAreaId: areas.kainuu, fte: 0.5 },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'NOT_A_PARTY_OF_AREA',
        errors: [{ location: 'body.allocations[1].cooperationAreaId' }],
      });
      const unknown = await inject(
        'PUT',
        `/v1/staff/${member.id}/allocations`,
        h.as('hva-lappi', ['admin']),
        {
          allocations: [{ cooperationAreaId: '00000000-0000-4000-8000-000000000000', fte: 0.5 }],
        },
      );
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().code).toBe('NOT_A_PARTY_OF_AREA');
      expect(await snapshot()).toEqual(before);
    });

    it('validates the list: bounds, precision, duplicates and unknown fields', async () => {
      const member = await create('kela', 'kela-user-5', 'Pekka');
      const url = `/v1/staff/${member.id}/allocations`;
      const before = await snapshot();
      const bounds = await inject('PUT', url, kelaAdmin(), {
        allocations: [
          { cooperationAreaId: areas.lappi, fte: 0 },
          { cooperationAreaId: areas.kainuu, fte: 1.5 },
          { cooperationAreaId: 'x', fte: 0.1, extra: true },
        ],
      });
      expect(bounds.statusCode).toBe(400);
      expect(bounds.json().errors.map((e: { location: string }) => e.location)).toEqual(
        expect.arrayContaining([
          'body.allocations[0].fte',
          'body.allocations[1].fte',
          'body.allocations[2].cooperationAreaId',
          'body.allocations[2].extra',
        ]),
      );
      const precise = await inject('PUT', url, kelaAdmin(), {
        allocations: [
          { cooperationAreaId: areas.lappi, fte: 0.1234 },
          { cooperationAreaId: areas.lappi, fte: 0.2 },
        ],
      });
      expect(precise.statusCode).toBe(400);
      expect(precise.json().errors.map((e: { location: string }) => e.location)).toEqual([
        'body.allocations[0].fte',
        'body.allocations[1].cooperationAreaId',
      ]);
      const bare = await inject('PUT', url, kelaAdmin(), [{ cooperationAreaId: areas.lappi, fte: 0.5 }]);
      expect(bare.statusCode).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it('lets only an admin of the person’s own organisation allocate', async () => {
      const member = await create('kela', 'kela-user-6', 'Riikka');
      const url = `/v1/staff/${member.id}/allocations`;
      const body = { allocations: [{ cooperationAreaId: areas.lappi, fte: 0.5 }] };
      const before = await snapshot();
      expect((await inject('PUT', url, h.as('hva-lappi', ['admin']), body)).statusCode).toBe(404);
      expect((await inject('PUT', url, h.as('kela', ['coordinator']), body)).statusCode).toBe(403);
      expect(
        (await inject('PUT', '/v1/staff/00000000-0000-4000-8000-000000000000/allocations', kelaAdmin(), body))
          .statusCode,
      ).toBe(404);
      expect(await snapshot()).toEqual(before);
    });
  });
});
