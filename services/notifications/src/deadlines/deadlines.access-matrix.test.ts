import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { fixedClock } from '@tym/platform';
import { createTestPiiCipher, createTestPlatform, type TestPlatform } from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingService, seedReferenceData } from '@tym/resourcing';
import { accessMatrix, type Cell, inBatches, loadDirectory, type MatrixRoute, makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe } from 'vitest';
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
 * caseworker who referred (not on the team). Built once per file (the kit's access-matrix
 * runner: one fixture, every cell against it).
 */
type Role = 'caseworker' | 'coordinator' | 'auditor' | 'admin' | 'partner';
type Relation = 'ea' | 'hva' | 'kela' | 'otherEa' | 'otherArea' | 'referrer';
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

interface Fixture {
  caseId: string;
  clientId: string;
  pendingReferralId: string;
}

describe('deadlines and erasure holds: access matrix over relations', () => {
  let tdb: TestDatabase;
  let t: TestPlatform;
  const clock = fixedClock('2026-03-19T10:00:00Z');
  let areaId = '';
  const staffIds = new Map<string, string>();
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

  /** The client's case (its caseworkers on the team) and a second client's referral waiting for a decision. */
  async function build(): Promise<Fixture> {
    const referral = await call('POST', '/v1/referrals', who('caseworker', 'referrer'), {
      client: {
        identityCode: makeHetu('010190', '-', '123'),
        firstNames: 'Maija',
        lastName: 'Meikäläinen',
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Tarvitsee tukea.',
    });
    ok(referral, 201, 'referral');
    // A second client's referral waits for a decision: its response deadline has no case yet.
    const pending = await call('POST', '/v1/referrals', who('caseworker', 'referrer'), {
      client: {
        identityCode: makeHetu('020290', '-', '124'),
        firstNames: 'Matti',
        lastName: 'Virtanen',
        homeMunicipalityCode: '245',
      },
      grounds: ['life_management_problems'],
      description: 'Tarvitsee tukea.',
    });
    ok(pending, 201, 'pending referral');
    const accepted = await call('POST', `/v1/referrals/${referral.json().id}/accept`, eaCw(), {});
    ok(accepted, 200, 'accept');
    const caseId = accepted.json().case.id as string;
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
    return { caseId, clientId: referral.json().clientId, pendingReferralId: pending.json().id };
  }

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await seedReferenceData(tdb.db, { clock });
    t = await createTestPlatform({ pool: tdb.pool });
    await t.app.register(resourcingService({ db: tdb.db, clock }));
    const pii = createTestPiiCipher();
    await t.app.register(referralsService({ db: tdb.db, clock, pii }));
    await t.app.register(notificationsService({ db: tdb.db, clock, config: TEST_CONFIG, pii }));
    await t.app.ready();
    const directory = await loadDirectory(t);
    areaId = directory.area('vantaa-kerava');
    const specs = [
      { org: 'kela', sub: 'kela-ref', roles: ['caseworker', 'coordinator'], areas: ['vantaa-kerava'] },
    ];
    for (const rel of RELATIONS) {
      if (rel === 'referrer') continue;
      for (const role of ['caseworker', 'coordinator'] as const)
        specs.push({ org: ORG[rel], sub: subOf(role, rel), roles: [role], areas: [AREA[rel]] });
    }
    await inBatches(specs, 4, async (spec) => staffIds.set(spec.sub, await directory.staff(spec)));
    await matrix.build();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await tdb?.destroy();
  });

  /** Whether a list of deadlines holds the case's: `listed`, `not listed`, or the status. */
  const listing = async (url: string, hd: Record<string, string>, caseId: string): Promise<Cell> => {
    const res = await call('GET', url, hd);
    if (res.statusCode !== 200) return res.statusCode;
    const items = res.json().items as Array<{ caseId: string | null }>;
    return items.some((d) => d.caseId === caseId) ? 'listed' : 'not listed';
  };

  const routes: Array<MatrixRoute<Fixture, 'case', Role, Relation>> = [
    {
      name: 'GET /v1/cases/:id/deadlines',
      fixture: 'case',
      call: async ({ caseId }, { headers: hd }) =>
        (await call('GET', `/v1/cases/${caseId}/deadlines`, hd)).statusCode,
      expect: CASE(200, 404),
    },
    {
      name: 'GET /v1/deadlines?cooperationArea= (the client’s area)',
      fixture: 'case',
      call: ({ caseId }, { headers: hd }) =>
        listing(`/v1/deadlines?limit=100&cooperationArea=${areaId}`, hd, caseId),
      expect: CASE('listed', 'not listed'),
    },
    {
      name: 'GET /v1/deadlines (the case’s deadlines in the list)',
      fixture: 'case',
      call: ({ caseId }, { headers: hd }) => listing('/v1/deadlines?limit=100', hd, caseId),
      expect: CASE('listed', 'not listed'),
    },
    {
      name: 'GET /v1/deadlines (a pending referral’s response deadline in the list)',
      fixture: 'case',
      call: async ({ pendingReferralId }, { headers: hd }) => {
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
      fixture: 'case',
      // One at a time: the erasure hold of one cell is released before the next.
      sequential: true,
      call: async ({ caseId }, { headers: hd }) => {
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
      fixture: 'case',
      call: async ({ clientId }, { headers: hd }) =>
        (await call('POST', `/v1/clients/${clientId}/data-subject-export`, hd, {})).statusCode,
      // Full access to the client only: the caseworkers of the three parties on the team.
      // Coordinators see the client masked, the referrer only its referral: not found.
      expect: { ...CASE(200, 404), coordinator: row(404) },
    },
    {
      name: 'POST /v1/clients/:id/data-subject-export.pdf',
      fixture: 'case',
      call: async ({ clientId }, { headers: hd }) =>
        (await call('POST', `/v1/clients/${clientId}/data-subject-export.pdf`, hd, {})).statusCode,
      expect: { ...CASE(200, 404), coordinator: row(404) },
    },
  ];

  const matrix = accessMatrix({ roles: ROLES, relations: RELATIONS, caller: who, build, routes });
  matrix.tests();
});
