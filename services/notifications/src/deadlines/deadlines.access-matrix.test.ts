import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { hetuCheckCharacter } from '@tym/domain';
import { fixedClock } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsService } from '../app.js';
import { TEST_CONFIG } from '../testing/harness.js';

/**
 * The access matrix over relations of the routes here that reveal a client's case: its
 * deadlines and its erasure hold (issue 10), and the client's data-subject export (issue 11). The client lives in Kerava (municipality 245,
 * Vantaa–Kerava area); their parties are exactly three (domain.md §1): `ea-kerava-sipoo`,
 * `hva-vantaa-kerava` and Kela. Their caseworkers are on the team, their coordinators are
 * allocated to the area. `otherEa` (ea-vantaa) is another employment authority of the same
 * area, allocated there — not a party: 404 exactly like a missing case, and none of the
 * case's deadlines in its lists. `otherArea` is hva-pirkanmaa; `referrer` is the Kela
 * caseworker who referred (not on the team). Built once per file.
 */
type Role = 'caseworker' | 'coordinator' | 'auditor' | 'admin' | 'partner';
type Relation = 'ea' | 'hva' | 'kela' | 'otherEa' | 'otherArea' | 'referrer';
type Cell = number | string;
type Row = Record<Relation, Cell>;
type Matrix = Record<Role, Row>;
const ROLES: Role[] = ['caseworker', 'coordinator', 'auditor', 'admin', 'partner'];
const RELATIONS: Relation[] = ['ea', 'hva', 'kela', 'otherEa', 'otherArea', 'referrer'];
const ORG: Record<Relation, string> = {
  ea: 'ea-kerava-sipoo',
  hva: 'hva-vantaa-kerava',
  kela: 'kela',
  otherEa: 'ea-vantaa',
  otherArea: 'hva-pirkanmaa',
  referrer: 'kela',
};
const AREA: Record<Relation, string> = {
  ea: 'vantaa-kerava',
  hva: 'vantaa-kerava',
  kela: 'vantaa-kerava',
  otherEa: 'vantaa-kerava',
  otherArea: 'pirkanmaa',
  referrer: 'vantaa-kerava',
};
const subOf = (role: Role, rel: Relation) => (rel === 'referrer' ? 'kela-ref' : `${rel}-${role}`);
const row = (s: Cell, cells: Partial<Row> = {}): Row => ({
  ea: s,
  hva: s,
  kela: s,
  otherEa: s,
  otherArea: s,
  referrer: s,
  ...cells,
});
/** The client's parties: caseworkers on the team, coordinators allocated to the area. */
const CASE = (yes: Cell, no: Cell): Matrix => ({
  caseworker: row(no, { ea: yes, hva: yes, kela: yes }),
  coordinator: row(no, { ea: yes, hva: yes, kela: yes, referrer: yes }),
  auditor: row(no),
  admin: row(no),
  partner: row(no),
});

