import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from './testing/test-app.js';

/**
 * The access matrix (architecture.md, Auth): every route × every role × the caller's
 * organisation relative to the case — `own` (hva-vantaa-kerava, whose caseworker accepted
 * and is on the team), `other` (ea-vantaa: another party of the same Vantaa–Kerava area,
 * allocated there, not on the team) and `unrelated` (hva-pirkanmaa). Coordinators see
 * every case of the areas they are allocated to. What a caller may not see is 404.
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
const AREA: Record<Relation, string> = {
  own: 'vantaa-kerava',
  other: 'vantaa-kerava',
  unrelated: 'pirkanmaa',
};

type Needs = 'case' | 'meeting' | 'held' | 'draft' | 'submitted' | 'agreed';
interface Fixture {
  caseId: string;
  meetingId: string;
  clientParticipantId: string;
  actionId: string;
  revision: number;
}
interface Route {
  name: string;
  needs: Needs;
  started?: boolean;
  call(f: Fixture, headers: Record<string, string>): Promise<{ statusCode: number }>;
  expect: Record<Role, [number, number, number]>;
}

const ALL = (s: number): [number, number, number] => [s, s, s];
/** Full access: on the team, or a coordinator of the area. */
const CASE = (s: number): Record<Role, [number, number, number]> => ({
  caseworker: [s, 404, 404],
  coordinator: [s, s, 404],
  auditor: ALL(404),
  admin: ALL(404),
  partner: ALL(404),
});

