import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCaseActive } from '../cases/cases.queries.js';
import {
  createReferralsTestApp,
  makeHetu,
  type ReferralsTestApp,
  referralBody,
} from '../testing/test-app.js';

/**
 * The access matrix (architecture.md, Auth): every route × every role × the caller's
 * organisation relative to the resource — `own` (hva-vantaa-kerava: the organisation whose
 * caseworker accepted and is on the team), `other` (ea-vantaa: another party of the same
 * Vantaa–Kerava cooperation area, its staff allocated there but not on the team) and
 * `unrelated` (hva-pirkanmaa). Each cell gets fresh resources, so writes do not interfere.
 * Expected: the status code; what a caller may not see is 404, never 403.
 */
type Role = 'caseworker' | 'coordinator' | 'auditor' | 'admin' | 'partner';
type Relation = 'own' | 'other' | 'unrelated';
const ROLES: Role[] = ['caseworker', 'coordinator', 'auditor', 'admin', 'partner'];
const RELATIONS: Relation[] = ['own', 'other', 'unrelated'];
const ORG: Record<Relation, string> = {
  own: 'hva-vantaa-kerava',
  other: 'ea-vantaa',
  unrelated: 'hva-pirkanmaa',
};

interface Fixture {
  referralId: string;
  caseId: string;
  caseClientId: string;
  caseClientCode: string;
  memberStaffId: string;
}

interface Route {
  name: string;
  needs?: { active?: boolean; proposal?: boolean };
  call(f: Fixture, headers: Record<string, string>): Promise<{ statusCode: number }>;
  /** Expected status per role: [own, other, unrelated]. */
  expect: Record<Role, [number, number, number]>;
}

const ALL = (s: number): [number, number, number] => [s, s, s];