describe('deadlines and erasure holds: access matrix over relations', () => {
  let tdb: TestDatabase;
  let t: TestPlatform;
  const clock = fixedClock('2026-03-19T10:00:00Z');
  let caseId = '';
  let areaId = '';
  let pendingReferralId = '';
  let clientId = '';
  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const who = (role: Role, rel: Relation) => ({
    authorization: t.bearer(ORG[rel], [role], subOf(role, rel)),
  });
  const eaCw = () => who('caseworker', 'ea');
  const ok = (res: { statusCode: number; body: string }, status: number, what: string) => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await seedReferenceData(tdb.db, { clock });
    t = await createTestPlatform({ pool: tdb.pool });
    await t.app.register(resourcingService({ db: tdb.db, clock }));
    const pii = createTestPiiCipher();
    await t.app.register(referralsService({ db: tdb.db, clock, pii }));
    await t.app.register(notificationsService({ db: tdb.db, clock, config: TEST_CONFIG, pii }));
    await t.app.ready();
    const areas = new Map(
      (
        (await call('GET', '/v1/cooperation-areas', { authorization: t.bearer('kela', ['admin']) })).json()
          .items as Array<{ id: string; code: string }>
      ).map((a) => [a.code, a.id]),
    );
    areaId = areas.get('vantaa-kerava') as string;
    const staffIds = new Map<string, string>();
    const staff = async (org: string, sub: string, roles: string[], area: string) => {
      const admin = { authorization: t.bearer(org, ['admin'], `${org}-admin`) };
      const s = await call('POST', '/v1/staff', admin, { subject: sub, displayName: sub, roles });
      ok(s, 201, 'staff');
      const put = await t.app.inject({
        method: 'PUT',
        url: `/v1/staff/${s.json().id}/allocations`,
        headers: admin,
        payload: { allocations: [{ cooperationAreaId: areas.get(area), fte: 0.5 }] },
      });
      ok(put, 200, 'allocations');
      staffIds.set(sub, s.json().id);
    };
    await staff('kela', 'kela-ref', ['caseworker', 'coordinator'], 'vantaa-kerava');
    for (const rel of RELATIONS) {
      if (rel === 'referrer') continue;
      for (const role of ['caseworker', 'coordinator'] as const) {
        await staff(ORG[rel], subOf(role, rel), [role], AREA[rel]);
      }
    }
    const referral = await call('POST', '/v1/referrals', who('caseworker', 'referrer'), {
      client: {
        identityCode: `010190-123${hetuCheckCharacter('010190', '123')}`,
        firstNames: 'Maija',
        lastName: 'Meikäläinen',
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Tarvitsee tukea.',
    });
    ok(referral, 201, 'referral');
    clientId = referral.json().clientId;
    // A second client's referral waits for a decision: its response deadline has no case yet.
    const pending = await call('POST', '/v1/referrals', who('caseworker', 'referrer'), {
      client: {
        identityCode: `020290-124${hetuCheckCharacter('020290', '124')}`,
        firstNames: 'Matti',
        lastName: 'Virtanen',
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Tarvitsee tukea.',
    });
    ok(pending, 201, 'pending referral');
    pendingReferralId = pending.json().id;
    const accepted = await call('POST', `/v1/referrals/${referral.json().id}/accept`, eaCw(), {});
    ok(accepted, 200, 'accept');
    caseId = accepted.json().case.id;
    for (const sub of ['hva-caseworker', 'kela-caseworker']) {
      ok(
        await call('POST', `/v1/cases/${caseId}/team`, eaCw(), {
          staffId: staffIds.get(sub),
          role: 'member',
        }),
        200,
        'team',
      );
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await tdb?.destroy();
  });

  /** Whether a list of deadlines holds the case's: `listed`, `not listed`, or the status. */
  const listing = async (url: string, hd: Record<string, string>): Promise<Cell> => {
    const res = await call('GET', url, hd);
    if (res.statusCode !== 200) return res.statusCode;
    const items = res.json().items as Array<{ caseId: string | null }>;
    return items.some((d) => d.caseId === caseId) ? 'listed' : 'not listed';
  };

  const routes: Array<{ name: string; call(hd: Record<string, string>): Promise<Cell>; expect: Matrix }> = [
    {
      name: 'GET /v1/cases/:id/deadlines',
      call: async (hd) => (await call('GET', `/v1/cases/${caseId}/deadlines`, hd)).statusCode,
      expect: CASE(200, 404),
    },
    {
      name: 'GET /v1/deadlines?cooperationArea= (the client’s area)',
      call: (hd) => listing(`/v1/deadlines?limit=100&cooperationArea=${areaId}`, hd),
      expect: CASE('listed', 'not listed'),
    },
    {
      name: 'GET /v1/deadlines (the case’s deadlines in the list)',
      call: (hd) => listing('/v1/deadlines?limit=100', hd),
      expect: CASE('listed', 'not listed'),
    },
    {
      name: 'GET /v1/deadlines (a pending referral’s response deadline in the list)',
      call: async (hd) => {
        const res = await call('GET', `/v1/deadlines?limit=100&cooperationArea=${areaId}`, hd);
        if (res.statusCode !== 200) return res.statusCode;
        const items = res.json().items as Array<{ subjectId: string }>;
        return items.some((d) => d.subjectId === pendingReferralId) ? 'listed' : 'not listed';
      },
      // The area's coordinators of the client's parties; caseworkers see their teams' cases only.
      expect: {
        ...CASE('listed', 'not listed'),
        caseworker: row('not listed'),
      },
    },
    {
      name: 'POST and DELETE /v1/cases/:id/erasure-hold',
      call: async (hd) => {
        const placed = await call('POST', `/v1/cases/${caseId}/erasure-hold`, hd, { reasonCode: 'other' });
        if (placed.statusCode !== 201) {
          // Refused: a hold placed by the case's own staff is not the caller's to release either.
          ok(
            await call('POST', `/v1/cases/${caseId}/erasure-hold`, eaCw(), { reasonCode: 'other' }),
            201,
            'hold',
          );
          const released = await call('DELETE', `/v1/cases/${caseId}/erasure-hold`, hd);
          ok(await call('DELETE', `/v1/cases/${caseId}/erasure-hold`, eaCw()), 200, 'release');
          return `${placed.statusCode}/${released.statusCode}`;
        }
        return `${placed.statusCode}/${(await call('DELETE', `/v1/cases/${caseId}/erasure-hold`, hd)).statusCode}`;
      },
      expect: CASE('201/200', '404/404'),
    },
    {
      name: 'POST /v1/clients/:id/data-subject-export',
      call: async (hd) =>
        (await call('POST', `/v1/clients/${clientId}/data-subject-export`, hd, {})).statusCode,
      // Full access to the client only: the caseworkers of the three parties on the team.
      // Coordinators see the client masked, the referrer only its referral: not found.
      expect: { ...CASE(200, 404), coordinator: row(404) },
    },
    {
      name: 'POST /v1/clients/:id/data-subject-export.pdf',
      call: async (hd) =>
        (await call('POST', `/v1/clients/${clientId}/data-subject-export.pdf`, hd, {})).statusCode,
      expect: { ...CASE(200, 404), coordinator: row(404) },
    },
  ];

  for (const route of routes) {
    it(route.name, async () => {
      const got = Object.fromEntries(ROLES.map((role) => [role, {}])) as Matrix;
      // One at a time: the erasure hold of one cell is released before the next.
      for (const role of ROLES)
        for (const rel of RELATIONS) got[role][rel] = await route.call(who(role, rel));
      const wrong = ROLES.flatMap((role) =>
        RELATIONS.filter((rel) => got[role][rel] !== route.expect[role][rel]).map(
          (rel) => `${role} × ${rel}: ${got[role][rel]}, expected ${route.expect[role][rel]}`,
        ),
      );
      expect(wrong).toEqual([]);
    });
  }
});
