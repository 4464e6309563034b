import { accessMatrix, type Cell, hetuSequence, inBatches } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCaseActive } from '../cases/cases.queries.js';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * The access matrix over relations (issue 10, "A standing adversarial suite"): every route
 * that touches a client, case or referral × every role × the caller's organisation relative
 * to the client. The client lives in Kerava (245); the referral comes from a Lahti
 * caseworker, who is not a party of the client.
 *
 * - `ea`, `hva`, `kela`: the client's own three parties (their caseworkers are on the team);
 * - `otherEa`: ea-vantaa, another employment authority of the same cooperation area;
 * - `otherArea`: hva-pirkanmaa, a party of another area;
 * - `referrer`: ea-lahti, the referring caseworker (its coordinator: of the referring organisation).
 *
 * Fixtures are built once, in `beforeAll`, by the kit's access-matrix runner: one per kind
 * shared by every cell that changes nothing, plus one for every cell expected to succeed on a
 * route whose success uses the resource up (accepting, ending…). Expected: the status code;
 * what a caller may not see is 404, never 403.
 */
type Role = 'caseworker' | 'coordinator' | 'auditor' | 'admin' | 'partner';
type Relation = 'ea' | 'hva' | 'kela' | 'otherEa' | 'otherArea' | 'referrer';
const ROLES: Role[] = ['caseworker', 'coordinator', 'auditor', 'admin', 'partner'];
const RELATIONS: Relation[] = ['ea', 'hva', 'kela', 'otherEa', 'otherArea', 'referrer'];
const ORG: Record<Relation, string> = {
  ea: 'ea-kerava-sipoo',
  hva: 'hva-vantaa-kerava',
  kela: 'kela',
  otherEa: 'ea-vantaa',
  otherArea: 'hva-pirkanmaa',
  referrer: 'ea-lahti',
};
const AREA: Record<Relation, string> = {
  ea: 'vantaa-kerava',
  hva: 'vantaa-kerava',
  kela: 'vantaa-kerava',
  otherEa: 'vantaa-kerava',
  otherArea: 'pirkanmaa',
  referrer: 'paijat-hame',
};

type Row = [ea: number, hva: number, kela: number, otherEa: number, otherArea: number, referrer: number];
const ALL = (s: number): Row => [s, s, s, s, s, s];
/** The client's three parties get `party`, everyone else `rest`. */
const PARTIES = (party: number, rest = 404): Row => [party, party, party, rest, rest, rest];

type FixtureKind = 'none' | 'referral' | 'details' | 'case' | 'activeCase' | 'requestedCase' | 'proposedCase';
interface Fixture {
  referralId: string;
  clientId: string;
  clientCode: string;
  caseId: string;
  /** The client's open review request (`requestedCase`). */
  reviewRequestId?: string;
}

interface Route {
  name: string;
  fixture: FixtureKind;
  /** A success uses the fixture up: each cell expected to succeed gets a fixture of its own. */
  consumes?: boolean;
  call(f: Fixture, headers: Record<string, string>): Promise<{ statusCode: number; body: string }>;
  expect: Record<Role, Row>;
}