describe('access matrix', () => {
  let h: ReferralsTestApp;
  let n = 0;
  const nextCode = () => {
    n += 1;
    const day = String(1 + (Math.floor(n / 898) % 28)).padStart(2, '0');
    return makeHetu(`${day}0675`, '-', String(2 + (n % 898)).padStart(3, '0'));
  };
  const staffIds: Record<string, string> = {};
  const who = (role: Role, rel: Relation) => h.as(ORG[rel], [role], `${rel}-${role}`);
  const kelaRef = () => h.as('kela', ['caseworker'], 'kela-ref');
  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  async function fixture(needs: Route['needs'] = {}): Promise<Fixture> {
    const pending = await inject('POST', '/v1/referrals', kelaRef(), referralBody(nextCode()));
    const caseClientCode = nextCode();
    const toAccept = await inject('POST', '/v1/referrals', kelaRef(), referralBody(caseClientCode));
    const accepted = await inject(
      'POST',
      `/v1/referrals/${toAccept.json().id}/accept`,
      who('caseworker', 'own'),
      {},
    );
    const caseId = accepted.json().case.id as string;
    const member = staffIds.eaMember ?? '';
    await inject('POST', `/v1/cases/${caseId}/team`, who('caseworker', 'own'), {
      staffId: member,
      role: 'member',
    });
    if (needs.active) {
      await h.database.db.transaction((tx) =>
        setCaseActive(tx, caseId, {
          agreedOn: '2026-03-19',
          actor: { organisation: 'ea-kerava-sipoo', sub: 'ea-member' },
          now: h.clock.now(),
        }),
      );
    }
    if (needs.proposal) {
      const p = await inject('POST', `/v1/cases/${caseId}/ending`, who('caseworker', 'own'), {
        reasonCode: 'employed',
      });
      expect(p.statusCode).toBe(201);
    }
    return {
      referralId: pending.json().id,
      caseId,
      caseClientId: toAccept.json().clientId,
      caseClientCode,
      memberStaffId: member,
    };
  }

  const routes: Route[] = [
    {
      name: 'POST /v1/referrals',
      call: (_f, hd) => inject('POST', '/v1/referrals', hd, referralBody(nextCode())),
      expect: {
        caseworker: ALL(201),
        coordinator: ALL(201),
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(403),
      },
    },
    {
      name: 'GET /v1/referrals',
      call: (_f, hd) => inject('GET', '/v1/referrals', hd),
      expect: {
        caseworker: ALL(200),
        coordinator: ALL(200),
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(403),
      },
    },
    {
      name: 'GET /v1/referrals/{id}',
      call: (f, hd) => inject('GET', `/v1/referrals/${f.referralId}`, hd),
      expect: {
        caseworker: [200, 200, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/referrals/{id}/accept',
      call: (f, hd) => inject('POST', `/v1/referrals/${f.referralId}/accept`, hd, {}),
      expect: {
        caseworker: [200, 200, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/referrals/{id}/decline',
      call: (f, hd) => inject('POST', `/v1/referrals/${f.referralId}/decline`, hd, { reasonCode: 'other' }),
      expect: {
        caseworker: [200, 200, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/referrals/{id}/withdraw',
      call: (f, hd) => inject('POST', `/v1/referrals/${f.referralId}/withdraw`, hd, {}),
      expect: {
        caseworker: [403, 403, 404],
        coordinator: [403, 403, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'GET /v1/clients/{id}',
      call: (f, hd) => inject('GET', `/v1/clients/${f.caseClientId}`, hd),
      expect: {
        caseworker: [200, 200, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'PUT /v1/clients/{id}/language',
      call: (f, hd) =>
        inject('PUT', `/v1/clients/${f.caseClientId}/language`, hd, { preferredLanguage: 'fi' }),
      expect: {
        caseworker: [200, 200, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(403),
      },
    },
    {
      name: 'POST /v1/clients/search',
      call: (f, hd) => inject('POST', '/v1/clients/search', hd, { identityCode: f.caseClientCode }),
      expect: {
        caseworker: [200, 200, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(403),
      },
    },
    {
      name: 'GET /v1/clients/{id}/access-log',
      call: (f, hd) => inject('GET', `/v1/clients/${f.caseClientId}/access-log`, hd),
      expect: {
        caseworker: ALL(404),
        coordinator: ALL(404),
        auditor: [200, 200, 404],
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'GET /v1/cases',
      call: (_f, hd) => inject('GET', '/v1/cases', hd),
      expect: {
        caseworker: ALL(200),
        coordinator: ALL(200),
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(200),
      },
    },
    {
      name: 'GET /v1/cases/{id}',
      call: (f, hd) => inject('GET', `/v1/cases/${f.caseId}`, hd),
      expect: {
        caseworker: [200, 404, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [200, 200, 404],
      },
    },
    {
      name: 'GET /v1/cases/{id}/timeline',
      call: (f, hd) => inject('GET', `/v1/cases/${f.caseId}/timeline`, hd),
      expect: {
        caseworker: [200, 404, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/cases/{id}/team',
      call: (f, hd) =>
        inject('POST', `/v1/cases/${f.caseId}/team`, hd, { staffId: staffIds.kelaRef ?? '', role: 'member' }),
      expect: {
        caseworker: [200, 404, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [403, 403, 404],
      },
    },
    {
      name: 'DELETE /v1/cases/{id}/team',
      call: (f, hd) => inject('DELETE', `/v1/cases/${f.caseId}/team?staffId=${f.memberStaffId}`, hd),
      expect: {
        caseworker: [200, 404, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [403, 403, 404],
      },
    },
    {
      name: 'POST /v1/cases/{id}/duties-explained',
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/duties-explained`, hd, {}),
      // Vantaa's coordinator sees the case but is neither the client's employment authority nor HVA.
      expect: {
        caseworker: [201, 404, 404],
        coordinator: [201, 403, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [403, 403, 404],
      },
    },
    {
      name: 'POST /v1/cases/{id}/review-requests',
      needs: { active: true },
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/review-requests`, hd, { channel: 'written' }),
      expect: {
        caseworker: [201, 404, 404],
        coordinator: [201, 201, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [403, 403, 404],
      },
    },
    {
      name: 'POST /v1/cases/{id}/ending',
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/ending`, hd, { reasonCode: 'employed' }),
      expect: {
        caseworker: [201, 404, 404],
        coordinator: [201, 201, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [403, 403, 404],
      },
    },
    {
      name: 'POST /v1/cases/{id}/ending/confirmations',
      needs: { proposal: true },
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/ending/confirmations`, hd, {}),
      // Vantaa is a party of the area but not a confirmer of a Kerava client's ending.
      expect: {
        caseworker: [200, 404, 404],
        coordinator: [200, 403, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [403, 403, 404],
      },
    },
    {
      name: 'POST /v1/cases/{id}/ending/objections',
      needs: { proposal: true },
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/ending/objections`, hd, {}),
      expect: {
        caseworker: [200, 404, 404],
        coordinator: [200, 200, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: [403, 403, 404],
      },
    },
  ];

  beforeAll(async () => {
    h = await createReferralsTestApp();
    staffIds.kelaRef = await h.staff({
      org: 'kela',
      sub: 'kela-ref',
      roles: ['caseworker'],
      areas: ['pirkanmaa'],
    });
    staffIds.eaMember = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-member',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    for (const rel of RELATIONS) {
      for (const role of ['caseworker', 'coordinator'] as const) {
        await h.staff({
          org: ORG[rel],
          sub: `${rel}-${role}`,
          roles: [role],
          areas: [rel === 'unrelated' ? 'pirkanmaa' : 'vantaa-kerava'],
        });
      }
    }
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('has a row for every route of the service', () => {
    const registered = h.t.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter(
        (l) =>
          l.includes('/v1/') &&
          !/municipalities|organisations|staff|cooperation-areas|employment-areas|calendar/.test(l),
      );
    expect(registered.length).toBeGreaterThan(0);
    expect(routes).toHaveLength(20);
  });

  for (const route of routes) {
    it(`${route.name}`, async () => {
      const actual: Record<string, [number, number, number]> = {};
      for (const role of ROLES) {
        const row: number[] = [];
        for (const rel of RELATIONS) {
          const f = await fixture(route.needs);
          row.push((await route.call(f, who(role, rel))).statusCode);
        }
        actual[role] = row as [number, number, number];
      }
      expect(actual).toEqual(route.expect);
    }, 60_000);
  }

  it('lists only what each caller may see', async () => {
    const f = await fixture();
    const listed = async (url: string, role: Role, rel: Relation) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await inject('GET', `${url}${cursor ? `&cursor=${cursor}` : ''}`, who(role, rel));
        const body = res.json();
        ids.push(...body.items.map((i: { id: string }) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await listed('/v1/referrals?limit=200', 'caseworker', 'own')).toContain(f.referralId);
    expect(await listed('/v1/referrals?limit=200', 'caseworker', 'other')).toContain(f.referralId);
    expect(await listed('/v1/referrals?limit=200', 'caseworker', 'unrelated')).not.toContain(f.referralId);
    expect(await listed('/v1/cases?limit=200', 'caseworker', 'own')).toContain(f.caseId);
    expect(await listed('/v1/cases?limit=200', 'caseworker', 'other')).not.toContain(f.caseId);
    expect(await listed('/v1/cases?limit=200', 'coordinator', 'other')).toContain(f.caseId);
    expect(await listed('/v1/cases?limit=200', 'coordinator', 'unrelated')).not.toContain(f.caseId);
    expect(await listed('/v1/cases?limit=200', 'partner', 'other')).toContain(f.caseId);
    expect(await listed('/v1/cases?limit=200', 'partner', 'unrelated')).not.toContain(f.caseId);
    // Partners see ids and statuses only.
    const partnerCase = await inject('GET', `/v1/cases/${f.caseId}`, who('partner', 'own'));
    expect(partnerCase.json()).toEqual({ id: f.caseId, status: 'assessment' });
    // The identity code: in full on the team, masked otherwise.
    const onTeam = await inject('GET', `/v1/clients/${f.caseClientId}`, who('caseworker', 'own'));
    expect(onTeam.json()).toMatchObject({ identityCode: f.caseClientCode, identityCodeMasked: false });
    const offTeam = await inject('GET', `/v1/clients/${f.caseClientId}`, who('coordinator', 'own'));
    expect(offTeam.json()).toMatchObject({ identityCodeMasked: true });
    expect(offTeam.body).not.toContain(f.caseClientCode);
  });
});
