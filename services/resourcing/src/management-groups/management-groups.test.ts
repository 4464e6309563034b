import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaIds, vantaaKeravaMembers } from '../testing/governance-fixtures.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

describe('management groups', () => {
  let h: ResourcingTestApp;
  let areas: Record<string, string>;
  let groupId: string;
  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: object, payload?: object) =>
    h.t.app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const eaAdmin = () => h.as('ea-kerava-sipoo', ['admin'], 'ks-admin');
  const snapshot = async () => ({
    groups: await h.count('resourcing.management_groups'),
    members: await h.count('resourcing.management_group_members'),
    targets: await h.count('resourcing.management_group_targets'),
    deadlines: await h.count('platform.deadlines'),
    events: await h.count('platform.events'),
  });
  const body = (overrides: object = {}) => ({
    cooperationAreaId: areas['vantaa-kerava'],
    termStartOn: '2025-01-01',
    members: vantaaKeravaMembers(),
    ...overrides,
  });

  beforeAll(async () => {
    h = await createResourcingTestApp();
    areas = await areaIds(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses broken compositions with a specific code each, writing nothing', async () => {
    const before = await snapshot();
    const members = vantaaKeravaMembers();
    const cases: Array<[object, string, string, number]> = [
      [
        { members: members.filter((m) => m.organisationCode !== 'kela') },
        'MANAGEMENT_GROUP_PARTY_UNREPRESENTED',
        'body.members',
        422,
      ],
      [
        {
          members: members.map((m) => (m.position === 'chair' ? { ...m, organisationCode: 'ea-vantaa' } : m)),
        },
        'MANAGEMENT_GROUP_CHAIR_INVALID',
        'body.members[0].position',
        422,
      ],
      [
        { members: members.map((m) => (m.position === 'vice_chair' ? { ...m, position: 'member' } : m)) },
        'MANAGEMENT_GROUP_VICE_CHAIR_INVALID',
        'body.members',
        422,
      ],
      [
        { members: [...members, { ...members[3], organisationCode: 'hva-lappi' }] },
        'NOT_A_PARTY_OF_AREA',
        'body.members[4].organisationCode',
        422,
      ],
      [
        { leadingPerson: { name: 'Leena Johtaja', deputyName: 'Lasse', approvedOn: '2024-12-01' } },
        'MANAGEMENT_GROUP_DATES_OUT_OF_ORDER',
        'body.leadingPerson.approvedOn',
        422,
      ],
      [
        {
          members: members.map((m, i) =>
            i === 2 ? { ...m, deputy: { name: 'x', staffId: '00000000-0000-4000-8000-000000000000' } } : m,
          ),
        },
        'MANAGEMENT_GROUP_MEMBER_STAFF_UNKNOWN',
        'body.members[2].deputy.staffId',
        422,
      ],
    ];
    for (const [overrides, code, location, status] of cases) {
      const res = await inject(
        'POST',
        '/v1/management-groups',
        { ...eaAdmin(), 'accept-language': 'sv' },
        body(overrides),
      );
      expect(res.statusCode, code).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code,
        errors: expect.arrayContaining([expect.objectContaining({ location })]),
      });
      expect(res.json().title).not.toBe(code);
    }
    // The HVA does not set a group up; an unrelated organisation is not a party.
    const hva = await inject('POST', '/v1/management-groups', h.as('hva-vantaa-kerava', ['admin']), body());
    expect(hva.json().code).toBe('MANAGEMENT_GROUP_NOT_EMPLOYMENT_AUTHORITY');
    const lappi = await inject('POST', '/v1/management-groups', h.as('hva-lappi', ['admin']), body());
    expect(lappi.json().code).toBe('NOT_A_PARTY_OF_AREA');
    expect(await snapshot()).toEqual(before);
  });

  it('sets a group up with a 5-year term and a term deadline', async () => {
    const before = await snapshot();
    const res = await inject(
      'POST',
      '/v1/management-groups',
      eaAdmin(),
      body({
        leadingPerson: { name: 'Leena Johtaja', deputyName: 'Lasse Varajohtaja', approvedOn: '2025-02-01' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    groupId = res.json().id;
    expect(res.json()).toMatchObject({
      employmentAuthorityCode: 'ea-kerava-sipoo',
      term: { startOn: '2025-01-01', endOn: '2029-12-31' },
      leadingPerson: { name: 'Leena Johtaja', approvedOn: '2025-02-01' },
      version: 1,
    });
    expect(res.json().members).toHaveLength(4);
    const after = await snapshot();
    expect(after).toMatchObject({
      groups: before.groups + 1,
      members: before.members + 4,
      deadlines: before.deadlines + 1,
    });
    const deadline = (
      await h.database.pool.query(
        "SELECT * FROM platform.deadlines WHERE kind = 'management_group.term' AND subject_id = $1",
        [groupId],
      )
    ).rows[0];
    expect(deadline).toMatchObject({ due_on: '2029-12-31', status: 'pending', statute: 'VNA 388/2024 §1' });
    const types = (
      await h.database.pool.query('SELECT type FROM platform.events ORDER BY id DESC LIMIT 2')
    ).rows.map((r) => r.type);
    expect(types.sort()).toEqual(['deadline.set', 'management_group.created']);
  });

  it('allows one group per area and per employment authority in an HVA area (422)', async () => {
    const before = await snapshot();
    const again = await inject('POST', '/v1/management-groups', eaAdmin(), body());
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({
      code: 'MANAGEMENT_GROUP_LIMIT_EXCEEDED',
      existingManagementGroupIds: [groupId],
    });
    const other = await inject(
      'POST',
      '/v1/management-groups',
      h.as('ea-vantaa', ['admin']),
      body({
        members: vantaaKeravaMembers().map((m) =>
          m.position === 'chair'
            ? { ...m, organisationCode: 'ea-vantaa' }
            : m.organisationCode === 'ea-vantaa'
              ? { ...m, organisationCode: 'ea-kerava-sipoo' }
              : m,
        ),
      }),
    );
    expect(other.json().code).toBe('MANAGEMENT_GROUP_LIMIT_EXCEEDED');
    expect(await snapshot()).toEqual(before);
  });

  it('lets each party name its own members; the term is the authority’s', async () => {
    const kela = h.as('kela', ['admin']);
    const res = await inject('PATCH', `/v1/management-groups/${groupId}`, kela, {
      members: [
        {
          organisationCode: 'kela',
          position: 'member',
          name: 'Kerttu Uusi',
          deputy: { name: 'Kaarlo Uusi' },
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    expect(
      res.json().members.find((m: { organisationCode: string }) => m.organisationCode === 'kela').name,
    ).toBe('Kerttu Uusi');
    const foreign = await inject('PATCH', `/v1/management-groups/${groupId}`, kela, {
      members: [{ organisationCode: 'ea-vantaa', position: 'member', name: 'X', deputy: { name: 'Y' } }],
    });
    expect(foreign.statusCode).toBe(403);
    const term = await inject('PATCH', `/v1/management-groups/${groupId}`, kela, {
      termStartOn: '2026-01-01',
    });
    expect(term.statusCode).toBe(403);
    // A new term: the leading person approved in the previous one must be approved again.
    const stale = await inject('PATCH', `/v1/management-groups/${groupId}`, eaAdmin(), {
      termStartOn: '2026-01-01',
    });
    expect(stale.json().code).toBe('MANAGEMENT_GROUP_DATES_OUT_OF_ORDER');
    const moved = await inject('PATCH', `/v1/management-groups/${groupId}`, eaAdmin(), {
      termStartOn: '2026-01-01',
      leadingPerson: null,
    });
    expect(moved.json().term).toEqual({ startOn: '2026-01-01', endOn: '2030-12-31' });
    const deadline = (
      await h.database.pool.query(
        "SELECT due_on, version FROM platform.deadlines WHERE kind = 'management_group.term' AND subject_id = $1 AND status = 'pending'",
        [groupId],
      )
    ).rows[0];
    expect(deadline).toEqual({ due_on: '2030-12-31', version: 2 });
    // Dropping the vice-chair breaks the composition.
    const noVice = await inject(
      'PATCH',
      `/v1/management-groups/${groupId}`,
      h.as('hva-vantaa-kerava', ['admin']),
      {
        members: [
          { organisationCode: 'hva-vantaa-kerava', position: 'member', name: 'V', deputy: { name: 'W' } },
        ],
      },
    );
    expect(noVice.json().code).toBe('MANAGEMENT_GROUP_VICE_CHAIR_INVALID');
  });

  it('keeps annual targets per year', async () => {
    const res = await inject(
      'PUT',
      `/v1/management-groups/${groupId}/annual-targets/2026`,
      h.as('hva-vantaa-kerava', ['admin']),
      {
        targets: [
          {
            indicator: 'plans_within_3_months',
            label: 'Plans drawn up within 3 months',
            targetValue: 90,
            unit: 'percent',
          },
          {
            indicator: 'active_clients_per_fte',
            label: 'Active clients per staff year',
            targetValue: 35.5,
            unit: 'clients',
          },
        ],
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().annualTargets).toEqual([
      {
        year: 2026,
        targets: [
          {
            indicator: 'plans_within_3_months',
            label: 'Plans drawn up within 3 months',
            targetValue: 90,
            unit: 'percent',
          },
          {
            indicator: 'active_clients_per_fte',
            label: 'Active clients per staff year',
            targetValue: 35.5,
            unit: 'clients',
          },
        ],
      },
    ]);
    const list = await inject('GET', '/v1/management-groups', h.as('ea-vantaa', ['coordinator']));
    expect(list.json().items.map((g: { id: string }) => g.id)).toEqual([groupId]);
    const none = await inject('GET', '/v1/management-groups', h.as('hva-lappi', ['coordinator']));
    expect(none.json().items).toEqual([]);
  });
});
