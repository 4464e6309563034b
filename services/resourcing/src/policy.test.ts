import { ROLES, type Role } from '@tym/platform';
import { accessMatrix, type Cell } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryPolicy } from './policy.js';
import {
  agreementContent,
  areaIds,
  createAgreementInForce,
  createStaff,
  createVantaaKeravaGroup,
  vantaaKeravaMembers,
} from './testing/governance-fixtures.js';
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
const RELATION_NAMES = RELATIONS.map(([relation]) => relation);
const orgOf = (relation: Relation) => RELATIONS.find(([r]) => r === relation)?.[1] ?? '';
const matrixOf = (expected: (role: Role, relation: Relation) => number) =>
  Object.fromEntries(
    ROLES.map((role) => [role, Object.fromEntries(RELATION_NAMES.map((rel) => [rel, expected(role, rel)]))]),
  ) as Record<Role, Record<Relation, Cell>>;

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

  it('lets only Kela admins load reference data', () => {
    for (const role of ROLES) {
      for (const org of ['kela', OWN, SAME_AREA, UNRELATED]) {
        expect(directoryPolicy.loadReferenceData(p(org, [role]))).toBe(role === 'admin' && org === 'kela');
      }
    }
  });

  it('lets admins of the HVA or of an employment authority of the region record its cooperation arrangement', () => {
    for (const role of ROLES) {
      for (const [relation, org] of RELATIONS) {
        expect(directoryPolicy.arrangeCooperation(p(org, [role]), SAME_AREA, [OWN, 'ea-vantaa'])).toBe(
          role === 'admin' && relation !== 'unrelated',
        );
      }
      expect(directoryPolicy.arrangeCooperation(p('kela', [role]), SAME_AREA, [OWN])).toBe(false);
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
    await directoryMatrix.build();
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
      // Coordinators and admins: their own organisation's register; anyone else: the directory of
      // the areas they are allocated to (issue 15; empty without allocations), never the register.
      expected: () => 200,
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

  // Every route × role × relation against the one fixture built in beforeAll, one cell at a time
  // (a success changes what the next cell finds: the agreement's version, the staff record).
  const directoryMatrix = accessMatrix({
    roles: ROLES,
    relations: RELATION_NAMES,
    caller: (role, relation) => h.as(orgOf(relation), [role]),
    build: async () => undefined,
    cellConcurrency: 1,
    routes: routes.map((route) => ({
      name: route.name,
      fixture: 'directory',
      call: (_f, { headers }) => h.t.app.inject({ ...route.request(), headers }),
      expect: matrixOf(route.expected),
    })),
  });
  directoryMatrix.tests();
});

describe('authorization matrix over the governance routes', () => {
  let h: ResourcingTestApp;
  let groupId: string;
  let agreementId: string;
  let area: string;
  let content: Record<string, unknown>;

  beforeAll(async () => {
    h = await createResourcingTestApp();
    area = (await areaIds(h))['vantaa-kerava'] ?? '';
    groupId = await createVantaaKeravaGroup(h, area);
    agreementId = await createAgreementInForce(h, groupId);
    content = agreementContent();
    // The token subjects of OWN and SAME_AREA are staff allocated to the area.
    for (const org of [OWN, SAME_AREA])
      await createStaff(h, org, `${org}-user`, 'Matrix', [{ cooperationAreaId: area, fte: 0.5 }]);
    await governanceMatrix.build();
  });
  afterAll(async () => {
    await h.close();
  });

  const party = (rel: Relation) => rel !== 'unrelated';
  const reader = (role: Role, rel: Relation) => party(rel) && (role === 'coordinator' || role === 'admin');
  const read = (role: Role, rel: Relation) => (reader(role, rel) ? 200 : 404);
  const write = (ok: number) => (role: Role, rel: Relation) =>
    role !== 'admin' ? 403 : party(rel) ? ok : 404;
  type Route = {
    name: string;
    request: () => {
      method: 'GET' | 'POST' | 'PATCH' | 'PUT';
      url: string;
      payload?: object;
      headers?: object;
    };
    expected: (role: Role, relation: Relation) => number;
  };
  const routes: Route[] = [
    {
      name: 'GET /v1/management-groups',
      request: () => ({ method: 'GET', url: '/v1/management-groups' }),
      expected: () => 200,
    },
    {
      name: 'GET /v1/management-groups/{id}',
      request: () => ({ method: 'GET', url: `/v1/management-groups/${groupId}` }),
      expected: read,
    },
    {
      name: 'POST /v1/management-groups',
      request: () => ({
        method: 'POST',
        url: '/v1/management-groups',
        payload: { cooperationAreaId: area, termStartOn: '2025-01-01', members: vantaaKeravaMembers() },
      }),
      // Admins learn only why they cannot: the group exists / not the authority / not a party.
      expected: (role) => (role === 'admin' ? 422 : 403),
    },
    {
      name: 'PATCH /v1/management-groups/{id}',
      request: () => ({
        method: 'PATCH',
        url: `/v1/management-groups/${groupId}`,
        payload: { leadingPerson: { name: 'Leena', deputyName: 'Lasse', approvedOn: '2025-03-01' } },
      }),
      // Only the employment authority that set the group up names the leading person (VNA 388/2024 §4).
      expected: (role, rel) =>
        role !== 'admin' ? 403 : rel === 'own' ? 200 : rel === 'same area' ? 403 : 404,
    },
    {
      name: 'PUT /v1/management-groups/{id}/annual-targets/{year}',
      request: () => ({
        method: 'PUT',
        url: `/v1/management-groups/${groupId}/annual-targets/2026`,
        payload: {
          targets: [{ indicator: 'plans_on_time', label: 'Plans on time', targetValue: 90, unit: 'percent' }],
        },
      }),
      expected: write(200),
    },
    {
      name: 'GET /v1/agreements',
      request: () => ({ method: 'GET', url: '/v1/agreements' }),
      expected: () => 200,
    },
    {
      name: 'POST /v1/agreements',
      request: () => ({
        method: 'POST',
        url: '/v1/agreements',
        payload: { managementGroupId: groupId, ...content },
      }),
      // A party's admin reaches the overlap rule; others never see the group.
      expected: write(409),
    },
    {
      name: 'GET /v1/agreements/{id}',
      request: () => ({ method: 'GET', url: `/v1/agreements/${agreementId}` }),
      expected: read,
    },
    {
      name: 'PUT /v1/agreements/{id}',
      request: () => ({
        method: 'PUT',
        url: `/v1/agreements/${agreementId}`,
        payload: content,
        headers: { 'if-match': '"1"' },
      }),
      expected: write(200),
    },
    {
      name: 'GET /v1/agreements/{id}/versions',
      request: () => ({ method: 'GET', url: `/v1/agreements/${agreementId}/versions` }),
      expected: read,
    },
    {
      name: 'GET /v1/agreements/{id}/versions/{version}',
      request: () => ({ method: 'GET', url: `/v1/agreements/${agreementId}/versions/1` }),
      expected: read,
    },
    {
      name: 'POST /v1/agreements/{id}/approvals',
      request: () => ({
        method: 'POST',
        url: `/v1/agreements/${agreementId}/approvals`,
        payload: { approvedOn: '2026-01-02' },
        headers: { 'if-match': '"1"' },
      }),
      expected: write(200),
    },
    {
      name: 'GET /v1/agreements/{id}/staffing-reviews',
      request: () => ({ method: 'GET', url: `/v1/agreements/${agreementId}/staffing-reviews` }),
      expected: read,
    },
    {
      name: 'POST /v1/agreements/{id}/staffing-reviews',
      request: () => ({
        method: 'POST',
        url: `/v1/agreements/${agreementId}/staffing-reviews`,
        payload: { reviewedOn: '2026-03-01', adequate: true, conclusion: 'Adequate.' },
      }),
      expected: write(201),
    },
    {
      name: 'GET /v1/agreements/{id}/cost-shares',
      request: () => ({
        method: 'GET',
        url: `/v1/agreements/${agreementId}/cost-shares?year=2026&jointCosts=100000`,
      }),
      expected: read,
    },
    {
      name: 'GET /v1/agreements/{id}/joint-costs',
      request: () => ({ method: 'GET', url: `/v1/agreements/${agreementId}/joint-costs` }),
      expected: read,
    },
    {
      name: 'PUT /v1/agreements/{id}/joint-costs/{year}',
      request: () => ({
        method: 'PUT',
        url: `/v1/agreements/${agreementId}/joint-costs/2026`,
        payload: { budgetCents: 100000 },
      }),
      expected: write(200),
    },
    {
      name: 'GET /v1/cooperation-areas/{id}/utilisation',
      request: () => ({ method: 'GET', url: `/v1/cooperation-areas/${area}/utilisation` }),
      // Caseworkers read the areas they are allocated to (the matrix subjects are).
      expected: (role, rel) => (reader(role, rel) || (party(rel) && role === 'caseworker') ? 200 : 404),
    },
    {
      name: 'GET /v1/cooperation-areas/{id}/situational-picture',
      request: () => ({ method: 'GET', url: `/v1/cooperation-areas/${area}/situational-picture` }),
      // Readers, and auditors of a party (read-only); never caseworkers or partners.
      expected: (role, rel) => (reader(role, rel) || (party(rel) && role === 'auditor') ? 200 : 404),
    },
    {
      name: 'POST /v1/cooperation-areas/{id}/situational-picture/links',
      request: () => ({
        method: 'POST',
        url: `/v1/cooperation-areas/${area}/situational-picture/links`,
        payload: {},
      }),
      expected: (role, rel) => (reader(role, rel) || (party(rel) && role === 'auditor') ? 201 : 404),
    },
    {
      name: 'GET /v1/situational-picture/national',
      request: () => ({ method: 'GET', url: '/v1/situational-picture/national?groupBy=wellbeing_county' }),
      expected: (role) => (role === 'admin' || role === 'auditor' ? 200 : 403),
    },
  ];

  const governanceMatrix = accessMatrix({
    roles: ROLES,
    relations: RELATION_NAMES,
    caller: (role, relation) => h.as(orgOf(relation), [role]),
    build: async () => undefined,
    cellConcurrency: 1,
    routes: routes.map((route) => ({
      name: route.name,
      fixture: 'governance',
      call: (_f, caller) => {
        const { headers, ...request } = route.request();
        return h.t.app.inject({ ...request, headers: { ...caller.headers, ...(headers ?? {}) } });
      },
      expect: matrixOf(route.expected),
    })),
  });
  governanceMatrix.tests();
});