describe('access matrix over relations', () => {
  let h: ReferralsTestApp;
  const nextCode = hetuSequence('0675');
  const staffIds: Record<string, string> = {};
  const who = (role: Role, rel: Relation) => h.as(ORG[rel], [role], `${rel}-${role}`);
  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => h.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<{ statusCode: number; body: string }>, status: number) => {
    const r = await res;
    if (r.statusCode !== status)
      throw new Error(`fixture: expected ${status}, got ${r.statusCode}: ${r.body}`);
    return JSON.parse(r.body);
  };

  async function build(kind: FixtureKind): Promise<Fixture> {
    const clientCode = nextCode();
    const f: Fixture = { referralId: '', clientId: '', clientCode, caseId: '' };
    if (kind === 'none') return f;
    if (kind === 'details') {
      // A known client; the Lahti referrer's referral brings another phone number.
      const first = await ok(
        inject('POST', '/v1/referrals', who('caseworker', 'ea'), referralBody(clientCode)),
        201,
      );
      const body = referralBody(clientCode);
      const second = await ok(
        inject('POST', '/v1/referrals', who('caseworker', 'referrer'), {
          ...body,
          client: { ...body.client, contactDetails: { phone: '+358 50 000 0000' } },
        }),
        201,
      );
      return { ...f, referralId: second.id, clientId: first.clientId };
    }
    const referral = await ok(
      inject('POST', '/v1/referrals', who('caseworker', 'referrer'), referralBody(clientCode)),
      201,
    );
    if (kind === 'referral') return { ...f, referralId: referral.id, clientId: referral.clientId };
    const accepted = await ok(
      inject('POST', `/v1/referrals/${referral.id}/accept`, who('caseworker', 'hva'), {}),
      200,
    );
    const caseId = accepted.case.id as string;
    for (const staffId of [staffIds['ea-caseworker'], staffIds['kela-caseworker'], staffIds.hvaExtra]) {
      await ok(
        inject('POST', `/v1/cases/${caseId}/team`, who('caseworker', 'hva'), { staffId, role: 'member' }),
        200,
      );
    }
    if (kind === 'activeCase' || kind === 'requestedCase') {
      await h.database.db.transaction((tx) =>
        setCaseActive(tx, caseId, {
          agreedOn: '2026-03-19',
          actor: { organisation: 'ea-kerava-sipoo', sub: 'ea-caseworker' },
          now: h.clock.now(),
        }),
      );
    }
    if (kind === 'requestedCase') {
      const request = await ok(
        inject('POST', `/v1/cases/${caseId}/review-requests`, who('caseworker', 'hva'), { channel: 'phone' }),
        201,
      );
      return {
        ...f,
        referralId: referral.id,
        clientId: referral.clientId,
        caseId,
        reviewRequestId: request.id,
      };
    }
    if (kind === 'proposedCase') {
      await ok(
        inject('POST', `/v1/cases/${caseId}/ending`, who('caseworker', 'hva'), { reasonCode: 'employed' }),
        201,
      );
    }
    return { ...f, referralId: referral.id, clientId: referral.clientId, caseId };
  }

  const routes: Route[] = [
    {
      name: 'POST /v1/referrals',
      fixture: 'none',
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
      fixture: 'none',
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
      fixture: 'referral',
      call: (f, hd) => inject('GET', `/v1/referrals/${f.referralId}`, hd),
      expect: {
        caseworker: [200, 200, 200, 404, 404, 200],
        coordinator: [200, 200, 200, 404, 404, 200],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/referrals/{id}/accept',
      fixture: 'referral',
      consumes: true,
      call: (f, hd) => inject('POST', `/v1/referrals/${f.referralId}/accept`, hd, {}),
      // The client's EA or HVA starts the assessment (381/2023 §4); Kela and the referrer see but may not.
      expect: {
        caseworker: [200, 200, 403, 404, 404, 403],
        coordinator: [200, 200, 403, 404, 404, 403],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/referrals/{id}/decline',
      fixture: 'referral',
      consumes: true,
      call: (f, hd) => inject('POST', `/v1/referrals/${f.referralId}/decline`, hd, { reasonCode: 'other' }),
      expect: {
        caseworker: [200, 200, 403, 404, 404, 403],
        coordinator: [200, 200, 403, 404, 404, 403],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/referrals/{id}/withdraw',
      fixture: 'referral',
      consumes: true,
      call: (f, hd) => inject('POST', `/v1/referrals/${f.referralId}/withdraw`, hd, {}),
      expect: {
        caseworker: [403, 403, 403, 404, 404, 200],
        coordinator: [403, 403, 403, 404, 404, 200],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/referrals/{id}/client-details',
      fixture: 'details',
      consumes: true,
      call: (f, hd) =>
        inject('POST', `/v1/referrals/${f.referralId}/client-details`, hd, { decision: 'apply' }),
      expect: {
        caseworker: [200, 200, 200, 404, 404, 403],
        coordinator: [200, 200, 200, 404, 404, 403],
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'GET /v1/clients/{id}',
      fixture: 'case',
      call: (f, hd) => inject('GET', `/v1/clients/${f.clientId}`, hd),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'PUT /v1/clients/{id}/language',
      fixture: 'case',
      call: (f, hd) => inject('PUT', `/v1/clients/${f.clientId}/language`, hd, { preferredLanguage: 'fi' }),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(403),
      },
    },
    {
      name: 'POST /v1/clients/search',
      fixture: 'case',
      call: (f, hd) => inject('POST', '/v1/clients/search', hd, { identityCode: f.clientCode }),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(403),
      },
    },
    {
      name: 'GET /v1/clients/{id}/access-log',
      fixture: 'case',
      call: (f, hd) => inject('GET', `/v1/clients/${f.clientId}/access-log`, hd),
      expect: {
        caseworker: ALL(404),
        coordinator: ALL(404),
        auditor: PARTIES(200),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'GET /v1/cases',
      fixture: 'none',
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
      fixture: 'case',
      call: (f, hd) => inject('GET', `/v1/cases/${f.caseId}`, hd),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(200),
      },
    },
    {
      name: 'GET /v1/cases/{id}/timeline',
      fixture: 'case',
      call: (f, hd) => inject('GET', `/v1/cases/${f.caseId}/timeline`, hd),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'GET /v1/cases/{id}/colleagues',
      fixture: 'case',
      call: (f, hd) => inject('GET', `/v1/cases/${f.caseId}/colleagues`, hd),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: ALL(404),
      },
    },
    {
      name: 'POST /v1/cases/{id}/team',
      fixture: 'case',
      consumes: true,
      call: (f, hd) =>
        inject('POST', `/v1/cases/${f.caseId}/team`, hd, { staffId: staffIds.eaExtra ?? '', role: 'member' }),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'DELETE /v1/cases/{id}/team',
      fixture: 'case',
      consumes: true,
      call: (f, hd) => inject('DELETE', `/v1/cases/${f.caseId}/team?staffId=${staffIds.hvaExtra}`, hd),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'POST /v1/cases/{id}/duties-explained',
      fixture: 'case',
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/duties-explained`, hd, {}),
      // The employment authority and the HVA explain the duties (381/2023 §7(3)); Kela does not.
      expect: {
        caseworker: [201, 201, 403, 404, 404, 404],
        coordinator: [201, 201, 403, 404, 404, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'POST /v1/cases/{id}/review-requests',
      fixture: 'activeCase',
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/review-requests`, hd, { channel: 'written' }),
      expect: {
        caseworker: PARTIES(201),
        coordinator: PARTIES(201),
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'POST /v1/cases/{id}/review-requests/{requestId}/refusal',
      fixture: 'requestedCase',
      consumes: true,
      call: (f, hd) =>
        inject('POST', `/v1/cases/${f.caseId}/review-requests/${f.reviewRequestId}/refusal`, hd, {
          reasonCode: 'clearly_unnecessary',
          reason: 'Suunnitelma tarkistetaan joka tapauksessa ensi viikolla.',
        }),
      // Only the client's employment authority refuses (it owns the review clock, 381/2023 §6).
      expect: {
        caseworker: [201, 403, 403, 404, 404, 404],
        coordinator: [201, 403, 403, 404, 404, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'POST /v1/cases/{id}/ending',
      fixture: 'case',
      consumes: true,
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/ending`, hd, { reasonCode: 'employed' }),
      expect: {
        caseworker: PARTIES(201),
        coordinator: PARTIES(201),
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'POST /v1/cases/{id}/ending/confirmations',
      fixture: 'proposedCase',
      consumes: true,
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/ending/confirmations`, hd, {}),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'POST /v1/cases/{id}/ending/objections',
      fixture: 'proposedCase',
      consumes: true,
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/ending/objections`, hd, {}),
      expect: {
        caseworker: PARTIES(200),
        coordinator: PARTIES(200),
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
    {
      name: 'POST /v1/cases/{id}/transfer',
      fixture: 'case',
      consumes: true,
      // The client moved to Helsinki (380/2023 §17): recorded by the client's employment
      // authority or HVA; Kela, a party everywhere, does not move the case (403).
      call: (f, hd) => inject('POST', `/v1/cases/${f.caseId}/transfer`, hd, { homeMunicipalityCode: '091' }),
      expect: {
        caseworker: [200, 200, 403, 404, 404, 404],
        coordinator: [200, 200, 403, 404, 404, 404],
        auditor: ALL(404),
        admin: ALL(404),
        partner: PARTIES(403),
      },
    },
  ];

  const toRecord = (row: Row): Record<Relation, Cell> =>
    Object.fromEntries(RELATIONS.map((rel, i) => [rel, row[i]])) as Record<Relation, Cell>;
  const matrix = accessMatrix({
    roles: ROLES,
    relations: RELATIONS,
    caller: who,
    build,
    routes: routes.map((route) => ({
      name: route.name,
      fixture: route.fixture,
      ...(route.consumes ? { consumes: true } : {}),
      call: (f: Fixture, c: { headers: Record<string, string> }) => route.call(f, c.headers),
      expect: Object.fromEntries(ROLES.map((role) => [role, toRecord(route.expect[role])])) as Record<
        Role,
        Record<Relation, Cell>
      >,
    })),
  });

  beforeAll(async () => {
    h = await createReferralsTestApp();
    const specs = RELATIONS.flatMap((rel) =>
      (['caseworker', 'coordinator'] as const).map((role) => ({
        key: `${rel}-${role}`,
        org: ORG[rel],
        area: AREA[rel],
        role,
      })),
    );
    specs.push(
      { key: 'eaExtra', org: 'ea-kerava-sipoo', area: 'vantaa-kerava', role: 'caseworker' },
      { key: 'hvaExtra', org: 'hva-vantaa-kerava', area: 'vantaa-kerava', role: 'caseworker' },
    );
    await inBatches(specs, 4, async (spec) => {
      const sub = spec.key.endsWith('Extra') ? `${spec.key.slice(0, -5)}-extra` : spec.key;
      staffIds[spec.key] = await h.staff({ org: spec.org, sub, roles: [spec.role], areas: [spec.area] });
    });
    await matrix.build();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('has a row for every route of the service that touches a client, case or referral', () => {
    const registered = h.t.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((l) => /\/v1\/(referrals|clients|cases)/.test(l));
    expect(registered.length).toBeGreaterThan(0);
    expect(routes).toHaveLength(24);
  });

  matrix.tests(120_000);

  it('lists only what each caller may see', async () => {
    const f = matrix.shared('case');
    const pending = matrix.shared('referral');
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
    for (const rel of RELATIONS) {
      const sees = rel === 'ea' || rel === 'hva' || rel === 'kela';
      for (const role of ['caseworker', 'coordinator'] as const) {
        const referrals = await listed('/v1/referrals?limit=200', role, rel);
        expect([rel, role, referrals.includes(pending.referralId)]).toEqual([
          rel,
          role,
          sees || rel === 'referrer',
        ]);
        const cases = await listed('/v1/cases?limit=200', role, rel);
        expect([rel, role, cases.includes(f.caseId)]).toEqual([rel, role, sees]);
      }
      const partner = await listed('/v1/cases?limit=200', 'partner', rel);
      expect([rel, partner.includes(f.caseId)]).toEqual([rel, sees]);
    }
    // Partners see ids and statuses only.
    const partnerCase = await inject('GET', `/v1/cases/${f.caseId}`, who('partner', 'hva'));
    expect(partnerCase.json()).toEqual({ id: f.caseId, status: 'assessment' });
    // The identity code: in full on the team, masked otherwise.
    const onTeam = await inject('GET', `/v1/clients/${f.clientId}`, who('caseworker', 'hva'));
    expect(onTeam.json()).toMatchObject({ identityCode: f.clientCode, identityCodeMasked: false });
    const offTeam = await inject('GET', `/v1/clients/${f.clientId}`, who('coordinator', 'hva'));
    expect(offTeam.json()).toMatchObject({ identityCodeMasked: true });
    expect(offTeam.body).not.toContain(f.clientCode);
  });
});
