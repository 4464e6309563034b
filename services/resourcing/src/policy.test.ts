import { ROLES, type Role } from '@tym/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryPolicy } from './policy.js';
import { createResourcingTestApp, type ResourcingTestApp } from './testing/test-app.js';

/**
 * The authorization matrix (architecture.md, Auth): every route × every role × the target's
 * own organisation, another party of the same cooperation area, and an unrelated one.
 */
const OWN = 'ea-kerava-sipoo';
const SAME_AREA = 'hva-vantaa-kerava';
const UNRELATED = 'hva-lappi';
const RELATIONS = [
  ['own', OWN],
  ['same area', SAME_AREA],
  ['unrelated', UNRELATED],
] as const;
type Relation = (typeof RELATIONS)[number][0];

describe('directoryPolicy', () => {
  const p = (org: string, roles: Role[], sub = 'u') => ({ org, roles, sub, issuer: 'i' });

  it('lets anyone read the directory', () => {
    for (const role of ROLES) expect(directoryPolicy.readDirectory(p(UNRELATED, [role]))).toBe(true);
  });

  it('lets only own admins manage organisations and areas', () => {
    for (const role of ROLES) {
      for (const [, org] of RELATIONS) {
        const expected = role === 'admin' && org === OWN;
        expect(directoryPolicy.manageOrganisation(p(org, [role]), OWN)).toBe(expected);
        expect(directoryPolicy.manageEmploymentArea(p(org, [role]), OWN)).toBe(expected);
      }
    }
  });

  it('shows staff to own coordinators and admins, and to the person', () => {
    const member = { organisationCode: OWN, subject: 'me' };
    for (const role of ROLES) {
      for (const [, org] of RELATIONS) {
        expect(directoryPolicy.readStaff(p(org, [role]), member)).toBe(
          org === OWN && (role === 'coordinator' || role === 'admin'),
        );
      }
      expect(directoryPolicy.readStaff(p(OWN, [role], 'me'), member)).toBe(true);
      expect(directoryPolicy.readStaff(p(SAME_AREA, [role], 'me'), member)).toBe(false);
    }
  });
});

describe('authorization matrix over the routes', () => {
  let h: ResourcingTestApp;
  let staffId: string;
  let allocations: Array<{ cooperationAreaId: string; fte: number }>;
  let seq = 0;

  beforeAll(async () => {
    h = await createResourcingTestApp();
    const admin = h.as(OWN, ['admin']);
    staffId = (
      await h.t.app.inject({
        method: 'POST',
        url: '/v1/staff',
        headers: admin,
        payload: { subject: 'ks-target', displayName: 'Target' },
      })
    ).json().id;
    const areas = (
      await h.t.app.inject({ method: 'GET', url: '/v1/cooperation-areas', headers: admin })
    ).json().items as Array<{ id: string; code: string }>;
    allocations = [{ cooperationAreaId: areas.find((a) => a.code === 'vantaa-kerava')?.id ?? '', fte: 0.5 }];
    const put = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${staffId}/allocations`,
      headers: admin,
      payload: { allocations },
    });
    expect(put.statusCode).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  const manager = (role: Role) => role === 'coordinator' || role === 'admin';
  type Route = {
    name: string;
    request: () => { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; payload?: object };
    expected: (role: Role, relation: Relation) => number;
  };
  const READS = [
    '/v1/organisations',
    `/v1/organisations/${OWN}`,
    '/v1/employment-areas',
    '/v1/employment-areas/kerava-sipoo',
    '/v1/cooperation-areas',
    '/v1/municipalities',
    '/v1/municipalities/245',
    '/v1/calendar/due-date?from=2026-03-19&months=3',
  ];
  const routes: Route[] = [
    ...READS.map((url) => ({
      name: `GET ${url}`,
      request: () => ({ method: 'GET' as const, url }),
      expected: () => 200,
    })),
    {
      name: 'GET /v1/staff',
      request: () => ({ method: 'GET', url: '/v1/staff' }),
      // Always the caller's own organisation's list.
      expected: (role) => (manager(role) ? 200 : 403),
    },
    {
      name: 'GET /v1/staff/{id}',
      request: () => ({ method: 'GET', url: `/v1/staff/${staffId}` }),
      expected: (role, rel) => (rel === 'own' && manager(role) ? 200 : 404),
    },
    {
      name: 'POST /v1/staff',
      request: () => ({
        method: 'POST',
        url: '/v1/staff',
        payload: { subject: `s-${++seq}`, displayName: 'New' },
      }),
      expected: (role) => (role === 'admin' ? 201 : 403),
    },
    {
      name: 'PATCH /v1/staff/{id}',
      request: () => ({ method: 'PATCH', url: `/v1/staff/${staffId}`, payload: { active: true } }),
      expected: (role, rel) => (role !== 'admin' ? 403 : rel === 'own' ? 200 : 404),
    },
    {
      name: 'PUT /v1/staff/{id}/allocations',
      request: () => ({ method: 'PUT', url: `/v1/staff/${staffId}/allocations`, payload: { allocations } }),
      expected: (role, rel) => (role !== 'admin' ? 403 : rel === 'own' ? 200 : 404),
    },
    {
      name: 'PATCH /v1/organisations/{code}',
      request: () => ({
        method: 'PATCH',
        url: `/v1/organisations/${OWN}`,
        payload: { nameFi: 'Kerava–Sipoon työllisyysalue' },
      }),
      expected: (role, rel) => (role === 'admin' && rel === 'own' ? 200 : 403),
    },
    {
      name: 'POST /v1/employment-areas',
      request: () => ({
        method: 'POST',
        url: '/v1/employment-areas',
        payload: { id: 'kerava-sipoo', nameFi: 'X', model: 'alone', municipalityCodes: ['245'] },
      }),
      // Authorization comes first; the own admin then learns that the area exists.
      expected: (role, rel) => (role === 'admin' && rel === 'own' ? 409 : 403),
    },
    {
      name: 'PATCH /v1/employment-areas/{id}',
      request: () => ({
        method: 'PATCH',
        url: '/v1/employment-areas/kerava-sipoo',
        payload: { nameFi: 'Kerava–Sipoon työllisyysalue' },
      }),
      expected: (role, rel) => (role === 'admin' && rel === 'own' ? 200 : 403),
    },
  ];

  const cases = routes.flatMap((route) =>
    ROLES.flatMap((role) =>
      RELATIONS.map(([relation, org]) => [route.name, role, relation, org, route] as const),
    ),
  );

  it.each(cases)('%s as %s of the %s organisation', async (_name, role, relation, org, route) => {
    const res = await h.t.app.inject({ ...route.request(), headers: h.as(org, [role]) });
    expect(res.statusCode).toBe(route.expected(role, relation));
  });
});