describe('planning access matrix', () => {
  let h: PlanningTestApp;
  let eaMember = '';
  const who = (role: Role, rel: Relation) => h.as(ORG[rel], [role], `${rel}-${role}`);
  const ownCw = (extra: Record<string, string> = {}) =>
    h.as(ORG.own, ['caseworker'], 'own-caseworker', extra);
  const eaCw = () => h.as('ea-kerava-sipoo', ['caseworker'], 'ea-member');
  const START = '2026-03-19T10:00:00Z';
  const STARTED = '2026-03-19T13:00:00Z';

  const complete = (owner = 'hva-vantaa-kerava') => ({
    mapping: { serviceNeed: 'a', situationSummary: 'b' },
    goals: ['g'],
    actions: [
      { ownerOrganisationCode: owner, type: 'social', description: 'Sosiaaliohjaus', dueOn: '2026-05-01' },
    ],
    followUp: 'f',
    workSearch: { obligation: 'applies' },
    clientReport: { dueOn: '2026-05-15', manner: 'm' },
    kelaRehabilitationNeeded: false,
  });

  async function fixture(needs: Needs): Promise<Fixture> {
    const f: Fixture = { caseId: '', meetingId: '', clientParticipantId: '', actionId: '', revision: 0 };
    f.caseId = (await h.openCase(ownCw(), [eaMember])).caseId;
    if (needs === 'meeting' || needs === 'held') {
      const m = await h.inject('POST', `/v1/cases/${f.caseId}/meetings`, ownCw(), {
        kind: 'planning',
        start: '2026-03-19T14:00',
        durationMinutes: 30,
        mode: 'remote',
        onlineUrl: 'https://meet.example.fi/x',
        agenda: [{ title: 'a' }],
        participants: { staff: [], client: { displayName: 'Asiakas' }, guests: [] },
        allowConflicts: true,
      });
      expect(m.statusCode).toBe(201);
      f.meetingId = m.json().id;
      f.clientParticipantId = m.json().participants.find((p: { kind: string }) => p.kind === 'client').id;
      if (needs === 'held') {
        h.clock.set(STARTED);
        expect(
          (await h.inject('POST', `/v1/meetings/${f.meetingId}/held`, ownCw(), { attendance: [] }))
            .statusCode,
        ).toBe(200);
        h.clock.set(START);
      }
    }
    if (needs === 'draft' || needs === 'submitted' || needs === 'agreed') {
      const put = await h.inject(
        'PUT',
        `/v1/cases/${f.caseId}/plan/draft`,
        ownCw({ 'if-match': '"r0"' }),
        complete(),
      );
      expect(put.statusCode).toBe(200);
      f.revision = put.json().draft.revision;
      f.actionId = put.json().draft.contents.actions[0].id;
      if (needs !== 'draft') {
        const sub = await h.inject(
          'POST',
          `/v1/cases/${f.caseId}/plan/draft/submit`,
          ownCw({ 'if-match': `"r${f.revision}"` }),
          {},
        );
        expect(sub.statusCode).toBe(200);
      }
      if (needs === 'agreed') {
        for (const [hd, body] of [
          [ownCw(), { approver: 'client', method: 'signature' }],
          [ownCw(), { approver: 'organisation' }],
          [eaCw(), { approver: 'organisation' }],
        ] as const) {
          const r = await h.inject('POST', `/v1/cases/${f.caseId}/plan/approvals`, hd, {
            draftRevision: f.revision,
            ...body,
          });
          expect(r.statusCode).toBe(201);
        }
      }
    }
    return f;
  }

  const routes: Route[] = [
    {
      name: 'POST /v1/cases/:caseId/meetings',
      needs: 'case',
      call: (f, hd) =>
        h.inject('POST', `/v1/cases/${f.caseId}/meetings`, hd, {
          kind: 'other',
          start: '2026-03-20T10:00',
          durationMinutes: 30,
          mode: 'in_person',
          address: 'Kauppakaari 11',
          agenda: [],
          participants: { staff: [], guests: [] },
          allowConflicts: true,
        }),
      expect: CASE(201),
    },
    {
      name: 'GET /v1/cases/:caseId/meetings',
      needs: 'meeting',
      call: (f, hd) => h.inject('GET', `/v1/cases/${f.caseId}/meetings`, hd),
      expect: CASE(200),
    },
    {
      name: 'GET /v1/meetings (calendar)',
      needs: 'case',
      call: (_f, hd) => h.inject('GET', '/v1/meetings', hd),
      expect: {
        caseworker: ALL(200),
        coordinator: ALL(200),
        auditor: ALL(403),
        admin: ALL(403),
        partner: ALL(403),
      },
    },
    {
      name: 'GET /v1/meetings/:id',
      needs: 'meeting',
      call: (f, hd) => h.inject('GET', `/v1/meetings/${f.meetingId}`, hd),
      expect: CASE(200),
    },
    {
      name: 'GET /v1/meetings/:id/invitation.ics',
      needs: 'meeting',
      call: (f, hd) => h.inject('GET', `/v1/meetings/${f.meetingId}/invitation.ics`, hd),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/meetings/:id/reschedule',
      needs: 'meeting',
      call: (f, hd) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/reschedule`, hd, {
          start: '2026-03-21T10:00',
          allowConflicts: true,
        }),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/meetings/:id/cancel',
      needs: 'meeting',
      call: (f, hd) => h.inject('POST', `/v1/meetings/${f.meetingId}/cancel`, hd, { reasonCode: 'other' }),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/meetings/:id/responses',
      needs: 'meeting',
      call: (f, hd) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/responses`, hd, {
          participantId: f.clientParticipantId,
          response: 'accepted',
        }),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/meetings/:id/held',
      needs: 'meeting',
      started: true,
      call: (f, hd) => h.inject('POST', `/v1/meetings/${f.meetingId}/held`, hd, { attendance: [] }),
      expect: CASE(200),
    },
    {
      name: 'PUT /v1/meetings/:id/minutes',
      needs: 'held',
      call: (f, hd) => h.inject('PUT', `/v1/meetings/${f.meetingId}/minutes`, hd, { items: [] }),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/meetings/:id/close',
      needs: 'held',
      call: (f, hd) => h.inject('POST', `/v1/meetings/${f.meetingId}/close`, hd, {}),
      expect: CASE(200),
    },
    {
      name: 'GET /v1/cases/:caseId/plan',
      needs: 'draft',
      call: (f, hd) => h.inject('GET', `/v1/cases/${f.caseId}/plan`, hd),
      expect: CASE(200),
    },
    {
      name: 'PUT /v1/cases/:caseId/plan/draft',
      needs: 'draft',
      call: (f, hd) =>
        h.inject(
          'PUT',
          `/v1/cases/${f.caseId}/plan/draft`,
          { ...hd, 'if-match': `"r${f.revision}"` },
          complete(),
        ),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/cases/:caseId/plan/draft/submit',
      needs: 'draft',
      call: (f, hd) =>
        h.inject(
          'POST',
          `/v1/cases/${f.caseId}/plan/draft/submit`,
          { ...hd, 'if-match': `"r${f.revision}"` },
          {},
        ),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/cases/:caseId/plan/approvals',
      needs: 'submitted',
      call: (f, hd) =>
        h.inject('POST', `/v1/cases/${f.caseId}/plan/approvals`, hd, {
          draftRevision: f.revision,
          approver: 'client',
          method: 'electronic',
        }),
      expect: CASE(201),
    },
    {
      name: 'POST /v1/cases/:caseId/plan/reviews',
      needs: 'agreed',
      call: (f, hd) => h.inject('POST', `/v1/cases/${f.caseId}/plan/reviews`, hd, { outcome: 'unchanged' }),
      // Only the client's employment authority (ea-kerava-sipoo) records a review (381/2023 §6):
      // the HVA and ea-vantaa see the case but get 403.
      expect: { ...CASE(403), caseworker: [403, 404, 404], coordinator: [403, 403, 404] },
    },
    {
      name: 'GET /v1/cases/:caseId/plan/versions',
      needs: 'agreed',
      call: (f, hd) => h.inject('GET', `/v1/cases/${f.caseId}/plan/versions`, hd),
      expect: { ...CASE(200), partner: [200, 200, 404] },
    },
    {
      name: 'GET /v1/cases/:caseId/plan/versions/:n',
      needs: 'agreed',
      call: (f, hd) => h.inject('GET', `/v1/cases/${f.caseId}/plan/versions/1`, hd),
      expect: CASE(200),
    },
    {
      name: 'GET /v1/cases/:caseId/plan/diff',
      needs: 'agreed',
      call: (f, hd) => h.inject('GET', `/v1/cases/${f.caseId}/plan/diff?from=1&to=1`, hd),
      expect: CASE(200),
    },
    {
      name: 'PUT /v1/cases/:caseId/plan/actions/:actionId/status',
      needs: 'agreed',
      call: (f, hd) =>
        h.inject('PUT', `/v1/cases/${f.caseId}/plan/actions/${f.actionId}/status`, hd, {
          status: 'in_progress',
        }),
      // The action is owned by hva-vantaa-kerava: the area's other party sees it but may not change it.
      expect: { ...CASE(200), coordinator: [200, 403, 404] },
    },
  ];

  beforeAll(async () => {
    h = await createPlanningTestApp(START);
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    eaMember = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'ea-member',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    for (const rel of RELATIONS) {
      for (const role of ['caseworker', 'coordinator'] as const) {
        await h.staff({ org: ORG[rel], sub: `${rel}-${role}`, roles: [role], areas: [AREA[rel]] });
      }
    }
  });
  afterAll(async () => {
    await h.close();
  });

  for (const route of routes) {
    it(`${route.name}`, async () => {
      const got: Record<string, [number, number, number]> = {};
      for (const role of ROLES) {
        const row: number[] = [];
        for (const rel of RELATIONS) {
          const f = await fixture(route.needs);
          if (route.started) h.clock.set(STARTED);
          row.push((await route.call(f, who(role, rel))).statusCode);
          h.clock.set(START);
        }
        got[role] = row as [number, number, number];
      }
      expect(got).toEqual(route.expect);
    });
  }
});
